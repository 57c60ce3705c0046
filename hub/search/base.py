"""What every backend offers, and the small values passed between the service and a backend."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from hub.search.documents import Doc
from hub.search.syntax import Parsed

SORTS = ("relevance", "date")


@dataclass(frozen=True)
class Filters:
    types: tuple[str, ...] = ()  # empty: every type
    space_ids: tuple[int, ...] = ()  # empty: every category
    solved: bool = False


@dataclass(frozen=True)
class Candidate:
    """A match as the index knows it; the database decides whether the viewer sees it."""

    type: str
    id: int
    score: float


class Unavailable(Exception):
    """The index cannot answer this search; ask the database instead. `rebuilding` says
    whether the index is being rebuilt (else only this search failed)."""

    def __init__(self, rebuilding: bool = True):
        super().__init__("rebuilding" if rebuilding else "search failed")
        self.rebuilding = rebuilding


class Backend(Protocol):
    name: str

    def index(self, docs: Iterable[Doc], *, new: bool = False) -> None:
        """Add or replace documents; `new` promises none of them is indexed yet."""
        ...

    def remove(self, keys: Iterable[str]) -> None: ...

    def search(self, parsed: Parsed, filters: Filters, sort: str, limit: int) -> list[Candidate]:
        """Best first. Raises: Unavailable."""
        ...

    def snippets(self, parsed: Parsed, texts: dict[str, str]) -> dict[str, str]:
        """Safe HTML snippets (matches in <mark>) for the given key -> plain text."""
        ...

    def rebuild(
        self,
        docs: Iterable[Doc | None],
        progress: Callable[[int], None] | None = None,
        *,
        procs: int = 1,
    ) -> int: ...

    def clear(self) -> None: ...

    def flush(self) -> None: ...

    def health(self) -> dict: ...

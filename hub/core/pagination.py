"""One page of a list, and what the templates need to link the others."""

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    items: list[T]
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    def numbers(self, around: int = 2) -> list[int | None]:
        """The page numbers a pager links: the first, the last and `around` either side of this
        one, with None for each run left out. As long for page 3 of 500 as of 3 of 10."""
        near = range(max(1, self.number - around), min(self.pages, self.number + around) + 1)
        shown: list[int | None] = []
        for n in sorted({1, self.pages, *near}):
            if shown and n - shown[-1] > 1:
                shown.append(None)
            shown.append(n)
        return shown


def page_number(raw, default: int = 1) -> int:
    """A page number from a query string; anything odd becomes the first page."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return default
    return number if 1 <= number <= 100_000 else default

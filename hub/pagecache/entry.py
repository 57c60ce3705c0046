"""One cached page: the response as rendered, and what it depends on."""

import json
import time
from dataclasses import dataclass, field

from hub.core.security_headers import new_nonce

CSP = "Content-Security-Policy"


@dataclass(frozen=True)
class Entry:
    status: str  # "200 OK"
    headers: tuple[tuple[str, str], ...]  # exactly those of the rendered response
    body: bytes
    nonce: str  # the CSP nonce in `headers` and `body`, swapped for a fresh one on every hit
    generation: int  # the store's generation read before rendering (see LocalStore)
    depends: tuple[str, ...]  # version names: "site", "topic:12", ...
    counts_view: int | None = None  # the topic whose view count a hit adds to
    stored_at: float = field(default_factory=time.time)

    def age(self, now: float | None = None) -> float:
        return (time.time() if now is None else now) - self.stored_at

    def serve(self, how: str) -> tuple[str, list[tuple[str, str]], bytes]:
        """Status, headers and body with a nonce of its own, as if rendered just now; `how`
        goes into the X-Cache header. Both nonces have the same length: Content-Length holds."""
        old, new = self.nonce, new_nonce()
        headers = [(k, v.replace(old, new) if k == CSP else v) for k, v in self.headers]
        headers.append(("X-Cache", how))
        return self.status, headers, self.body.replace(old.encode(), new.encode())

    def to_bytes(self) -> bytes:
        """For a shared store: a JSON line, then the body as it is."""
        meta = {
            "status": self.status,
            "headers": self.headers,
            "nonce": self.nonce,
            "generation": self.generation,
            "depends": self.depends,
            "counts_view": self.counts_view,
            "stored_at": self.stored_at,
        }
        return json.dumps(meta).encode() + b"\n" + self.body

    @classmethod
    def from_bytes(cls, raw: bytes) -> "Entry":
        line, _, body = raw.partition(b"\n")
        meta = json.loads(line)
        return cls(
            status=meta["status"],
            headers=tuple((k, v) for k, v in meta["headers"]),
            body=body,
            nonce=meta["nonce"],
            generation=meta["generation"],
            depends=tuple(meta["depends"]),
            counts_view=meta["counts_view"],
            stored_at=meta["stored_at"],
        )

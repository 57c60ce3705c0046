"""Adapters that carry hub posts to social networks; Flask-free, importing nothing from `hub`."""

from spokes.base import Spoke
from spokes.facebook import FacebookSpoke
from spokes.mastodon import MastodonSpoke
from spokes.twitter import XSpoke

REGISTRY: dict[str, type[Spoke]] = {
    "facebook": FacebookSpoke,
    "x": XSpoke,
    "mastodon": MastodonSpoke,
}


def get(name: str) -> type[Spoke]:
    """The adapter class for a network name. Raises: KeyError naming the known networks."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown spoke {name!r}; known: {', '.join(sorted(REGISTRY))}") from None

"""The sections of the admin area: each page family registers itself here, and the overview,
the admin navigation and the header menu show the sections the user's role allows."""

from dataclasses import dataclass

from hub import permissions


@dataclass(frozen=True)
class Section:
    endpoint: str  # the section's first page
    label: object  # lazy strings: translated when shown
    summary: object
    rule: str  # the `permissions.can` name that lets a user in
    order: int = 100


_SECTIONS: list[Section] = []


def add(section: Section) -> None:
    _SECTIONS.append(section)
    _SECTIONS.sort(key=lambda s: (s.order, s.endpoint))


def visible_to(user) -> list[Section]:
    return [s for s in _SECTIONS if permissions.can(s.rule, user)]

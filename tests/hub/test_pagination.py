"""The pager links the first and last pages and two either side of the current one, with one
gap mark for each run left out, however many pages there are."""

import pytest

from hub.core.pagination import Page


def pager(number: int, pages: int) -> list[int | None]:
    return Page([], number, per_page=20, total=pages * 20).numbers()


@pytest.mark.parametrize(
    ("number", "pages", "shown"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 74, [1, 2, 3, None, 74]),
        (3, 74, [1, 2, 3, 4, 5, None, 74]),
        (5, 74, [1, None, 3, 4, 5, 6, 7, None, 74]),
        (4, 74, [1, 2, 3, 4, 5, 6, None, 74]),
        (72, 74, [1, None, 70, 71, 72, 73, 74]),
        (74, 74, [1, None, 72, 73, 74]),
        (90, 74, [1, None, 74]),  # past the end: a list page that has emptied meanwhile
    ],
)
def test_pages_shown(number, pages, shown):
    assert pager(number, pages) == shown


def test_as_long_for_ten_thousand_pages_as_for_ten():
    assert len(pager(5_000, 10_000)) == len(pager(5, 10)) == 9

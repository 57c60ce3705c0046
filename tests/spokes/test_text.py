"""Shaping a post for a network's length limit: the hub link always survives."""

import pytest

from spokes.text import ELLIPSIS, shape, weight

LINK = "https://community.example.com/go/Ab3dE"


def x_shape(text, **options):
    return shape(text, LINK, limit=options.pop("limit", 280), link_weight=23, **options)


def x_weight(text):
    return weight(text, link_weight=23)


def test_short_text_is_kept_whole_with_the_link_at_the_end():
    assert x_shape("Router keeps rebooting") == f"Router keeps rebooting\n\n{LINK}"


def test_long_text_is_cut_at_a_word_boundary_and_keeps_the_link():
    text = "word " * 100

    shaped = x_shape(text)

    body, link = shaped.rsplit("\n\n", 1)
    assert link == LINK
    assert body.endswith("word" + ELLIPSIS)
    assert x_weight(shaped) <= 280
    assert x_weight(shaped) > 280 - len("word …")  # as much text as fits, not less


def test_a_mention_is_never_cut_in_half():
    text = "Thanks " + "@someone_with_a_long_handle " * 3

    shaped = shape(text, LINK, limit=60, link_weight=23)

    assert shaped == f"Thanks @someone_with_a_long_handle{ELLIPSIS}\n\n{LINK}"


def test_trailing_punctuation_is_dropped_before_the_ellipsis():
    shaped = shape("First, second, third, fourth", LINK, limit=41, link_weight=23)

    assert shaped == f"First, second{ELLIPSIS}\n\n{LINK}"


def test_every_link_counts_as_link_weight_however_long():
    long_url = "https://example.com/" + "a" * 200
    text = f"See {long_url} for details"

    assert x_shape(text) == f"{text}\n\n{LINK}"
    assert x_weight(text) == len("See  for details") + 23


def test_without_link_weight_links_count_their_real_length():
    shaped = shape("x" * 10, LINK, limit=len(LINK) + 5, link_weight=None)

    assert shaped == LINK  # the single word does not fit, the link does


def test_hashtags_are_appended_when_they_fit():
    shaped = x_shape("New FAQ entry", hashtags=("routers", "#help"))

    assert shaped == f"New FAQ entry\n\n#routers #help\n\n{LINK}"


def test_hashtags_that_do_not_fit_are_left_out_in_order():
    text = "x" * 250

    shaped = x_shape(text, hashtags=("toolongtofit", "ok"))

    assert shaped == f"{text}\n\n#ok\n\n{LINK}"


def test_hashtags_give_way_before_any_text_is_cut():
    text = "y" * 250

    assert x_shape(text, hashtags=("help",)) == f"{text}\n\n{LINK}"


def test_hashtags_are_normalised():
    shaped = x_shape("Hi", hashtags=(" Home Network ", "##wifi", "  "))

    assert "#HomeNetwork #wifi\n\n" in shaped


def test_measure_weighs_plain_text():
    def double(text):
        return 2 * len(text)

    shaped = shape("日本語 " * 50, LINK, limit=100, link_weight=23, measure=double)

    assert weight(shaped, link_weight=23, measure=double) <= 100
    assert shaped.endswith(f"{ELLIPSIS}\n\n{LINK}")


def test_a_link_longer_than_the_limit_is_an_error():
    with pytest.raises(ValueError):
        shape("Hi", LINK, limit=10, link_weight=None)


def test_facebook_sized_text_is_shaped_quickly():
    text = "lorem ipsum " * 10_000  # 120,000 characters

    shaped = shape(text, LINK, limit=63_206, link_weight=None)

    assert len(shaped) <= 63_206
    assert shaped.endswith(LINK)

"""Optional tags: parsed from what people type, limited, and reused."""

import pytest
from sqlalchemy import func, select

from hub.core.errors import Invalid
from hub.forums import tags
from hub.forums.models import Tag


class TestTags:
    @pytest.mark.parametrize(
        ("raw", "names"),
        [
            ("Router, WLAN  ipv6", ["router", "wlan", "ipv6"]),
            (["Router", "#wlan", " ipv6 "], ["router", "wlan", "ipv6"]),
            ("router router ROUTER", ["router"]),
            ("glasfaser-anschluss störung", ["glasfaser-anschluss", "störung"]),
            ("", []),
            (None, []),
        ],
    )
    def test_parse(self, raw, names):
        assert tags.parse(raw) == names

    def test_at_most_five(self):
        assert len(tags.parse("a b c d e")) == 5
        with pytest.raises(Invalid) as error:
            tags.parse("a b c d e f")
        assert set(error.value.fields) == {"tags"}

    @pytest.mark.parametrize("bad", ["c++", "-router", "x" * 31, "<b>", "wlan!"])
    def test_bad_tags_are_named(self, bad):
        with pytest.raises(Invalid) as error:
            tags.parse(f"router {bad}")
        assert bad in error.value.fields["tags"]

    def test_existing_tags_are_reused(self, db):
        first = tags.find_or_create("router wlan")
        db.session.commit()
        again = tags.find_or_create(["WLAN", "ipv6"])
        db.session.commit()
        assert again[0].id == first[1].id
        assert db.session.scalar(select(func.count()).select_from(Tag)) == 3

"""The demo community's FAQ: at least 15 entries, German and English, in the demo's categories."""

import pytest

from hub import demo_data
from hub.faq import demo, queries
from hub.forums import service as forums
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures("db")


def test_demo_faq_loads_into_the_demo_categories():
    for slug, name, description in demo_data.CATEGORIES:
        forums.create_category(slug, name, description)
    people = {name: make_user(name, role="expert") for name, _ in demo_data.EXPERTS}
    created = demo.load(people)
    entries = queries.entries(None)
    assert len(created) == len(entries) >= 15
    questions = " ".join(entry.question for entry in entries)
    assert "Wie" in questions and "How" in questions
    assert all(entry.maintainer is not None for entry in entries)

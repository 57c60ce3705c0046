"""The forum benchmark's extra pages: the FAQ and company wall it seeds, and how it grades rows."""

from benchmarks import corpus, report
from benchmarks.load import LoadResult
from benchmarks.seed_pages import FAQ_PER_CATEGORY, WALL_POSTS, seed_pages
from hub.forums import service as forums
from tests.factories import make_user


def test_seeds_an_faq_and_a_company_wall_that_visitors_see(app, client):
    for slug, name, description in corpus.CATEGORIES:
        forums.create_category(slug, name, description)
    make_user(role="expert")
    for _ in range(3):
        make_user()

    counts = seed_pages()

    assert counts["FAQ entries"] == FAQ_PER_CATEGORY * len(corpus.CATEGORIES)
    faq = client.get("/faq/").get_data(as_text=True)
    assert faq.count('class="panel faq-entry"') == counts["FAQ entries"]
    wall = client.get("/company").get_data(as_text=True)
    assert f"(Team news {WALL_POSTS})" in wall  # the newest first


def _result(rps: float, hits: int = 0, misses: int = 0) -> LoadResult:
    result = LoadResult("/", seconds=1.0)
    result.statuses[200] = int(rps)
    result.cache.update(hit=hits, miss=misses)
    return result


def test_rows_say_which_goal_they_meet():
    visitor = report.page_row("visitor", "home", _result(850, hits=849, misses=1), 1000)
    slow = report.page_row("visitor", "FAQ", _result(500), 1000)
    member = report.page_row("member", "home", _result(450), 1000)

    assert (visitor["goal_met"], slow["goal_met"], member["goal_met"]) == (True, False, True)
    assert visitor["cache_hit_pct"] == 99.9 and slow["cache_hit_pct"] is None
    table = report.table([visitor, slow, member])
    assert "| visitor | home | 850.0 |" in table and "≥ 80 %: met" in table
    assert "≥ 80 %: not yet" in table and "≥ 40 %: met" in table
    assert report.goal_summary([visitor, slow, member]) == [
        "visitor goal (≥ 80 % of bare): 1 of 2 pages meet it; not yet: FAQ",
        "member goal (≥ 40 % of bare): 1 of 1 pages meet it",
    ]

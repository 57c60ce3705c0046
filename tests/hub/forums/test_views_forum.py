"""Forum pages: what visitors, members and experts see, and the forms and buttons behind them."""

import json
import re
import time

import pytest
import socketio
from sqlalchemy import func, select

from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.faq import service as faq
from hub.forums import answers, follows
from hub.forums import service as forums
from hub.forums.models import BODY_MAX, Follow, Post, PostRevision, Topic, Vote
from tests.factories import make_category, make_reply, make_topic, make_user, reload

pytestmark = pytest.mark.usefixtures("db")


def rows() -> dict[str, int]:
    db.session.expire_all()
    models = (Topic, Post, PostRevision, Vote, Follow)
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in models}


def html_of(response) -> str:
    return response.get_data(as_text=True)


def canonical(topic) -> str:
    return f"/t/{topic.id}-{topic.slug}"


def json_ld(html: str) -> dict:
    match = re.search(
        r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S
    )
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def meta(html: str, name: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    assert match, f"no {name} meta tag"
    return match.group(1)


def article(html: str, anchor: str) -> str:
    match = re.search(rf'<article id="{anchor}".*?</article>', html, re.S)
    assert match, f"no article #{anchor}"
    return match.group(0)


@pytest.fixture
def category():
    return make_category("router")


@pytest.fixture
def asker():
    return make_user("mia")


@pytest.fixture
def helper():
    return make_user("hans")


@pytest.fixture
def expert():
    return make_user("erik", role="expert")


@pytest.fixture
def question(category, asker):
    return make_topic(
        asker, category, title="Router drops the line every evening", body="Since **Monday**."
    )


@pytest.fixture
def answered(question, helper, expert):
    """A question with a member's reply (accepted) and an expert's reply (official)."""
    reply = make_reply(question, helper, "Switch to channel 36.")
    official = make_reply(question, expert, "Firmware 7.57 fixes it.")
    answers.mark_official(expert, official.id)
    answers.accept_answer(question.author, reply.id)
    return question, reply, official


# --- browsing -------------------------------------------------------------------------------


class TestHomeAndLists:
    def test_home_shows_categories_tabs_and_recent_topics(self, client, question):
        html = html_of(client.get("/"))
        assert "Router" in html and "1 topic" in html
        for path in ("/latest", "/unanswered", "/solved"):
            assert f'href="{path}"' in html
        assert question.title in html

    def test_filters_list_the_right_topics(self, client, answered, category, asker):
        open_question = make_topic(asker, category, title="Where is the WPS button?")
        solved = html_of(client.get("/solved"))
        unanswered = html_of(client.get("/unanswered"))
        assert answered[0].title in solved and open_question.title not in solved
        assert open_question.title in unanswered and answered[0].title not in unanswered
        assert 'aria-current="page">Solved' in solved

    def test_private_topics_stay_out_of_lists_for_members(self, client, login, expert, asker):
        secret = make_topic(expert, make_category("team", private=True), title="Team only notes")
        login(asker)
        assert secret.title not in html_of(client.get("/latest"))
        assert client.get("/c/team").status_code == 404

    def test_lists_paginate(self, client, category, asker):
        for n in range(32):
            forums.create_topic(asker, category.slug, "question", f"Question number {n}", "Body.")
        first = html_of(client.get("/latest"))
        second = html_of(client.get("/latest?page=2"))
        assert "Question number 31" in first and "Question number 0" not in first
        assert "Question number 0" in second and 'href="/latest?page=2"' in first


class TestCategoryPage:
    def test_lists_topics_with_marks_counts_and_tags(self, client, answered, category, asker):
        forums.create_topic(asker, category.slug, "discussion", "Speed test results", "Hi", "speed")
        html = html_of(client.get("/c/router"))
        first, second = html.index("Speed test results"), html.index(answered[0].title)
        assert first < second  # newest activity first
        row = html[second - 600 : second + 900]
        assert "solved" in row and "Team answered" in row
        assert "<strong>2</strong> replies" in row
        assert 'class="tag">speed<' in html
        assert '<span class="badge badge-team"' in html

    def test_visitor_gets_log_in_instead_of_ask_and_no_follow(self, client, category):
        html = html_of(client.get("/c/router"))
        assert "Log in to ask" in html and "/c/router/follow" not in html

    def test_member_follows_and_unfollows_the_category(self, client, login, category, asker):
        login(asker)
        assert "Ask a question" in html_of(client.get("/c/router"))
        response = client.post("/c/router/follow", data={"next": "/c/router"})
        assert response.status_code == 302 and response.location.endswith("/c/router")
        assert follows.is_following(asker, "space", category.id)
        assert "/c/router/unfollow" in html_of(client.get("/c/router"))
        client.post("/c/router/unfollow")
        assert not follows.is_following(asker, "space", category.id)

    def test_filter_tabs_and_unknown_category(self, client, category):
        html = html_of(client.get("/c/router?filter=unanswered"))
        assert 'aria-current="page">Unanswered' in html
        assert client.get("/c/nope").status_code == 404


# --- asking -------------------------------------------------------------------------------


def ask(client, **fields):
    data = {
        "category": "router",
        "kind": "question",
        "title": "My router drops the line",
        "body": "Every evening at 8 pm.",
        "tags": "router, wlan",
    }
    data.update(fields)
    return client.post("/ask", data=data)


class TestAsk:
    def test_visitor_is_sent_to_log_in(self, client, category):
        response = client.get("/c/router/ask")
        assert response.status_code == 302 and "/login" in response.location

    def test_form_preselects_the_category(self, client, login, category, asker):
        login(asker)
        html = html_of(client.get("/c/router/ask"))
        assert '<option selected value="router">' in html
        assert 'data-similar-url="/similar"' in html and "Maybe already answered:" in html

    def test_member_asks_and_lands_on_the_topic(self, client, login, category, asker):
        login(asker)
        response = ask(client)
        topic = db.session.scalar(select(Topic))
        assert response.status_code == 302 and response.location == canonical(topic)
        assert [t.name for t in topic.tags] == ["router", "wlan"]
        page = html_of(client.get(response.location))
        assert "My router drops the line" in page and "Your question is posted." in page

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"title": ""}, "at least 5 letters"),
            ({"title": "     "}, "at least 5 letters"),
            ({"title": "?!?!?! ... ???"}, "at least 5 letters"),
            ({"body": "   "}, "Write something first."),
            ({"body": "x" * (BODY_MAX + 1)}, f"At most {BODY_MAX} characters."),
            ({"tags": "a b c d e f"}, "At most 5 tags."),
            ({"kind": "poll"}, "Not a valid choice."),
            ({"category": "nope"}, "There is no such category."),
        ],
    )
    def test_bad_input_is_refused_and_the_text_kept(
        self, client, login, category, asker, fields, message
    ):
        login(asker)
        before = rows()
        typed = {"title": "Kept title here", "body": "Kept body text"}
        typed.update(fields)
        response = ask(client, **typed)
        html = html_of(response)
        assert response.status_code == 400
        assert message in html
        assert rows() == before
        if typed["title"].strip():
            assert f'value="{typed["title"]}"' in html
        if typed["body"].strip() and len(typed["body"]) < 100:
            assert typed["body"] in html

    def test_private_category_is_refused_for_a_member(self, client, login, expert, asker):
        make_category("team", private=True)
        login(asker)
        before = rows()
        response = ask(client, category="team", title="Sneaking into the team room")
        assert response.status_code == 400
        assert "This area is for the team only." in html_of(response)
        assert "Sneaking into the team room" in html_of(response)
        assert rows() == before

    def test_private_category_page_is_not_found_for_a_member(self, client, login, asker):
        make_category("team", private=True)
        login(asker)
        assert client.get("/c/team/ask").status_code == 404

    def test_the_select_offers_only_categories_the_member_may_post_in(
        self, client, login, category, asker
    ):
        make_category("team", private=True)
        login(asker)
        html = html_of(client.get("/ask"))
        assert 'value="router"' in html and 'value="team"' not in html


class TestPreviewAndSimilar:
    def test_preview_renders_markdown(self, client, login, asker):
        login(asker)
        response = client.post("/preview", json={"body": "**bold** and `code`"})
        assert response.status_code == 200
        assert response.get_json()["html"] == (
            "<p><strong>bold</strong> and <code>code</code></p>\n"
        )

    @pytest.mark.parametrize(
        "body",
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href='javascript:alert(1)'>x</a>",
        ],
    )
    def test_preview_never_lets_script_through(self, client, login, asker, body):
        login(asker)
        html = client.post("/preview", json={"body": body}).get_json()["html"]
        assert "<script" not in html and "<img" not in html
        assert not re.search(r"<[^>]*\son\w+=", html)  # no event handler attributes
        assert 'href="javascript' not in html

    def test_preview_refuses_visitors_and_oversized_text(self, client, login, asker):
        assert client.post("/preview", json={"body": "hi"}).status_code == 401
        login(asker)
        response = client.post("/preview", json={"body": "x" * (BODY_MAX + 1)})
        assert response.status_code == 400 and "At most" in response.get_json()["error"]["message"]
        assert client.post("/preview", json={"body": 5}).status_code == 400

    def test_preview_needs_the_csrf_header(self, app, client, login, asker, monkeypatch):
        login(asker)
        monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
        page = html_of(client.get("/ask"))
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        assert client.post("/preview", json={"body": "hi"}).status_code == 400
        response = client.post("/preview", json={"body": "hi"}, headers={"X-CSRFToken": token})
        assert response.status_code == 200

    def test_similar_lists_visible_questions_solved_first(self, client, answered, asker, expert):
        question = answered[0]
        make_topic(asker, question.space, title="Router drops again after the update")
        make_topic(expert, make_category("team", private=True), title="Router drops: team notes")
        found = client.get("/similar?title=router drops").get_json()
        assert [item["title"] for item in found] == [
            "Router drops the line every evening",
            "Router drops again after the update",
        ]
        assert found[0] == {
            "kind": "question",
            "title": question.title,
            "url": canonical(question),
            "solved": True,
            "category": question.space.name,
        }
        assert client.get("/similar?title=").get_json() == []

    def test_similar_puts_faq_entries_first(self, client, answered, expert):
        entry = faq.create_entry(expert, "router", "Router drops: what to do", "Restart it.")
        found = client.get("/similar?title=router drops").get_json()
        assert found[0] == {
            "kind": "faq",
            "title": "Router drops: what to do",
            "url": f"/faq/{entry.id}-{entry.slug}",
            "solved": True,
            "category": "FAQ · Router",
        }
        assert found[1]["title"] == answered[0].title


# --- reading ------------------------------------------------------------------------------


class TestTopicPage:
    def test_short_and_wrong_urls_redirect_to_the_canonical_one(self, client, question):
        for path in (f"/t/{question.id}", f"/t/{question.id}-wrong-slug"):
            response = client.get(path + "?page=1&quote=3")
            assert response.status_code == 301
            assert response.location == canonical(question) + "?quote=3"
        assert client.get(canonical(question)).status_code == 200
        assert client.get("/t/999999").status_code == 404

    def test_private_topic_is_not_found_for_members(self, client, login, expert, asker):
        secret = make_topic(expert, make_category("team", private=True), title="Team only notes")
        login(asker)
        assert client.get(canonical(secret)).status_code == 404
        assert client.get(f"/t/{secret.id}/posts.json?after=1").status_code == 404

    def test_visitor_sees_answers_counts_and_an_invitation(self, client, answered):
        question, _reply, _official = answered
        html = html_of(client.get(canonical(question)))
        assert "Log in to answer" in html and "Join to answer" in html
        assert "/vote" not in html and "/accept" not in html and "/official" not in html
        assert "Quote" not in html and "Edit</a>" not in html
        assert "0 votes" in html
        assert 'action="/t/' not in html  # no reply form, no follow button

    def test_accepted_and_official_answers_sit_under_the_question(self, client, answered):
        question, _reply, _official = answered
        html = html_of(client.get(canonical(question)))
        question_at = html.index('id="post-1"')
        accepted_at = html.index('id="pinned-2"')
        official_at = html.index('id="pinned-3"')
        thread_at = html.index('id="post-2"')
        assert question_at < accepted_at < official_at < thread_at
        accepted = article(html, "pinned-2")
        assert "Accepted answer" in accepted
        assert f'href="{canonical(question)}#post-2">view in thread' in accepted
        stamp = article(html, "pinned-3")
        assert re.search(
            r"Official answer by erik, Nabe team, \d+ seconds? after the question", stamp
        )
        assert '<span class="badge badge-team"' in stamp  # the expert's team badge
        assert "✓</span> solved" in html

    def test_member_sees_vote_quote_and_the_reply_form(self, client, login, answered, asker):
        question, reply, official = answered
        answers.vote(asker, reply.id)
        login(asker)
        html = html_of(client.get(canonical(question)))
        voted = article(html, "post-2")
        assert f'action="/p/{reply.id}/unvote"' in voted and 'aria-pressed="true"' in voted
        assert "Helpful · 1" in voted
        assert f'action="/p/{official.id}/vote"' in article(html, "post-3")
        # The asker accepts and may change it; only the team marks official answers.
        assert f'action="/t/{question.id}/unaccept"' in voted
        assert f'action="/p/{official.id}/accept"' in article(html, "post-3")
        assert "/official" not in html and "/unofficial" not in html
        assert f"/p/{reply.id}/edit" not in html  # not hers
        assert "data-reply-form" in html and "Log in to answer" not in html
        assert f"?quote={reply.id}#reply" in voted

    def test_no_vote_button_on_own_posts(self, client, login, answered, helper):
        question, reply, _official = answered
        login(helper)
        html = html_of(client.get(canonical(question)))
        own = article(html, "post-2")
        assert "/vote" not in own and "0 votes" in own
        assert f"/p/{reply.id}/edit" in own
        assert f"/t/{question.id}/unaccept" not in html  # not the asker

    def test_expert_sees_official_and_accept_buttons(self, client, login, answered, expert):
        question, _reply, official = answered
        login(expert)
        html = html_of(client.get(canonical(question)))
        assert f'action="/p/{official.id}/unofficial"' in article(html, "post-3")
        assert "/official" not in article(html, "post-2")  # a member's reply
        assert f'action="/t/{question.id}/unaccept"' in article(html, "post-2")

    def test_pagination_shows_twenty_replies_a_page(self, client, question):
        people = [make_user() for _ in range(3)]
        for n in range(45):
            make_reply(question, people[n % 3], f"Reply text number {n + 2:02d}.")
        html = html_of(client.get(canonical(question) + "?page=2"))
        numbers = [int(n) for n in re.findall(r'<article id="post-(\d+)"', html)]
        assert numbers == [1, *range(22, 42)]
        assert "page 2 of 3" in html
        assert f'href="{canonical(question)}?page=3"' in html
        assert f'<link rel="canonical" href="http://localhost{canonical(question)}?page=2">' in html
        last = client.get(canonical(question) + "?page=9")
        assert last.status_code == 302 and last.location.endswith("?page=3")

    def test_hidden_post_shows_the_reason_to_others_and_the_original_to_its_author(
        self, client, login, question, helper, asker
    ):
        reply = make_reply(question, helper, "Buy my cheap routers at spam.example")
        reply.hidden_at, reply.hidden_reason = utcnow(), "Advertising"
        db.session.commit()
        visitor = html_of(client.get(canonical(question)))
        assert "Hidden by the moderators: Advertising" in visitor
        assert "spam.example" not in visitor
        login(asker)
        assert "spam.example" not in html_of(client.get(canonical(question)))
        client.post("/logout")
        login(helper)
        own = html_of(client.get(canonical(question)))
        assert "spam.example" in own and "Only its author and the team see it." in own

    def test_quote_without_javascript_prefills_the_reply_box(self, client, login, answered, asker):
        question, reply, _official = answered
        login(asker)
        html = html_of(client.get(canonical(question) + f"?quote={reply.id}"))
        assert "@hans wrote:\n&gt; Switch to channel 36." in html

    def test_opening_post_edit_shows_the_edited_mark(self, client, question, asker):
        opening = db.session.scalar(
            select(Post).where(Post.topic_id == question.id, Post.number == 1)
        )
        forums.edit_post(asker, opening.id, "Since Monday, every evening.", reason="clearer")
        html = html_of(client.get(canonical(question)))
        assert f'href="/p/{opening.id}/revisions"' in html and ">edited<" in html

    def test_pages_render_in_german(self, client, answered):
        question = answered[0]
        german = {"Accept-Language": "de-DE,de;q=0.9"}
        for path in ("/", "/c/router", canonical(question), "/latest"):
            response = client.get(path, headers=german)
            assert response.status_code == 200 and '<html lang="de">' in html_of(response)

    def test_post_permalink_goes_to_its_page(self, client, question):
        people = [make_user() for _ in range(2)]
        posts = [make_reply(question, people[n % 2], f"Reply {n}") for n in range(25)]
        response = client.get(f"/p/{posts[-1].id}")
        assert response.status_code == 302
        assert response.location == canonical(question) + "?page=2#post-26"


class TestMetaTags:
    def test_open_graph_twitter_and_canonical(self, client, answered):
        question = answered[0]
        html = html_of(client.get(f"/t/{question.id}" + f"-{question.slug}"))
        url = f"http://localhost{canonical(question)}"
        assert f'<link rel="canonical" href="{url}">' in html
        assert meta(html, "og:title") == question.title
        assert meta(html, "og:description") == "Since Monday."
        assert meta(html, "og:type") == "article"
        assert meta(html, "og:url") == url
        assert meta(html, "og:site_name") == "Nabe"
        assert meta(html, "twitter:card") == "summary"
        assert meta(html, "twitter:title") == question.title

    def test_qa_page_structured_data(self, client, answered):
        question, _reply, official = answered
        answers.vote(question.author, official.id)
        data = json_ld(html_of(client.get(canonical(question))))
        assert data["@context"] == "https://schema.org" and data["@type"] == "QAPage"
        entity = data["mainEntity"]
        assert entity["@type"] == "Question" and entity["name"] == question.title
        assert entity["text"] == "Since Monday." and entity["answerCount"] == 2
        assert entity["author"]["name"] == "mia"
        accepted = entity["acceptedAnswer"]
        assert accepted["text"] == "Switch to channel 36."
        assert accepted["url"].endswith(canonical(question) + "#post-2")
        assert accepted["author"] == {
            "@type": "Person",
            "name": "hans",
            "url": "http://localhost/u/hans",
        }
        suggested = entity["suggestedAnswer"]
        assert [a["text"] for a in suggested] == ["Firmware 7.57 fixes it."]
        assert suggested[0]["upvoteCount"] == 1

    def test_user_text_cannot_break_out_of_the_json_script(self, client, category, asker):
        topic = make_topic(
            asker,
            category,
            title="Why </script><script>alert(1)</script> here",
            body="Text with </script> inside",
        )
        html = html_of(client.get(canonical(topic)))
        script = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
        assert "<" not in script.group(1)
        assert json_ld(html)["mainEntity"]["name"] == topic.title
        assert "<script>alert(1)" not in html

    def test_discussions_and_hidden_questions_have_no_qa_markup(self, client, category, asker):
        topic = forums.create_topic(asker, category.slug, "discussion", "Show your setup", "Mine!")
        assert "application/ld+json" not in html_of(client.get(canonical(topic)))
        opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
        opening.hidden_at, opening.hidden_reason = utcnow(), "Personal data"
        db.session.commit()
        response = client.get(canonical(topic))
        html = response.get_data(as_text=True)
        assert response.status_code == 404  # gone for others, title and all
        assert "Mine!" not in html and "Show your setup" not in html
        assert "application/ld+json" not in html


class TestLive:
    def test_posts_after_returns_what_a_reader_missed(self, client, question, helper):
        for n in range(3):
            make_reply(question, helper, f"Live reply {n}")
        data = client.get(f"/t/{question.id}/posts.json?after=2").get_json()
        assert [p["number"] for p in data["posts"]] == [3, 4]
        assert data["last"] == 4 and data["more"] is False
        assert data["posts"][0]["html"] == "<p>Live reply 1</p>\n"
        assert "raw" not in data["posts"][0]
        assert 'id="post-3"' in data["fragment"] and 'id="post-4"' in data["fragment"]
        assert client.get(f"/t/{question.id}/posts.json?after=4").get_json()["posts"] == []

    def test_posts_after_skips_hidden_replies_for_visitors(self, client, question, helper):
        reply = make_reply(question, helper, "Spam spam")
        reply.hidden_at, reply.hidden_reason = utcnow(), "Spam"
        db.session.commit()
        data = client.get(f"/t/{question.id}/posts.json?after=1").get_json()
        assert data["posts"] == [] and data["last"] == 2

    def test_a_reply_is_pushed_to_the_topic_room(self, live_server, question, helper):
        received = []
        sockets = socketio.Client(reconnection=False)
        sockets.on("post", received.append, namespace="/live")
        sockets.connect(live_server.url, namespaces=["/live"], transports=["websocket"])
        room = {"room": f"topic:{question.id}"}
        assert sockets.call("join", room, namespace="/live", timeout=5) == {"ok": True}
        forums.create_reply(helper, question.id, "Pushed **live**")
        deadline = time.monotonic() + 5
        while not received and time.monotonic() < deadline:
            sockets.sleep(0.05)
        sockets.disconnect()
        assert len(received) == 1
        payload = received[0]
        assert payload["topic_id"] == question.id
        post = payload["post"]
        assert post["number"] == 2 and post["html"] == "<p>Pushed <strong>live</strong></p>\n"
        assert post["author"]["username"] == "hans" and post["author"]["is_expert"] is False
        assert post["url"] == f"{live_server.url}{canonical(question)}#post-2"
        assert "raw" not in post


# --- writing and buttons ------------------------------------------------------------------------


class TestReply:
    def test_member_replies_and_lands_on_the_reply(self, client, login, question, helper):
        login(helper)
        response = client.post(f"/t/{question.id}/reply", data={"body": "Try channel 36."})
        assert response.status_code == 302
        assert response.location == canonical(question) + "#post-2"
        assert "Try channel 36." in html_of(client.get(canonical(question)))
        assert follows.is_following(helper, "topic", question.id)

    def test_empty_reply_is_refused_with_the_form_shown_again(
        self, client, login, question, helper
    ):
        login(helper)
        before = rows()
        response = client.post(f"/t/{question.id}/reply", data={"body": "   "})
        assert response.status_code == 400
        assert "Write something first." in html_of(response)
        assert rows() == before

    def test_oversized_reply_keeps_the_text(self, client, login, question, helper):
        login(helper)
        body = "y" * (BODY_MAX + 1)
        response = client.post(f"/t/{question.id}/reply", data={"body": body})
        assert response.status_code == 400 and body in html_of(response)

    def test_visitor_is_sent_to_log_in(self, client, question):
        response = client.post(f"/t/{question.id}/reply", data={"body": "Hi"})
        assert response.status_code == 302 and "/login" in response.location


class TestButtons:
    def test_asker_accepts_changes_and_removes_the_accepted_answer(
        self, client, login, question, helper, expert, asker
    ):
        first = make_reply(question, helper, "First idea")
        second = make_reply(question, expert, "Second idea")
        login(asker)
        response = client.post(f"/p/{first.id}/accept")
        assert response.location == canonical(question) + "#post-2"
        assert reload(question).accepted_post_id == first.id
        client.post(f"/p/{second.id}/accept")
        assert reload(question).accepted_post_id == second.id
        back = client.post(
            f"/t/{question.id}/unaccept",
            data={"post_id": second.id, "next": canonical(question) + "#pinned-3"},
        )
        assert back.location == canonical(question) + "#pinned-3"
        assert reload(question).accepted_post_id is None

    def test_member_cannot_accept_in_someone_elses_question(self, client, login, question, helper):
        reply = make_reply(question, make_user(), "An idea")
        login(helper)
        response = client.post(f"/p/{reply.id}/accept")
        assert response.status_code == 302
        page = html_of(client.get(response.location))
        assert "Only the person who asked" in page
        assert reload(question).accepted_post_id is None

    def test_expert_marks_and_unmarks_official(self, client, login, question, expert):
        reply = make_reply(question, expert, "Official word")
        login(expert)
        client.post(f"/p/{reply.id}/official")
        assert reload(reply).is_official is True
        client.post(f"/p/{reply.id}/unofficial")
        assert reload(reply).is_official is False

    def test_member_cannot_mark_official(self, client, login, question, expert, helper):
        reply = make_reply(question, expert, "Official word")
        login(helper)
        client.post(f"/p/{reply.id}/official")
        assert reload(reply).is_official is False

    def test_vote_twice_counts_once_and_can_be_taken_back(self, client, login, question, helper):
        reply = make_reply(question, make_user(), "Useful")
        login(helper)
        client.post(f"/p/{reply.id}/vote")
        client.post(f"/p/{reply.id}/vote")
        assert reload(reply).score == 1
        client.post(f"/p/{reply.id}/unvote")
        assert reload(reply).score == 0
        response = client.post(f"/p/{reply.id}/unvote")
        assert "You have not voted" in html_of(client.get(response.location))

    def test_own_post_cannot_be_voted(self, client, login, question, helper):
        reply = make_reply(question, helper, "Mine")
        login(helper)
        response = client.post(f"/p/{reply.id}/vote")
        assert "You cannot vote for your own post." in html_of(client.get(response.location))
        assert reload(reply).score == 0

    def test_follow_and_unfollow_a_topic(self, client, login, question, helper):
        login(helper)
        client.post(f"/t/{question.id}/follow")
        assert follows.is_following(helper, "topic", question.id)
        assert f"/t/{question.id}/unfollow" in html_of(client.get(canonical(question)))
        client.post(f"/t/{question.id}/unfollow")
        assert not follows.is_following(helper, "topic", question.id)

    def test_next_must_stay_on_the_hub(self, client, login, question, helper):
        login(helper)
        response = client.post(f"/t/{question.id}/follow", data={"next": "https://evil.example/"})
        assert response.location == canonical(question)

    def test_buttons_need_a_valid_csrf_token(
        self, app, client, login, question, helper, monkeypatch
    ):
        login(helper)
        monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
        response = client.post(f"/t/{question.id}/follow")
        assert response.status_code == 400
        assert not follows.is_following(helper, "topic", question.id)

    def test_visitors_are_sent_to_log_in(self, client, question):
        for path in (f"/t/{question.id}/follow", f"/p/{question.id}/vote"):
            response = client.post(path)
            assert response.status_code == 302 and "/login" in response.location


class TestEditAndRevisions:
    def test_author_edits_title_and_body_with_a_reason(self, client, login, question, asker):
        opening = db.session.scalar(
            select(Post).where(Post.topic_id == question.id, Post.number == 1)
        )
        login(asker)
        form = html_of(client.get(f"/p/{opening.id}/edit"))
        assert 'value="Router drops the line every evening"' in form and "Since **Monday**." in form
        response = client.post(
            f"/p/{opening.id}/edit",
            data={"title": "Router drops every evening", "body": "Since Tuesday.", "reason": "day"},
        )
        topic = reload(question)
        assert topic.title == "Router drops every evening"
        assert response.location == canonical(topic) + "#post-1"
        html = html_of(client.get(f"/p/{opening.id}/revisions"))
        assert "Router drops the line every evening" in html  # the old title
        assert "<strong>Monday</strong>" in html and "day" in html and "mia" in html
        assert "<pre>Since **Monday**.</pre>" in html  # the author sees the source

    def test_bad_edit_keeps_the_text(self, client, login, question, asker):
        opening = db.session.scalar(
            select(Post).where(Post.topic_id == question.id, Post.number == 1)
        )
        login(asker)
        response = client.post(
            f"/p/{opening.id}/edit", data={"title": "!!", "body": "New body text", "reason": ""}
        )
        assert response.status_code == 400
        assert "at least 5 letters" in html_of(response) and "New body text" in html_of(response)
        assert reload(opening).raw == "Since **Monday**."

    def test_others_may_not_edit(self, client, login, question, helper):
        opening = db.session.scalar(
            select(Post).where(Post.topic_id == question.id, Post.number == 1)
        )
        login(helper)
        assert client.get(f"/p/{opening.id}/edit").status_code == 403
        assert client.post(f"/p/{opening.id}/edit", data={"body": "Mine now"}).status_code == 403

    def test_moderator_edits_a_reply(self, client, login, question, helper):
        reply = make_reply(question, helper, "Call me at 0170 1234567")
        login(make_user("mod", role="moderator"))
        client.post(
            f"/p/{reply.id}/edit", data={"body": "Call me (number removed)", "reason": "pd"}
        )
        assert reload(reply).raw == "Call me (number removed)"

    def test_visitors_see_old_versions_rendered_but_not_the_source(self, client, question, asker):
        opening = db.session.scalar(
            select(Post).where(Post.topic_id == question.id, Post.number == 1)
        )
        forums.edit_post(asker, opening.id, "Since Tuesday.", reason="typo")
        html = html_of(client.get(f"/p/{opening.id}/revisions"))
        assert "<strong>Monday</strong>" in html and "typo" in html
        assert "Markdown source" not in html

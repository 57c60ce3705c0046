"""The fakes refuse bad input the way the real APIs document, so adapter tests mean something."""

import time

import requests

from tests.fakes.facebook import FakeFacebook
from tests.fakes.mastodon import FakeMastodon
from tests.fakes.x import FakeX


class TestFakeFacebook:
    def test_missing_token_is_the_graph_oauth_error(self):
        with FakeFacebook(page_id="1001") as fake:
            response = requests.post(f"{fake.url}/v23.0/1001/feed", data={"message": "hi"})

        error = response.json()["error"]
        assert (response.status_code, error["code"], error["type"]) == (400, 2500, "OAuthException")
        assert error["fbtrace_id"]

    def test_over_long_message_is_an_invalid_parameter(self):
        with FakeFacebook(page_id="1001", page_token="t") as fake:
            form = {"message": "x" * 63_207, "access_token": "t"}
            response = requests.post(f"{fake.url}/v26.0/1001/feed", data=form)

        assert response.json()["error"]["code"] == 100


class TestFakeX:
    def test_missing_token_is_the_unauthorized_problem(self):
        with FakeX() as fake:
            response = requests.post(f"{fake.url}/2/tweets", json={"text": "hi"})

        assert response.status_code == 401
        assert response.json() == {
            "title": "Unauthorized",
            "type": "about:blank",
            "status": 401,
            "detail": "Unauthorized",
        }

    def test_over_long_text_is_an_invalid_request(self):
        with FakeX(access_token="a") as fake:
            headers = {"Authorization": "Bearer a"}
            response = requests.post(
                f"{fake.url}/2/tweets", json={"text": "x" * 281}, headers=headers
            )

        assert response.status_code == 400
        assert "too long" in response.json()["errors"][0]["message"]

    def test_every_response_carries_rate_limit_counters(self):
        with FakeX() as fake:
            response = requests.post(f"{fake.url}/2/tweets", json={"text": "hi"})

        assert {"x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"} <= {
            name.lower() for name in response.headers
        }

    def test_search_needs_between_10_and_100_results(self):
        with FakeX(access_token="a") as fake:
            query = {"query": "conversation_id:1", "max_results": 5}
            headers = {"Authorization": "Bearer a"}
            response = requests.get(
                f"{fake.url}/2/tweets/search/recent", params=query, headers=headers
            )

        assert response.status_code == 400


class TestFakeMastodon:
    def test_missing_token_needs_an_authenticated_user(self):
        with FakeMastodon() as fake:
            response = requests.post(f"{fake.url}/api/v1/statuses", data={"status": "hi"})

        assert response.status_code == 401
        assert response.json() == {"error": "This method requires an authenticated user"}

    def test_blank_and_over_long_statuses_fail_validation(self):
        headers = {"Authorization": "Bearer t"}
        with FakeMastodon(token="t", max_characters=10) as fake:
            blank = requests.post(
                f"{fake.url}/api/v1/statuses", data={"status": " "}, headers=headers
            )
            long = requests.post(
                f"{fake.url}/api/v1/statuses", data={"status": "x" * 11}, headers=headers
            )

        assert (blank.status_code, blank.json()) == (
            422,
            {"error": "Validation failed: Text can't be blank"},
        )
        assert long.json() == {"error": "Validation failed: Text character limit of 10 exceeded"}

    def test_rate_limit_reset_is_an_iso_timestamp(self):
        with FakeMastodon(token="t") as fake:
            fake.rate_limit_next(reset_in=60)
            response = requests.post(
                f"{fake.url}/api/v1/statuses",
                data={"status": "hi"},
                headers={"Authorization": "Bearer t"},
            )

        assert response.status_code == 429
        assert response.json() == {"error": "Too many requests"}
        assert response.headers["X-RateLimit-Reset"].endswith("Z")


class TestScriptedOutage:
    """`rate_limit_next` then `fail_for`: a 429 with its reset, then 503 for a while."""

    def test_rate_limit_then_unavailable_until_the_outage_is_over(self):
        with FakeX(access_token="a") as fake:
            fake.rate_limit_next(reset_in=5)
            fake.fail_for("5xx", seconds=0.3)
            post = lambda text: requests.post(  # noqa: E731
                f"{fake.url}/2/tweets", json={"text": text}, headers={"Authorization": "Bearer a"}
            )
            limited, during = post("one"), [post("two").status_code, post("three").status_code]
            time.sleep(0.35)
            after = post("four")

        assert limited.status_code == 429 and int(limited.headers["x-rate-limit-reset"]) > 0
        assert during == [503, 503]
        assert after.status_code == 201
        assert [t["text"] for t in fake.tweets.values()] == ["four"]

    def test_outage_clock_starts_at_the_first_call_it_answers(self):
        with FakeMastodon(token="t") as fake:
            fake.fail_for("5xx", seconds=0.3)
            time.sleep(0.35)  # nobody called yet: the outage has not begun
            first = requests.post(
                f"{fake.url}/api/v1/statuses",
                data={"status": "hi"},
                headers={"Authorization": "Bearer t"},
            )

        assert first.status_code == 503


class TestPublished:
    """`published()`: what the hub's account posted on each fake, replies pointing at parents."""

    def test_mastodon_lists_the_hubs_statuses_not_the_public_replies(self):
        with FakeMastodon(token="t") as fake:
            auth = {"Authorization": "Bearer t"}
            root = requests.post(
                f"{fake.url}/api/v1/statuses", data={"status": "Outage"}, headers=auth
            ).json()["id"]
            fake.add_reply(root, "<p>here too</p>")
            requests.post(
                f"{fake.url}/api/v1/statuses",
                data={"status": "Fixed", "in_reply_to_id": root},
                headers=auth,
            )

        assert [(p["reply_to"], "Fixed" in p["text"]) for p in fake.published()] == [
            (None, False),
            (root, True),
        ]

    def test_x_lists_the_hubs_posts_with_their_parent(self):
        with FakeX(access_token="a") as fake:
            auth = {"Authorization": "Bearer a"}
            root = requests.post(f"{fake.url}/2/tweets", json={"text": "Outage"}, headers=auth)
            root_id = root.json()["data"]["id"]
            fake.add_reply(root_id, "same here")
            reply = {"text": "Fixed", "reply": {"in_reply_to_tweet_id": root_id}}
            requests.post(f"{fake.url}/2/tweets", json=reply, headers=auth)

        assert [(p["text"], p["reply_to"]) for p in fake.published()] == [
            ("Outage", None),
            ("Fixed", root_id),
        ]

    def test_facebook_lists_the_pages_posts_and_its_own_comments(self):
        with FakeFacebook(page_id="1001", page_token="t") as fake:
            form = {"message": "Outage", "access_token": "t"}
            post_id = requests.post(f"{fake.url}/v23.0/1001/feed", data=form).json()["id"]
            fake.add_comment(post_id, "same here")
            form = {"message": "Fixed", "access_token": "t"}
            requests.post(f"{fake.url}/v23.0/{post_id}/comments", data=form)

        assert [(p["text"], p["reply_to"]) for p in fake.published()] == [
            ("Outage", None),
            ("Fixed", post_id),
        ]

"""The API's conventions: tokens, users, error shapes for every kind of bad input, OpenAPI."""

import pytest

from tests.factories import PASSWORD, make_user


def error_of(response) -> dict:
    assert response.is_json, response.get_data(as_text=True)[:200]
    return response.get_json()["error"]


class TestTokens:
    def test_password_gives_a_token_that_authenticates(self, client, db):
        make_user("carla")
        response = client.post("/api/v1/tokens", json={"username": "carla", "password": PASSWORD})
        assert response.status_code == 201
        body = response.get_json()
        assert body["user"]["username"] == "carla" and body["user"]["role"] == "member"
        me = client.get("/api/v1/users/carla", headers={"Authorization": f"Bearer {body['token']}"})
        assert me.get_json()["email"] == "carla@example.com"  # only the owner sees it

    def test_wrong_password_or_unknown_user_is_the_same_401(self, client, db):
        make_user("carla")
        wrong = client.post("/api/v1/tokens", json={"username": "carla", "password": "wrong!"})
        unknown = client.post("/api/v1/tokens", json={"username": "nobody", "password": "wrong!"})
        assert (wrong.status_code, unknown.status_code) == (401, 401)
        assert error_of(wrong)["code"] == "invalid_credentials"
        assert error_of(wrong) == error_of(unknown)
        assert "token" not in wrong.get_json()

    def test_bad_token_is_401(self, client, db):
        response = client.get("/api/v1/users/carla", headers={"Authorization": "Bearer nope"})
        assert response.status_code == 401
        assert error_of(response)["code"] == "unauthorized"

    def test_throttled_with_retry_after(self, client, db):
        make_user("carla")
        codes = [
            client.post("/api/v1/tokens", json={"username": "carla", "password": "x"}).status_code
            for _ in range(7)
        ]
        assert codes[-1] == 429
        response = client.post("/api/v1/tokens", json={"username": "carla", "password": "x"})
        assert error_of(response)["code"] == "rate_limited"
        assert int(response.headers["Retry-After"]) > 0

    def test_twenty_accounts_behind_one_address_all_get_tokens(self, client, db):
        for n in range(20):
            make_user(f"kunde{n}")
        codes = [
            client.post(
                "/api/v1/tokens", json={"username": f"kunde{n}", "password": PASSWORD}
            ).status_code
            for n in range(20)
        ]
        assert codes == [201] * 20

    def test_the_form_and_the_api_count_together_per_account(self, client, db):
        make_user("carla")
        for i in range(3):
            client.post("/login", data={"login": "carla", "password": "x" * 10})
            wrong = {"username": "carla", "password": "x"}
            client.post("/api/v1/tokens", json=wrong, environ_base={"REMOTE_ADDR": f"10.0.0.{i}"})
        response = client.post(
            "/api/v1/tokens",
            json={"username": "carla", "password": PASSWORD},
            environ_base={"REMOTE_ADDR": "10.0.1.1"},
        )
        assert response.status_code == 429
        assert error_of(response)["message"] == (
            "Too many attempts to log in. Wait a few minutes, then try again."
        )


class TestUsers:
    def test_register_then_read_profile(self, client, db):
        response = client.post(
            "/api/v1/users",
            json={
                "username": "dora",
                "email": "dora@example.com",
                "password": "Glasfaser-im-Keller",
            },
        )
        assert response.status_code == 201
        profile = client.get("/api/v1/users/dora").get_json()
        assert profile["counts"] == {"questions": 0, "answers": 0, "accepted": 0}
        assert "email" not in profile  # anonymous readers never see addresses
        assert profile["url"].endswith("/u/dora")

    def test_name_taken_is_409(self, client, db):
        make_user("dora")
        response = client.post(
            "/api/v1/users",
            json={"username": "DORA", "email": "x@example.com", "password": "Glasfaser-im-Keller"},
        )
        assert response.status_code == 409
        assert "username" in error_of(response)["fields"]

    def test_invalid_values_are_422_naming_the_fields(self, client, db):
        response = client.post(
            "/api/v1/users", json={"username": "x", "email": "nope", "password": "short"}
        )
        assert response.status_code == 422
        assert set(error_of(response)["fields"]) == {"username", "email", "password"}

    def test_unknown_user_is_404(self, client, db):
        assert error_of(client.get("/api/v1/users/ghost"))["code"] == "not_found"


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        ("{not json", "application/json", 400, "bad_request"),
        ("[1, 2]", "application/json", 400, "bad_request"),
        ('{"username": 5, "password": "x"}', "application/json", 400, "bad_request"),
        (
            '{"username": "a", "password": "x", "admin": true}',
            "application/json",
            400,
            "bad_request",
        ),
        ('{"username": "a"}', "application/json", 422, "invalid"),
        ("", "application/json", 400, "bad_request"),
    ],
)
def test_bad_input_gets_the_documented_error(client, db, body, content_type, status, code):
    response = client.post("/api/v1/tokens", data=body, content_type=content_type)
    assert response.status_code == status
    assert error_of(response)["code"] == code


def test_oversized_body_is_413(client, app, db):
    huge = '{"username": "' + "a" * (app.config["API_MAX_BODY"] + 10) + '", "password": "x"}'
    response = client.post("/api/v1/tokens", data=huge, content_type="application/json")
    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large"


def test_unknown_path_and_wrong_method_are_json(client, db):
    assert error_of(client.get("/api/v1/nothing-here"))["code"] == "not_found"
    assert error_of(client.delete("/api/v1/tokens"))["code"] == "method_not_allowed"


def test_openapi_document_describes_the_endpoints(client, db):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    token_op = doc["paths"]["/api/v1/tokens"]["post"]
    schema_name = token_op["requestBody"]["content"]["application/json"]["schema"]["$ref"].split(
        "/"
    )[-1]
    token_schema = doc["components"]["schemas"][schema_name]
    assert set(token_schema["required"]) == {"username", "password"}
    assert token_schema["additionalProperties"] is False
    assert "/api/v1/users/{username}" in doc["paths"]


def test_openapi_document_says_a_wrong_password_is_401(client, db):
    responses = client.get("/api/v1/openapi.json").get_json()["paths"]["/api/v1/tokens"]["post"][
        "responses"
    ]
    assert "invalid_credentials" in responses["401"]["description"]
    assert responses["401"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert {"201", "401", "429", "4XX"} <= set(responses)

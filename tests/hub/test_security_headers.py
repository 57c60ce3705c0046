"""Every HTML page carries a nonce-based CSP and the other security headers."""

import re

from tests.factories import make_user


def test_html_pages_have_a_strict_csp_with_a_fresh_nonce(client, db):
    first, second = client.get("/"), client.get("/")
    csp = first.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert "'strict-dynamic'" in csp
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'"):
        assert directive in csp
    assert nonce != re.search(r"'nonce-([^']+)'", second.headers["Content-Security-Policy"]).group(
        1
    )
    page = first.get_data(as_text=True)
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert " style=" not in page  # no inline styles


def test_other_headers(client, db):
    response = client.get("/login")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_forms_need_a_csrf_token(app, tmp_path, db):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        make_user("erik")
        client = app.test_client()
        response = client.post(
            "/login", data={"login": "erik", "password": "correct horse battery"}
        )
        assert response.status_code == 400
        token = re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"',
            client.get("/login").get_data(as_text=True),
        ).group(1)
        response = client.post(
            "/login",
            data={"login": "erik", "password": "correct horse battery", "csrf_token": token},
        )
        assert response.status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False

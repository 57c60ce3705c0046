"""Admins write the legal pages at /admin/pages: who may, what a save makes (a version, an
audit entry, the rendered text), and what bad input does (nothing)."""

import pytest
from sqlalchemy import func, select

from hub.admin.models import AuditEntry
from hub.legal import service as legal
from hub.legal.kinds import TEXT_MAX
from hub.legal.models import LegalPage, LegalPageVersion
from tests.factories import make_user


def _versions(db, kind="imprint") -> list[int]:
    stmt = select(LegalPageVersion.version).where(LegalPageVersion.kind == kind)
    return sorted(db.session.scalars(stmt))


@pytest.mark.parametrize("role", ["member", "expert", "moderator"])
def test_other_roles_are_refused_the_page_and_the_save(app, db, client, login, role):
    login(make_user(role=role))
    assert client.get("/admin/pages").status_code == 403
    assert client.get("/admin/pages/imprint").status_code == 403
    response = client.post("/admin/pages/imprint", data={"text_en": "Mine now", "action": "save"})
    assert response.status_code == 403
    assert db.session.scalar(select(func.count()).select_from(LegalPage)) == 0
    assert "Legal pages" not in client.get("/").get_data(as_text=True)


def test_visitors_are_asked_to_log_in_and_change_nothing(app, db, client):
    assert client.get("/admin/pages").status_code == 302
    response = client.post("/admin/pages/terms", data={"text_en": "x", "action": "save"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(LegalPage)) == 0


def test_admin_sees_the_section_and_the_four_pages(app, db, client, login):
    login(make_user(role="admin"))
    assert "Legal pages" in client.get("/admin/").get_data(as_text=True)
    html = client.get("/admin/pages").get_data(as_text=True)
    for title in ("Imprint", "Privacy policy", "Terms of use", "Community guidelines"):
        assert title in html
    assert html.count("not written") == 4


def test_a_save_makes_a_version_shows_the_rendered_text_and_is_logged(app, db, client, login):
    admin = login(make_user("root", role="admin"))
    response = client.post(
        "/admin/pages/imprint",
        data={"text_de": "## Angaben\n\nMusterfirma **GmbH**", "text_en": "", "action": "save"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Saved as version 1." in html
    assert "<strong>GmbH</strong>" in html  # the result as readers see it
    assert "Musterfirma **GmbH**" in html  # and the Markdown, ready for the next edit

    client.post("/admin/pages/imprint", data={"text_de": "Neu", "text_en": "New", "action": "save"})
    assert _versions(db) == [1, 2]
    entries = list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    assert [e.action for e in entries] == ["legal.save", "legal.save"]
    assert entries[1].actor_id == admin.id and entries[1].target_id == "imprint"
    assert entries[1].before == {
        "version": 1,
        "text_de": "## Angaben\n\nMusterfirma **GmbH**",
        "text_en": "",
    }
    assert entries[1].after == {"version": 2, "text_de": "Neu", "text_en": "New"}
    assert "changed a legal page" in client.get("/admin/log").get_data(as_text=True)


def test_old_versions_stay_readable(app, db, client, login):
    login(make_user(role="admin"))
    client.post("/admin/pages/terms", data={"text_en": "First terms", "action": "save"})
    client.post("/admin/pages/terms", data={"text_en": "Second terms", "action": "save"})
    page = client.get("/admin/pages/terms").get_data(as_text=True)
    assert "/admin/pages/terms/versions/1" in page and "/admin/pages/terms/versions/2" in page
    old = client.get("/admin/pages/terms/versions/1").get_data(as_text=True)
    assert "First terms" in old and "Second terms" not in old
    assert client.get("/admin/pages/terms/versions/3").status_code == 404


def test_preview_renders_without_saving(app, db, client, login):
    login(make_user(role="admin"))
    response = client.post(
        "/admin/pages/privacy", data={"text_en": "We keep *little*.", "action": "preview"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Preview, not saved" in html and "<em>little</em>" in html
    assert db.session.get(LegalPage, "privacy") is None
    assert client.get("/privacy").status_code == 404


def test_an_unchanged_save_makes_no_version(app, db, client, login):
    login(make_user(role="admin"))
    client.post("/admin/pages/imprint", data={"text_en": "Same", "action": "save"})
    response = client.post(
        "/admin/pages/imprint",
        data={"text_en": "Same\r\n", "action": "save"},
        follow_redirects=True,
    )
    assert "Nothing changed" in response.get_data(as_text=True)
    assert _versions(db) == [1]


def test_an_overlong_text_is_a_form_error_and_nothing_is_saved(app, db, client, login):
    login(make_user(role="admin"))
    client.post("/admin/pages/imprint", data={"text_en": "Kept", "action": "save"})
    long_text = "a" * (TEXT_MAX + 1)
    response = client.post(
        "/admin/pages/imprint", data={"text_en": "ok", "text_de": long_text, "action": "save"}
    )
    assert response.status_code == 400
    assert f"At most {TEXT_MAX} characters (this one has {TEXT_MAX + 1})" in response.get_data(
        as_text=True
    )
    assert db.session.get(LegalPage, "imprint").text_en == "Kept"
    assert _versions(db) == [1]
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_an_unknown_page_is_not_found(app, db, client, login):
    login(make_user(role="admin"))
    assert client.get("/admin/pages/cookies").status_code == 404
    assert client.post("/admin/pages/cookies", data={"text_en": "x"}).status_code == 404


def test_saving_both_texts_empty_takes_the_page_down(app, db, client, login):
    login(make_user(role="admin"))
    client.post("/admin/pages/guidelines", data={"text_en": "Be kind.", "action": "save"})
    assert client.get("/guidelines").status_code == 200
    response = client.post(
        "/admin/pages/guidelines",
        data={"text_en": "  ", "text_de": "", "action": "save"},
        follow_redirects=True,
    )
    assert "taken down" in response.get_data(as_text=True)
    assert client.get("/guidelines").status_code == 404
    assert _versions(db, "guidelines") == [1, 2]  # the version before stays


def test_the_service_refuses_other_roles(app, db):
    from hub.core.errors import Forbidden

    for role in ("member", "expert", "moderator"):
        with pytest.raises(Forbidden):
            legal.save_page(make_user(role=role), "imprint", text_en="x", text_de="")
    assert db.session.get(LegalPage, "imprint") is None

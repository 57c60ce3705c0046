"""The admin overview shows each role its sections; the audit log shows every admin change."""

from hub.admin import audit
from tests.factories import make_user


def test_admin_overview_lists_the_sections_of_the_role(app, db, client, login):
    login(make_user(role="admin"))
    html = client.get("/admin/").get_data(as_text=True)
    for label in ("Moderation", "Spokes", "Deliveries", "Audit log"):
        assert label in html


def test_moderators_see_only_what_their_role_allows(app, db, client, login):
    login(make_user(role="moderator"))
    page = client.get("/admin/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Moderation" in html
    assert "Audit log" not in html and "Deliveries" not in html
    assert client.get("/admin/log").status_code == 403


def test_members_and_experts_are_refused_and_visitors_asked_to_log_in(app, db, client, login):
    assert client.get("/admin/").status_code == 302
    login(make_user(role="expert"))
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/log").status_code == 403


def test_log_shows_who_changed_what_from_which_value_to_which(app, db, client, login):
    admin = login(make_user("root", role="admin"))
    audit.record(
        admin,
        "category.edit",
        "category",
        7,
        target_label="Internet & DSL",
        before={"name": "Internet", "colour": "#0066cc", "position": 1},
        after={"name": "Internet & DSL", "colour": "#0066cc", "position": 1},
    )
    db.session.commit()
    html = client.get("/admin/log").get_data(as_text=True)
    assert "root" in html and "Internet &amp; DSL" in html
    assert "<strong>name</strong>" in html
    assert "colour" not in html  # unchanged fields are not logged


def test_log_pages_newest_first_and_filters_by_target(app, db, client, login):
    admin = login(make_user(role="admin"))
    for n in range(audit.LOG_PAGE + 3):
        audit.record(admin, "site.setting", "setting", f"key-{n}", target_label=f"setting-{n}")
    audit.record(admin, "user.role", "user", admin.id, target_label="only-user-entry")
    db.session.commit()

    first = client.get("/admin/log").get_data(as_text=True)
    assert first.index("only-user-entry") < first.index(f"setting-{audit.LOG_PAGE + 2}")
    assert "setting-0<" not in first and 'rel="next"' in first

    _, cursor = audit.log_page()
    older = client.get(f"/admin/log?cursor={cursor}").get_data(as_text=True)
    assert "setting-0<" in older and "only-user-entry" not in older

    users_only = client.get("/admin/log?type=user").get_data(as_text=True)
    assert "only-user-entry" in users_only and "setting-1<" not in users_only

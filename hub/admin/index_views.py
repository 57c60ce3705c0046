"""The admin overview (`/admin`) and the audit log of every admin change (`/admin/log`)."""

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from hub import permissions
from hub.admin import audit, sections
from hub.admin.blueprint import bp
from hub.admin.sections import Section

for _section in (
    Section(
        "moderation.queue",
        _l("Moderation"),
        _l("Reports, held posts and appeals."),
        "moderate",
        order=10,
    ),
    Section(
        "moderation.site_settings",
        _l("Posting rules"),
        _l("Limits for new members, automatic hiding, first-post approval."),
        "change_site_settings",
        order=60,
    ),
    Section(
        "crosspost.admin",
        _l("Spokes"),
        _l("Connected social networks and what each category sends."),
        "manage_spokes",
        order=70,
    ),
    Section(
        "admin.job_list",
        _l("Deliveries"),
        _l("Mails and cross-posts waiting, retrying or given up."),
        "view_jobs",
        order=80,
    ),
    Section(
        "admin.log",
        _l("Audit log"),
        _l("Every change made in the admin area."),
        "view_audit_log",
        order=90,
    ),
):
    sections.add(_section)


@bp.get("/")
@login_required
def index():
    permissions.require(permissions.can_enter_admin(current_user))
    return render_template("admin/index.html", sections=sections.visible_to(current_user))


@bp.get("/log")
@login_required
def log():
    permissions.require(permissions.can_view_audit_log(current_user))
    target_type = request.args.get("type") or None
    entries, next_cursor = audit.log_page(request.args.get("cursor", type=int), target_type)
    return render_template(
        "admin/log.html",
        entries=entries,
        next_cursor=next_cursor,
        target_type=target_type,
        target_types=audit.target_types(),
        changes=audit.changes,
        action_label=audit.label,
    )


@bp.app_template_global()
def admin_sections() -> list[Section]:
    """For the admin navigation and the header menu: the sections this user may open."""
    return sections.visible_to(current_user)

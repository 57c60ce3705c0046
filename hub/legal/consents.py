"""Terms accepted at registration: when the terms of use are written, an account is opened
only with them accepted, and the versions of the terms and the privacy policy the newcomer saw
are recorded in the transaction that makes the account (`events.account_opening`)."""

from flask_babel import gettext as _

from hub.core import events
from hub.core.errors import Invalid
from hub.core.extensions import db
from hub.legal import queries
from hub.legal.kinds import PRIVACY, TERMS
from hub.legal.models import Consent


def terms_required() -> bool:
    return TERMS in queries.written()


def record_acceptance(user, accepted_terms: bool) -> None:
    """Add the consent rows for a new account (not committed). Raises: Invalid (terms exist
    and were not accepted: the account is not made)."""
    current = queries.written()
    if TERMS not in current:
        return
    if not accepted_terms:
        raise Invalid(
            _("Please correct the marked fields."),
            {"accept_terms": _("Please accept the terms of use to join.")},
        )
    for document in (TERMS, PRIVACY):
        if document in current:
            db.session.add(Consent(user_id=user.id, document=document, version=current[document]))


def _on_account_opening(user, accepted_terms: bool = False, **extra) -> None:
    record_acceptance(user, accepted_terms)


def listen() -> None:
    events.account_opening.connect(_on_account_opening, weak=False)

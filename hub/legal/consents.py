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


def shown_versions() -> str:
    """The versions of the terms and the privacy policy a form shows ("3.1"; 0 for none), sent
    back with it: what the newcomer read is what is recorded, or they are asked again."""
    current = queries.written()
    return f"{current.get(TERMS, 0)}.{current.get(PRIVACY, 0)}"


def record_acceptance(user, accepted_terms: bool, shown: str | None = None) -> None:
    """Add the consent rows for a new account (not committed). `shown` is what the form
    showed (`shown_versions`); None where nothing was shown (the API).

    Raises: Invalid (terms exist and were not accepted, or changed since the form was shown:
    the account is not made)."""
    current = queries.written()
    if TERMS not in current:
        return
    if not accepted_terms:
        raise _refused(_("Please accept the terms of use to join."))
    if shown is not None and shown != shown_versions():
        raise _refused(
            _("The terms changed while you were signing up. Please read them and accept again.")
        )
    for document in (TERMS, PRIVACY):
        if document in current:
            db.session.add(Consent(user_id=user.id, document=document, version=current[document]))


def _refused(message: str) -> Invalid:
    return Invalid(_("Please correct the marked fields."), {"accept_terms": message})


def _on_account_opening(user, accepted_terms: bool = False, shown=None, **extra) -> None:
    record_acceptance(user, accepted_terms, shown)


def listen() -> None:
    events.account_opening.connect(_on_account_opening, weak=False)

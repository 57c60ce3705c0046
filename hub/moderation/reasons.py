"""The reasons members report with, and the public reasons moderators choose from.

Codes are stored; labels are shown (translated when shown, so keep them lazy). A written reason
is stored as code `other` with its text.
"""

from flask_babel import lazy_gettext as _l

# Why a member reports something.
REPORT_REASONS = {
    "spam": _l("Spam or advertising"),
    "abuse": _l("Abuse or insult"),
    "off_topic": _l("Off-topic"),
    "personal_data": _l("Personal data exposed"),
    "illegal": _l("Illegal content"),
    "other": _l("Something else"),
}

# Public reasons for hiding, shown in place of the post as "Hidden by the moderators: <reason>".
HIDE_REASONS = {
    "spam": _l("spam or advertising"),
    "abuse": _l("insulting or abusive"),
    "off_topic": _l("off-topic"),
    "personal_data": _l("it exposed personal data"),
    "illegal": _l("illegal content"),
}

# Legal deletion is the only kind there is: these are its public reasons (the tombstone text).
DELETE_REASONS = {
    "illegal": _l("removed for legal reasons: illegal content"),
    "personal_data": _l("removed to protect personal data"),
    "copyright": _l("removed after a copyright complaint"),
    "court_order": _l("removed by court order"),
}

# Public reasons for suspending or silencing an account, shown on the profile.
ACCOUNT_REASONS = {
    "spam": _l("spam"),
    "abuse": _l("repeated abuse of other members"),
    "ban_evasion": _l("a second account of a suspended member"),
}

OTHER = "other"

# Automatic hides, in the hub's own words.
PENDING_REVIEW = _l("hidden until a moderator reviews reports")
PERSONAL_DATA_PENDING = _l("hidden until a moderator reviews a report of exposed personal data")
AWAITING_APPROVAL = _l("awaiting approval")

# How the transparency page names each reason code.
TRANSPARENCY_LABELS = {
    "spam": _l("Spam"),
    "abuse": _l("Abuse"),
    "off_topic": _l("Off-topic"),
    "personal_data": _l("Personal data"),
    "illegal": _l("Illegal content"),
    "copyright": _l("Copyright"),
    "court_order": _l("Court order"),
    "other": _l("Other reasons"),
}


def public_reason(choices: dict, code: str, written: str = "") -> tuple[str, str]:
    """(reason code, public text) from a code of `choices`, or `other` with a written text.

    A code with a written text keeps the code (for counting) and shows the text. A written text
    that is itself a code of `choices` (the API accepts either) counts as that code. Returns
    ("", "") when neither is given.
    """
    written = " ".join((written or "").split())
    if code in choices:
        return code, written or str(choices[code])
    if written in choices:
        return written, str(choices[written])
    if written:
        return OTHER, written
    return "", ""


def label(code: str) -> str:
    return str(TRANSPARENCY_LABELS.get(code, TRANSPARENCY_LABELS[OTHER]))

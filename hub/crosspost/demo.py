"""Demo spoke accounts for the demo data: clearly marked, pointing at nothing, never sent to."""

from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost.models import SpokeAccount

DEMO_ACCOUNTS = (
    {
        "network": "mastodon",
        "name": "[Demo] Nabe on Mastodon",
        "instance_url": "https://mastodon.invalid",
    },
    {"network": "x", "name": "[Demo] @nabe on X", "client_id": "demo-client"},
    {"network": "facebook", "name": "[Demo] Nabe Facebook page", "page_id": "0"},
)


def add_accounts() -> list[SpokeAccount]:
    """Add the demo accounts (once; calling again adds nothing) and commit.

    `.invalid` hosts and `is_demo` make sure nothing is ever sent: the job parks them.
    """
    added = []
    for fields in DEMO_ACCOUNTS:
        exists = db.session.scalar(
            select(SpokeAccount).where(
                SpokeAccount.network == fields["network"], SpokeAccount.name == fields["name"]
            )
        )
        if exists is None:
            account = SpokeAccount(**fields, access_token="demo-token-not-real", is_demo=True)
            db.session.add(account)
            added.append(account)
    db.session.commit()
    return added

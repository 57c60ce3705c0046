"""/api/v1/spokes: connected accounts and their deliveries (admins only)."""

from pydantic import Field

from hub import permissions
from hub.api.auth import require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import Strict, endpoint
from hub.crosspost import service as crosspost
from hub.crosspost.models import Delivery, SpokeAccount

bp = api_blueprint("crosspost_api", __name__)


class SpokeAccountOut(Strict):
    id: int
    network: str
    name: str
    instance_url: str
    state: str
    consecutive_failures: int
    last_error: str
    demo: bool
    deliveries: dict[str, int]


class SpokeListOut(Strict):
    items: list[SpokeAccountOut]
    next: str | None = None


class DeliveryOut(Strict):
    id: int
    content_type: str
    content_id: int
    account_id: int
    network: str
    reason: str
    parent_id: int | None
    status: str
    remote_id: str
    remote_url: str | None
    error: str
    created_at: str
    delivered_at: str | None


class DeliveryListOut(Strict):
    items: list[DeliveryOut]
    next: str | None = None


class DeliveriesQuery(Strict):
    status: str | None = Field(None, description="pending, delivered, failed or dead")


def account_json(account: SpokeAccount, counts: dict[str, int]) -> dict:
    """No token ever leaves the hub."""
    return {
        "id": account.id,
        "network": account.network,
        "name": account.name,
        "instance_url": account.instance_url,
        "state": account.state,
        "consecutive_failures": account.consecutive_failures,
        "last_error": account.last_error,
        "demo": account.is_demo,
        "deliveries": counts,
    }


def delivery_json(delivery: Delivery) -> dict:
    return {
        "id": delivery.id,
        "content_type": delivery.content_type,
        "content_id": delivery.content_id,
        "account_id": delivery.account_id,
        "network": delivery.account.network,
        "reason": delivery.reason,
        "parent_id": delivery.parent_id,  # the delivery this one replies under
        "status": delivery.status,
        "remote_id": delivery.remote_id,
        "remote_url": delivery.remote_url or None,
        "error": delivery.error,
        "created_at": delivery.created_at.isoformat(),
        "delivered_at": delivery.delivered_at.isoformat() if delivery.delivered_at else None,
    }


@endpoint(
    bp,
    "/spokes",
    "GET",
    summary="Connected spoke accounts and their delivery counts",
    response=SpokeListOut,
    auth=True,
    tag="spokes",
)
def list_spokes():
    permissions.require(permissions.can_manage_spokes(require_api_user()))
    counts = crosspost.delivery_counts()
    items = [account_json(a, counts.get(a.id, {})) for a in crosspost.list_accounts()]
    return {"items": items, "next": None}


@endpoint(
    bp,
    "/spokes/deliveries",
    "GET",
    summary="Cross-post deliveries, newest first, optionally of one status",
    query=DeliveriesQuery,
    response=DeliveryListOut,
    auth=True,
    tag="spokes",
)
def list_spoke_deliveries(params: DeliveriesQuery):
    permissions.require(permissions.can_manage_spokes(require_api_user()))
    items = [delivery_json(d) for d in crosspost.list_deliveries(params.status)]
    return {"items": items, "next": None}

"""The circles service's HTTP routes: circles, invites, members, and the member's own account (`/me`).

Thin: parse, call the domain, translate its outcomes into HTTP. The caller is always the token's `sub`.
(No `from __future__ import annotations` here: Powertools reads the route signatures at run time.)
"""


from typing import Annotated

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.openapi.params import Path
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit

from services.circles.accounts import AccountService, CognitoDirectory
from services.circles.models import AcceptInvite, AdminChange, NewCircle, NewInvite, SettingsChange
from services.circles.service import CirclesService, NotAdmin
from shared.circles.rules import CircleFull, CircleRuleBroken, LastAdmin
from shared.config import settings
from shared.http import documented, error, install_error_handlers, member_id, reject_unreadable_body
from shared.models import Circle, CircleDetail, CircleMember, Invite, MemberSettings
from shared.observability import observability
from shared.store.accounts import AccountStore
from shared.store.circles import (
    AlreadyMember,
    CircleNotFound,
    CircleStore,
    ConcurrentChange,
    InviteExpired,
    InviteNotFound,
    InviteUsed,
    MemberNotFound,
)
from shared.store.consent import ConsentStore

logger, tracer, metrics = observability()
app = APIGatewayHttpResolver(enable_validation=True)
install_error_handlers(app)

CircleId = Annotated[str, Path(pattern=r"^c_[0-9a-f]{20}$")]
MemberId = Annotated[str, Path(pattern=r"^[A-Za-z0-9\-]{1,64}$")]

_circles: CirclesService | None = None
_accounts: AccountService | None = None


def circles() -> CirclesService:
    global _circles
    if _circles is None:
        table = settings().table_name
        _circles = CirclesService(circles=CircleStore(table), consent=ConsentStore(table))
    return _circles


def accounts() -> AccountService:
    global _accounts
    if _accounts is None:
        _accounts = AccountService(circles(), AccountStore(settings().table_name), CognitoDirectory.from_environment())
    return _accounts


# --- what domain outcomes mean over HTTP ---------------------------------------------------------------

_OUTCOMES: dict[type[Exception], tuple[int, str, str]] = {
    CircleNotFound: (404, "circle_not_found", "There is no such circle."),
    MemberNotFound: (404, "member_not_found", "That member is not in this circle."),
    NotAdmin: (403, "admin_only", "Only an admin of this circle may do that."),
    InviteNotFound: (404, "invite_not_found", "There is no such invite. Check the code, or ask for a new one."),
    InviteUsed: (410, "invite_used", "This invite has already been used. Ask for a new one."),
    InviteExpired: (410, "invite_expired", "This invite has expired. Ask for a new one."),
    AlreadyMember: (409, "already_member", "You are already in this circle."),
    ConcurrentChange: (409, "concurrent_change", "The circle changed while this was being done. Try again."),
}


def _outcome(exc: Exception) -> Response:
    status, code, message = _OUTCOMES[type(exc)]
    return error(status, code, message)


for _kind in _OUTCOMES:
    app.exception_handler(_kind)(_outcome)


@app.exception_handler(CircleRuleBroken)
def _rule_broken(exc: CircleRuleBroken) -> Response:
    status = 409 if isinstance(exc, (CircleFull, LastAdmin)) else 422
    return error(status, exc.code, exc.message)


# --- circles ----------------------------------------------------------------------------------------------


@app.post("/circles", responses=documented(201))
@tracer.capture_method
def create_circle(body: NewCircle) -> Response[CircleDetail]:
    circle = circles().create(member_id(app), body.kind, body.name, body.role, body.minor, body.display_name)
    metrics.add_metric(name="CirclesCreated", unit=MetricUnit.Count, value=1)
    return Response(status_code=201, content_type="application/json", body=circle.model_dump(mode="json"))


@app.get("/circles")
@tracer.capture_method
def list_circles() -> dict[str, list[Circle]]:
    return {"circles": circles().my_circles(member_id(app))}


@app.get("/circles/<circle_id>")
@tracer.capture_method
def get_circle(circle_id: CircleId) -> CircleDetail:
    return circles().circle(member_id(app), circle_id)


@app.post("/circles/<circle_id>/invites", responses=documented(201, 403, 409))
@tracer.capture_method
def create_invite(circle_id: CircleId, body: NewInvite) -> Response[Invite]:
    invite = circles().invite(member_id(app), circle_id, body.role, body.minor)
    return Response(status_code=201, content_type="application/json", body=invite.model_dump(mode="json"))


@app.post("/invites/accept", responses=documented(201, 404, 409, 410))
@tracer.capture_method
def accept_invite(body: AcceptInvite) -> Response[CircleDetail]:
    # The code travels in the body, not the path: paths end up in logs, and the code is a secret until used.
    circle = circles().accept(member_id(app), body.code, body.display_name, body.minor)
    metrics.add_metric(name="InvitesAccepted", unit=MetricUnit.Count, value=1)
    return Response(status_code=201, content_type="application/json", body=circle.model_dump(mode="json"))


@app.delete("/circles/<circle_id>/membership", responses=documented(200, 409))
@tracer.capture_method
def leave_circle(circle_id: CircleId) -> dict:
    departure = circles().leave(member_id(app), circle_id)
    return {"left": circle_id, "circle_deleted": departure.circle_deleted}


@app.delete("/circles/<circle_id>/members/<target>", responses=documented(200, 403, 409))
@tracer.capture_method
def remove_member(circle_id: CircleId, target: MemberId) -> dict:
    departure = circles().remove(member_id(app), circle_id, target)
    return {"removed": target, "circle_deleted": departure.circle_deleted}


@app.patch("/circles/<circle_id>/members/<target>", responses=documented(200, 403, 409))
@tracer.capture_method
def change_member(circle_id: CircleId, target: MemberId, body: AdminChange) -> CircleMember:
    return circles().set_admin(member_id(app), circle_id, target, body.admin)


# --- the member's own account ---------------------------------------------------------------------------


@app.get("/me/settings")
@tracer.capture_method
def get_settings() -> MemberSettings:
    return accounts().settings(member_id(app))


@app.put("/me/settings")
@tracer.capture_method
def put_settings(body: SettingsChange) -> MemberSettings:
    return accounts().save_settings(member_id(app), MemberSettings(**body.model_dump()))


@app.get("/me/export")
@tracer.capture_method
def export_me() -> dict:
    return accounts().export(member_id(app))


@app.delete("/me")
@tracer.capture_method
def delete_me() -> dict:
    outcome = accounts().delete(member_id(app))
    metrics.add_metric(name="AccountsDeleted", unit=MetricUnit.Count, value=1)
    return outcome


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    return reject_unreadable_body(event) or app.resolve(event, context)

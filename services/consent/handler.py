"""The consent service's HTTP routes: a member's rules in a circle, and their audit trail.

Thin: parse, call the domain, translate its outcomes into HTTP. The caller is always the token's `sub`.
(No `from __future__ import annotations` here: Powertools reads the route signatures at run time.)
"""


from typing import Annotated

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit

from services.consent.models import LevelChange
from services.consent.service import ConsentService
from shared.circles.consent import ConsentRefused
from shared.config import settings
from shared.http import ApiError, documented, error, install_error_handlers, member_id, reject_unreadable_body
from shared.models import CircleConsents, ConsentAuditPage
from shared.observability import observability
from shared.store.circles import CircleNotFound, CircleStore, MemberNotFound
from shared.store.consent import ConsentStore, InvalidCursor, RuleChangedMeanwhile

logger, tracer, metrics = observability()
app = APIGatewayHttpResolver(enable_validation=True)
install_error_handlers(app)

CircleId = Annotated[str, Path(pattern=r"^c_[0-9a-f]{20}$")]
MemberId = Annotated[str, Path(pattern=r"^[A-Za-z0-9\-]{1,64}$")]

_service: ConsentService | None = None


def service() -> ConsentService:
    global _service
    if _service is None:
        table = settings().table_name
        _service = ConsentService(circles=CircleStore(table), consent=ConsentStore(table))
    return _service


# --- what domain outcomes mean over HTTP ---------------------------------------------------------------


@app.exception_handler(CircleNotFound)
def _no_circle(exc: CircleNotFound) -> Response:
    # Also for circles that exist but the caller is not in: 403 would tell them it exists.
    return error(404, "circle_not_found", "There is no such circle.")


@app.exception_handler(MemberNotFound)
def _no_member(exc: MemberNotFound) -> Response:
    return error(404, "member_not_found", "That member is not in this circle.")


@app.exception_handler(ConsentRefused)
def _refused(exc: ConsentRefused) -> Response:
    return error(422, exc.code, exc.message)


@app.exception_handler(RuleChangedMeanwhile)
def _raced(exc: RuleChangedMeanwhile) -> Response:
    return error(409, "concurrent_change", "Your consent or the circle changed while this was being done. Try again.")


# --- routes -------------------------------------------------------------------------------------------


@app.get("/circles/<circle_id>/consents")
@tracer.capture_method
def get_consents(circle_id: CircleId) -> CircleConsents:
    return service().view(member_id(app), circle_id)


@app.put("/circles/<circle_id>/consents", responses=documented(200, 409))
@tracer.capture_method
def set_circle_default(circle_id: CircleId, body: LevelChange) -> CircleConsents:
    metrics.add_metric(name="ConsentChanges", unit=MetricUnit.Count, value=1)
    return service().set_default(member_id(app), circle_id, body.level)


@app.put("/circles/<circle_id>/consents/<target>", responses=documented(200, 409))
@tracer.capture_method
def set_member_rule(circle_id: CircleId, target: MemberId, body: LevelChange) -> CircleConsents:
    metrics.add_metric(name="ConsentChanges", unit=MetricUnit.Count, value=1)
    return service().set_for_member(member_id(app), circle_id, target, body.level)


@app.delete("/circles/<circle_id>/consents/<target>", responses=documented(200, 409))
@tracer.capture_method
def clear_member_rule(circle_id: CircleId, target: MemberId) -> CircleConsents:
    metrics.add_metric(name="ConsentChanges", unit=MetricUnit.Count, value=1)
    return service().clear_for_member(member_id(app), circle_id, target)


@app.get("/me/consent-audit", responses=documented(200, 400))
@tracer.capture_method
def get_audit_trail(
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> ConsentAuditPage:
    try:
        return service().audit_trail(member_id(app), limit, cursor)
    except InvalidCursor as problem:
        raise ApiError(400, "invalid_cursor", str(problem))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    return reject_unreadable_body(event) or app.resolve(event, context)

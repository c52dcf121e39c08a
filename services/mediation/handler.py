"""The mediation service: its HTTP routes, and the Lambda tasks of the mediation state machine.

One function serves both: an event with a `step` is a state-machine task (services/mediation/steps.py), anything
else is an API Gateway request. Thin: parse, call the domain, translate its outcomes into HTTP.
(No `from __future__ import annotations` here: Powertools reads the route signatures at run time.)
"""


from typing import Annotated

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.openapi.params import Header, Path
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit

from services.mediation.models import AgreementResponse, NewMediation, Participation, Perspective
from services.mediation.service import (
    CircleNotFound,
    CrisisSupport,
    InvalidParties,
    MediationService,
    NotOffered,
    PartyNotInCircle,
    WorkflowUnavailable,
)
from services.mediation.steps import Steps
from shared.config import settings
from shared.http import (
    ApiError, documented, error, install_error_handlers, locale_of, member_id, reject_unreadable_body,
)
from shared.llm.gateway import CoachGateway
from shared.mediation import CLOSE_MESSAGES, CloseReason
from shared.observability import observability
from shared.store.agreements import AgreementStore
from shared.store.circles import CircleStore
from shared.store.incidents import IncidentStore
from shared.store.mediations import MediationInactive, MediationNotFound, MediationStore, NotAwaited
from shared.store.threads import ThreadStore
from shared.push.sender import Pusher, announce_mediation

logger, tracer, metrics = observability()
app = APIGatewayHttpResolver(enable_validation=True)
install_error_handlers(app)

MediationId = Annotated[str, Path(pattern=r"^m_[0-9a-f]{20}$")]

_service: MediationService | None = None
_steps: Steps | None = None
_pusher: Pusher | None = None


def _announce(mediation_id: str | None) -> None:
    """Real-time push: every party's open app hears that the mediation changed (ids and status, no words)."""
    global _pusher
    try:
        if _pusher is None:
            _pusher = Pusher(settings().table_name)
        if mediation_id and _pusher.enabled:
            announce_mediation(_pusher, service().mediations.get(mediation_id))
    except Exception:  # noqa: BLE001 - a lost update costs nothing: the app reads the mediation over HTTP
        logger.exception("Mediation update could not be pushed")


def service() -> MediationService:
    global _service
    if _service is None:
        config = settings()
        table = config.table_name
        _service = MediationService(MediationStore(table), CircleStore(table), IncidentStore(table),
                                    AgreementStore(table), coach=CoachGateway.from_settings(config.llm))
    return _service


def steps() -> Steps:
    global _steps
    if _steps is None:
        config = settings()
        table = config.table_name
        _steps = Steps(MediationStore(table), AgreementStore(table), ThreadStore(table), IncidentStore(table),
                       CoachGateway.from_settings(config.llm))
    return _steps


@app.exception_handler(MediationNotFound)
def _not_found(exc: MediationNotFound) -> Response:
    return error(404, "mediation_not_found", "There is no such mediation.")


@app.exception_handler(MediationInactive)
def _inactive(exc: MediationInactive) -> Response:
    return error(409, "mediation_closed", "This mediation has already closed.")


@app.exception_handler(NotAwaited)
def _not_awaited(exc: NotAwaited) -> Response:
    return error(409, "not_your_turn", "The mediation is not waiting for that from you now. "
                   "Check `asked_of_me` in the mediation's view.")


def _respond(outcome, status: int = 200) -> Response:
    if isinstance(outcome, CrisisSupport):
        # Not passed on to anyone: the member gets the crisis protocol's reply instead.
        return Response(status_code=200, content_type="application/json",
                        body={"accepted": False, "support": outcome.as_dict()})
    return Response(status_code=status, content_type="application/json", body=outcome)


@app.post("/mediations", responses=documented(
    201, 200, 404, 409, 503, s200="Not started: the topic screened as a crisis (`{accepted: false, support}`)"))
@tracer.capture_method
def start(body: NewMediation, accept_language: Annotated[str | None, Header(alias="accept-language")] = None):
    try:
        outcome = service().start(member_id(app), body.circle_id, body.parties, body.topic, locale_of(accept_language))
    except CircleNotFound:
        raise ApiError(404, "circle_not_found", "There is no such circle.")
    except PartyNotInCircle:
        raise ApiError(422, "party_not_in_circle", "Every party must be a member of the circle.")
    except InvalidParties as problem:
        raise ApiError(422, "invalid_parties", problem.message)
    except NotOffered:
        # The same words whoever's incident closed the gate, and whatever it was: nothing is revealed.
        raise ApiError(409, "mediation_not_offered", CLOSE_MESSAGES[CloseReason.NOT_OFFERED].format(topic=body.topic))
    except WorkflowUnavailable:
        raise ApiError(503, "mediation_unavailable", "The mediation could not start just now. Try again later.")
    if not isinstance(outcome, CrisisSupport):
        metrics.add_metric(name="MediationsStarted", unit=MetricUnit.Count, value=1)
    return _respond(outcome, 201)


@app.get("/mediations")
@tracer.capture_method
def list_mine() -> dict:
    return {"mediations": service().mine(member_id(app))}


@app.get("/agreements")
@tracer.capture_method
def my_agreements() -> dict:
    return {"agreements": service().agreements(member_id(app))}


@app.get("/mediations/<mediation_id>")
@tracer.capture_method
def view(mediation_id: MediationId) -> dict:
    return service().view(member_id(app), mediation_id)


@app.post("/mediations/<mediation_id>/participation", responses=documented(200, 409))
@tracer.capture_method
def participate(mediation_id: MediationId, body: Participation) -> dict:
    return service().participate(member_id(app), mediation_id, body.join)


@app.post("/mediations/<mediation_id>/perspective", responses=documented(200, 409))
@tracer.capture_method
def perspective(mediation_id: MediationId, body: Perspective,
                accept_language: Annotated[str | None, Header(alias="accept-language")] = None):
    return _respond(service().give_perspective(member_id(app), mediation_id, body.model_dump(),
                                               locale_of(accept_language)))


@app.post("/mediations/<mediation_id>/response", responses=documented(200, 409))
@tracer.capture_method
def respond(mediation_id: MediationId, body: AgreementResponse,
            accept_language: Annotated[str | None, Header(alias="accept-language")] = None):
    return _respond(service().respond(member_id(app), mediation_id, body.response, body.amendment,
                                      locale_of(accept_language)))


@app.post("/mediations/<mediation_id>/cancel", responses=documented(200, 409))
@tracer.capture_method
def cancel(mediation_id: MediationId) -> dict:
    return service().cancel(member_id(app), mediation_id)


def _count_outcome(step: str | None, result: dict) -> None:
    """How mediations end, for the dashboard: agreed, or closed with its reason (declined, timed out, cancelled,
    failed, safety...)."""
    if step == "conclude":
        metrics.add_metric(name="MediationsAgreed", unit=MetricUnit.Count, value=1)
    elif step == "close" and result.get("closed"):
        metrics.add_metric(name=f"MediationsClosed_{result.get('reason')}", unit=MetricUnit.Count, value=1)



@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    if isinstance(event, dict) and "step" in event:
        logger.append_keys(mediation_id=event.get("mediation_id"), step=event.get("step"))
        result = steps().run(event)
        _count_outcome(event.get("step"), result)
        _announce(event.get("mediation_id"))
        return result
    # A POST without a body (cancel) needs no content type; one with a body must send JSON.
    response = (reject_unreadable_body(event) if event.get("body") else None) or app.resolve(event, context)
    if event.get("requestContext", {}).get("http", {}).get("method") == "POST" and \
            int(response.get("statusCode", 500)) < 300:
        _announce((event.get("pathParameters") or {}).get("mediation_id"))
    return response

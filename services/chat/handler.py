"""The chat service's HTTP routes. Thin: parse, call the domain, translate its outcomes into HTTP.

(No `from __future__ import annotations` here: Powertools reads the route signatures at run time.)
"""


import re
import uuid
from typing import Annotated

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit

from services.chat.models import NewMessage
from services.chat.turn import ChatService, ReplyNotSaved
from shared.config import settings
from shared.observability import observability
from shared.http import ApiError, documented, install_error_handlers, locale_of, member_id, reject_unreadable_body
from shared.llm.gateway import CoachGateway
from shared.models import ChatTurn, MessagePage, Thread
from shared.push.sender import Pusher
from shared.store.threads import (
    IdempotencyKeyReused,
    InvalidCursor,
    ThreadNotFound,
    ThreadStore,
    TurnInProgress,
)

logger, tracer, metrics = observability()
app = APIGatewayHttpResolver(enable_validation=True)
install_error_handlers(app)

IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_.:\-]{1,128}$")
ThreadId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,64}$")]

_service: ChatService | None = None


def service() -> ChatService:
    # Built on first use and kept for the container's life: clients are reused across invocations.
    global _service
    if _service is None:
        config = settings()
        _service = ChatService(store=ThreadStore(config.table_name), coach=CoachGateway.from_settings(config.llm),
                               pusher=Pusher(config.table_name))
    return _service


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}


@app.get("/threads")
@tracer.capture_method
def list_threads() -> dict[str, list[Thread]]:
    me = member_id(app)
    store = service().store
    threads = store.list_threads(me) or [store.ensure_private_thread(me)]
    return {"threads": threads}


@app.post("/threads/<thread_id>/messages", responses=documented(
    201, 200, 400, 409, 503, s201="The message is stored and answered",
    s200="A retry (same Idempotency-Key): the first attempt's message and reply"))
@tracer.capture_method
def post_message(
    thread_id: ThreadId,
    body: NewMessage,
    idempotency_key: Annotated[str | None, Header(alias="idempotency-key")] = None,
    accept_language: Annotated[str | None, Header(alias="accept-language")] = None,
) -> Response[ChatTurn]:
    me = member_id(app)
    if idempotency_key is not None and not IDEMPOTENCY_KEY.match(idempotency_key):
        raise ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1–128 letters, digits or _.:-")
    # Without a key a retry cannot be recognised; the turn still runs exactly once for this request.
    key = idempotency_key or f"auto-{uuid.uuid4().hex}"
    try:
        turn = service().take_turn(me, thread_id, body.text, key, locale=locale_of(accept_language))
    except ThreadNotFound:
        raise ApiError(404, "thread_not_found", "There is no such thread.")
    except IdempotencyKeyReused:
        raise ApiError(422, "idempotency_key_reused", "This Idempotency-Key was already used for a different message.")
    except TurnInProgress:
        raise ApiError(409, "turn_in_progress", "This message is still being answered. Retry in a few seconds.")
    except ReplyNotSaved:
        raise ApiError(
            503,
            "reply_not_saved",
            "Your message is saved, but the reply could not be stored. Retry with the same Idempotency-Key.",
        )
    metrics.add_metric(name="ChatTurns", unit=MetricUnit.Count, value=1)
    metrics.add_metric(name=f"Replies_{turn.reply.source}", unit=MetricUnit.Count, value=1)
    return Response(
        status_code=200 if turn.replayed else 201,
        content_type="application/json",
        body=turn.model_dump(mode="json"),
    )



@app.get("/threads/<thread_id>/messages", responses=documented(200, 400))
@tracer.capture_method
def get_messages(
    thread_id: ThreadId,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> MessagePage:
    try:
        return service().history(member_id(app), thread_id, limit, cursor)
    except ThreadNotFound:
        raise ApiError(404, "thread_not_found", "There is no such thread.")
    except InvalidCursor as problem:
        raise ApiError(400, "invalid_cursor", str(problem))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    return reject_unreadable_body(event) or app.resolve(event, context)

"""The check-ins function: the schedule's ticks, shard work, follow-ups from the table's stream, and the members'
check-in preferences and reminders over HTTP.

Events it handles (docs/architecture.md, "Check-ins"):
- the schedule's tick (`{"source": "inetta.schedule", "slot_minutes": 15}`; an operator may add `"at"` to replay
  a slot): it delivers a quiet window itself; with `CHECKINS_FANOUT=events` a busy one (more than 200 wake-ups) is
  fanned out, one `Check-in shard due` event per busy shard on the default bus;
- `Check-in shard due` (from the fan-out rule): one shard of the due index, the last hour's slots;
- DynamoDB stream records of new follow-ups (crisis and agreement): their member's wake-up is booked;
- HTTP: `GET /me/checkins`, `PUT /me/checkins`, `POST /me/reminders`.

(No `from __future__ import annotations` here: Powertools reads the route signatures at run time.)
"""


import os
from datetime import datetime, timezone

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit
from boto3.dynamodb.types import TypeDeserializer

from services.checkins.models import NewReminder, ReminderCreated
from shared.checkins.delivery import SHARD_DUE, CheckinService
from shared.checkins.reminders import parse_reminder
from shared.checkins.schedule import InvalidTimeZone, zone
from shared.config import settings
from shared.http import ApiError, documented, install_error_handlers, member_id, reject_unreadable_body
from shared.models import CheckinFrequency, CheckinPreferences, iso
from shared.observability import observability
from shared.push.frames import checkin as checkin_frame
from shared.push.sender import Pusher

logger, tracer, metrics = observability()
app = APIGatewayHttpResolver(enable_validation=True)
install_error_handlers(app)
_deserializer = TypeDeserializer()

_service: CheckinService | None = None


class PushingCheckinService(CheckinService):
    """Check-ins that also reach the member's open apps at once (real-time push, `{"type": "checkin"}`).

    `_push` runs after each delivery's transaction (and sends the `Check-in delivered` event): the frame goes
    from there, to that member only, and its failure never undoes the delivery.
    """

    pusher: Pusher | None = None

    def _push(self, member_id, prefs, thread_id, message_id, slot, kinds, text) -> None:
        super()._push(member_id, prefs, thread_id, message_id, slot, kinds, text)
        try:
            if self.pusher is not None and self.pusher.enabled:
                frame = checkin_frame(thread_id if prefs.channels.thread else None, kinds)
                frame["message_id"] = message_id
                if not prefs.channels.thread:
                    frame["text"] = text  # no thread message to read: the frame carries their check-in
                self.pusher.send(member_id, frame)
        except Exception:  # noqa: BLE001 - the check-in is delivered; a lost frame costs nothing
            logger.exception("Check-in could not be pushed")


def service() -> CheckinService:
    global _service
    if _service is None:
        import boto3

        _service = PushingCheckinService(settings().table_name, events=boto3.client("events"))
        _service.pusher = Pusher(settings().table_name)
    return _service


def _now() -> datetime:
    return datetime.now(timezone.utc)


# --- HTTP ---------------------------------------------------------------------------------------------------


@app.get("/me/checkins")
@tracer.capture_method
def get_preferences() -> CheckinPreferences:
    return service().store.preferences(member_id(app))


@app.put("/me/checkins")
@tracer.capture_method
def put_preferences(body: CheckinPreferences) -> CheckinPreferences:
    me = member_id(app)
    try:
        zone(body.time_zone)
    except InvalidTimeZone as problem:
        raise ApiError(422, "invalid_time_zone", str(problem))
    if body.frequency is not CheckinFrequency.OFF and not (body.channels.thread or body.channels.push):
        raise ApiError(422, "no_channel", "Choose at least one channel (thread or push), or set frequency to off.")
    return service().store.save_preferences(me, body.model_copy(update={"next_check_in_at": None}), _now())


@app.post("/me/reminders", responses=documented(201))
@tracer.capture_method
def post_reminder(body: NewReminder) -> Response[ReminderCreated]:
    me = member_id(app)
    store = service().store
    reminder = parse_reminder(body.text, _now(), store.preferences(me).time_zone)
    if reminder is None:
        raise ApiError(422, "reminder_not_understood",
                       'Say what and when, e.g. "remind me on Friday at 6pm to ask Sam about her exam".')
    item = store.add_reminder(me, reminder)
    created = ReminderCreated(reminder_id=item["reminder_id"], what=reminder.what, due_at=iso(reminder.due_at),
                              status=item["status"])
    return Response(status_code=201, content_type="application/json", body=created.model_dump(mode="json"))


# --- schedule, shards, stream -------------------------------------------------------------------------------


def _tick(event: dict) -> dict:
    now = datetime.fromisoformat(event["at"].replace("Z", "+00:00")) if event.get("at") else _now()
    slot_minutes = int(event.get("slot_minutes", 15))
    first = service().store.claim_slot(slot_minutes, int(now.timestamp()) // (slot_minutes * 60))
    result = service().tick(now, fan_out=os.environ.get("CHECKINS_FANOUT") == "events")
    _count({k: v for k, v in result.items() if isinstance(v, int) and k not in ("waiting", "fanned_out")})
    logger.info("Check-in tick", extra={"first_delivery": first, **result})
    return {"at": iso(now), "first_delivery": first, **result}


def _shard(event: dict) -> dict:
    detail = event.get("detail") or {}
    now = datetime.fromisoformat(detail["at"].replace("Z", "+00:00")) if detail.get("at") else _now()
    outcome = service().run_shard(int(detail["shard"]), now)
    _count(outcome.summary())
    logger.info("Check-in shard", extra={"shard": detail["shard"], **outcome.summary()})
    return {"shard": detail["shard"], **outcome.summary()}


def _stream(event: dict) -> dict:
    failures = []
    for record in event.get("Records", []):
        try:
            image = record.get("dynamodb", {}).get("NewImage")
            if record.get("eventName") == "INSERT" and image:
                values = {key: _deserializer.deserialize(value) for key, value in image.items()}
                service().index_followup(values, _now())
        except Exception:  # noqa: BLE001 - reported per record: Lambda retries just this one
            logger.exception("Could not book a follow-up's check-in")
            failures.append({"itemIdentifier": record.get("dynamodb", {}).get("SequenceNumber")})
    return {"batchItemFailures": failures}


def _count(summary: dict) -> None:
    for name, value in summary.items():
        if value:
            metrics.add_metric(name=f"Checkins_{name}", unit=MetricUnit.Count, value=value)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    if "requestContext" in event and "routeKey" in event:
        return reject_unreadable_body(event) or app.resolve(event, context)
    if "Records" in event:
        return _stream(event)
    if event.get("detail-type") == SHARD_DUE:
        return _shard(event)
    return _tick(event)

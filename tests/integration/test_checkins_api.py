"""Check-ins over the local stack: preferences over HTTP, the schedule's tick fanned out to shard invocations through
EventBridge, follow-ups arriving from the table's stream, push events on the default bus, deleted members."""

import json
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from shared.store.agreements import AgreementStore
from shared.store.checkins import shard_of

pytestmark = [pytest.mark.checkins, pytest.mark.integration]
CHECKINS = "CheckinsFunction"


@pytest.fixture
def push_queue(local_stack):
    """A mobile push integration listening on the default bus for delivered check-ins."""
    sqs, events = local_stack.client("sqs"), local_stack.client("events")
    name = f"checkin-push-{uuid.uuid4().hex[:8]}"
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name=name, EventPattern=json.dumps({"source": ["inetta.checkins"],
                                                        "detail-type": ["Check-in delivered"]}))
    events.put_targets(Rule=name, Targets=[{"Id": "push", "Arn": arn}])
    return url


def pushes(local_stack, url, sub):
    received: list[dict] = []
    deadline = time.monotonic() + 10
    while not received and time.monotonic() < deadline:
        batch = local_stack.client("sqs").receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
        received += [json.loads(m["Body"])["detail"] for m in batch.get("Messages", [])]
    return [d for d in received if d["member_id"] == sub]


def tick(local_stack, at: str):
    result = local_stack.invoke(CHECKINS, {"source": "inetta.schedule", "slot_minutes": 15, "at": at})
    assert result.ok, result.error
    return result.json()


def checkins(member, expected: int = 1, timeout: float = 10.0, retick=None) -> list[dict]:
    """The check-ins in the member's thread, once `expected` have arrived. `retick`: the schedule ticks again while
    waiting (idempotent), for wake-ups booked asynchronously from the table's stream."""
    deadline = time.monotonic() + timeout
    while True:
        if retick:
            retick()
        thread_id = member.get("/threads").json()["threads"][0]["id"]
        found = [m for m in member.get(f"/threads/{thread_id}/messages?limit=50").json()["messages"]
                 if m.get("note") == "A check-in from your coach"]
        if len(found) >= expected or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def test_preferences_are_validated_and_a_tick_delivered_twice_gives_one_check_in(local_stack, member, push_queue):
    assert member.get("/me/checkins").json()["frequency"] == "off"
    bad = member.put("/me/checkins", json={"frequency": "daily", "time": "08:00", "time_zone": "Mars/Olympus"})
    assert bad.status_code == 422 and bad.json()["error"] == "invalid_time_zone"
    assert member.put("/me/checkins", json={"frequency": "hourly"}).status_code == 422
    assert member.put("/me/checkins", json={"time": "25:00"}).status_code == 422
    saved = member.put("/me/checkins", json={"frequency": "daily", "time": "08:00", "time_zone": "Asia/Tokyo",
                                             "quiet_hours": {"start": "22:00", "end": "07:00"}})
    assert saved.status_code == 200
    due = saved.json()["next_check_in_at"]
    assert due.endswith("T23:00:00.000000Z")  # 08:00 in Tokyo
    assert member.get("/me/checkins").json()["time_zone"] == "Asia/Tokyo"

    first = tick(local_stack, due)
    assert first["mode"] == "inline" and first["delivered"] >= 1  # a quiet slot: the tick delivers it itself
    # EventBridge delivers the same tick twice. (Its count is not asserted: other tests' members may fall due in the
    # meantime; this member's single check-in is, below.)
    tick(local_stack, due)
    [message] = checkins(member)
    assert message["text"].startswith("Hi, it's your coach checking in.")
    time.sleep(1.0)
    assert len(checkins(member, expected=2, timeout=1.0)) == 1
    [push] = pushes(local_stack, push_queue, member.sub)
    assert push["message_id"] == message["id"] and "text" not in push
    following = member.get("/me/checkins").json()["next_check_in_at"]
    assert following == (datetime.fromisoformat(due.replace("Z", "+00:00")) + timedelta(days=1)).strftime(
        "%Y-%m-%dT%H:%M:%S.000000Z")


def test_a_reminder_asked_for_is_delivered_when_due(local_stack, member):
    created = member.post("/me/reminders", json={"text": "remind me in 3 days to ask Sam about her exam"})
    assert created.status_code == 201, created.text
    assert member.post("/me/reminders", json={"text": "we argued again"}).status_code == 422
    # A busy slot is fanned out: the shard's own invocation (what the fan-out rule hands the function) delivers it.
    shard = local_stack.invoke(CHECKINS, {"detail-type": "Check-in shard due", "source": "inetta.checkins",
                                          "detail": {"shard": shard_of(member.sub), "at": created.json()["due_at"]}})
    assert shard.ok and shard.json()["delivered"] >= 1
    [message] = checkins(member)
    assert "remind you to ask Sam about her exam" in message["text"]


def test_a_crisis_follow_up_arrives_from_the_stream_and_is_delivered_the_next_day(local_stack, member):
    thread_id = member.get("/threads").json()["threads"][0]["id"]
    member.post(f"/threads/{thread_id}/messages", json={"text": "I want to kill myself tonight"},
                headers={"Idempotency-Key": uuid.uuid4().hex})
    assert local_stack.drain()  # incident → escalation → follow-up booked
    assert local_stack.drain()  # follow-up → check-ins function → wake-up booked
    table = local_stack.outputs["TableName"]
    follow_ups = local_stack.client("dynamodb").query(
        TableName=table, KeyConditionExpression="pk = :pk AND begins_with(sk, :f)",
        ExpressionAttributeValues={":pk": {"S": f"MEMBER#{member.sub}"}, ":f": {"S": "FOLLOWUP#crisis#"}})["Items"]
    [follow_up] = follow_ups
    [message] = checkins(member, timeout=30, retick=lambda: tick(local_stack, follow_up["due_at"]["S"]))
    assert "check in after our conversation yesterday" in message["text"]


def test_an_agreement_from_a_mediation_is_followed_up_for_each_party(local_stack, make_member):
    parent, teen = make_member("parent"), make_member("teen")
    agreed = datetime.now(timezone.utc) - timedelta(days=7)
    record = {"mediation_id": f"m_{uuid.uuid4().hex[:8]}", "circle_id": f"c_{uuid.uuid4().hex[:8]}",
              "topic": "curfew", "parties": [parent.sub, teen.sub], "initiator": parent.sub,
              "agreed_at": agreed.strftime("%Y-%m-%dT%H:%M:%S.%fZ")}
    AgreementStore(local_stack.outputs["TableName"], local_stack.client("dynamodb")).store(
        record, "Home by 22:00 on weekdays; a text if plans change.", timedelta(days=7))
    assert local_stack.drain()  # the follow-ups' inserts → the check-ins function books the wake-ups
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    for party in (parent, teen):
        [message] = checkins(party, timeout=30, retick=lambda: tick(local_stack, now))
        assert "agreement you made about curfew" in message["text"] and "Home by 22:00" in message["text"]


def test_a_deleted_member_gets_nothing(local_stack, member):
    due = member.put("/me/checkins", json={"frequency": "daily", "time": "09:00", "time_zone": "Europe/Berlin"}
                     ).json()["next_check_in_at"]
    member.post("/me/reminders", json={"text": "remind me tomorrow at 9 to call the bank"})
    assert member.delete("/me").status_code in (200, 202, 204)
    tick(local_stack, due)
    time.sleep(2.0)
    owned = local_stack.client("dynamodb").query(
        TableName=local_stack.outputs["TableName"], IndexName="by_owner",
        KeyConditionExpression="#o = :me", ExpressionAttributeNames={"#o": "owner"},
        ExpressionAttributeValues={":me": {"S": member.sub}})["Items"]
    assert owned == []

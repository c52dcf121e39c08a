"""Check-in delivery against DynamoDB (moto, in process): exactly once, quiet hours, follow-ups from mediation and
crisis, reminders, conflict anticipation with and without consent, deleted members, push events."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from shared.checkins.delivery import CheckinService
from shared.checkins.reminders import parse_reminder
from shared.checkins.schedule import slot_of, slot_start
from shared.circles.rules import Membership
from shared.models import CheckinPreferences, CircleKind, ConsentLevel, QuietHours, Role, iso
from shared.store.accounts import AccountStore
from shared.store.agreements import AgreementStore
from shared.store.batch import query, query_owner
from shared.store.checkins import CheckinStore, due_pk, shard_of
from shared.store.circles import CircleStore, membership_item, my_circle_item
from shared.store.consent import ConsentStore
from shared.store.table import from_item, to_item
from shared.store.threads import private_thread_id, thread_pk

pytestmark = pytest.mark.checkins
TABLE = "inetta-test"
UTC = timezone.utc


class Events:
    def __init__(self):
        self.entries: list[dict] = []

    def put_events(self, Entries):  # noqa: N803 - boto3's spelling
        self.entries += Entries
        return {"FailedEntryCount": 0, "Entries": [{"EventId": uuid.uuid4().hex} for _ in Entries]}

    def for_member(self, sub: str) -> list[dict]:
        import json
        return [json.loads(e["Detail"]) for e in self.entries
                if e["DetailType"] == "Check-in delivered" and json.loads(e["Detail"])["member_id"] == sub]


@pytest.fixture
def events():
    return Events()


@pytest.fixture
def service(dynamodb, events, monkeypatch):
    # Two shards instead of 32: the same code paths, a sixteenth of the queries per tick (moto is slow).
    monkeypatch.setattr("shared.store.checkins.SHARDS", 2)
    monkeypatch.setattr("shared.checkins.delivery.SHARDS", 2)
    return CheckinService(TABLE, client=dynamodb, events=events, workers=1)  # moto in process is not thread-safe


def checkins(dynamodb, sub: str) -> list[dict]:
    """The coach's check-in messages in the member's thread."""
    items = query(dynamodb, TABLE, thread_pk(private_thread_id(sub)), "MSG#")
    return [item for item in items if item.get("checkin")]


def prefs(**fields) -> CheckinPreferences:
    return CheckinPreferences(**{"frequency": "daily", "time": "08:00", "time_zone": "Europe/Paris", **fields})


def say(dynamodb, sub: str, text: str, at: datetime) -> None:
    """A message the member wrote in their own thread at `at`."""
    message_id = uuid.uuid4().hex
    dynamodb.put_item(TableName=TABLE, Item=to_item({
        "pk": thread_pk(private_thread_id(sub)), "sk": f"MSG#{iso(at)}#{message_id}", "owner": sub,
        "id": message_id, "thread_id": private_thread_id(sub), "author": "member", "text": text,
        "created_at": iso(at)}))


# --- routine check-ins -------------------------------------------------------------------------------------------


def test_a_routine_check_in_arrives_at_the_local_time_and_books_the_next(dynamodb, service, events):
    store = CheckinStore(TABLE, dynamodb)
    saved = store.save_preferences("ada", prefs(), datetime(2026, 1, 10, 12, 0, tzinfo=UTC))
    assert saved.next_check_in_at == "2026-01-11T07:00:00.000000Z"  # 08:00 in Paris (CET)
    assert service.run(datetime(2026, 1, 11, 6, 45, tzinfo=UTC)).delivered == 0  # the slot before: nothing yet
    outcome = service.run(datetime(2026, 1, 11, 7, 0, tzinfo=UTC))
    assert outcome.delivered == 1
    [message] = checkins(dynamodb, "ada")
    assert message["author"] == "coach" and message["text"].startswith("Hi, it's your coach checking in.")
    assert set(message["checkin_kinds"]) & {"micro_goal", "gratitude", "weekly_insight"}
    assert store.preferences("ada").next_check_in_at == "2026-01-12T07:00:00.000000Z"
    [push] = events.for_member("ada")
    assert push["message_id"] == message["id"] and "text" not in push  # no words on a lock screen


def test_a_missed_tick_is_made_up_by_the_next_one(dynamodb, service):
    CheckinStore(TABLE, dynamodb).save_preferences("bo", prefs(), datetime(2026, 1, 10, 12, 0, tzinfo=UTC))
    assert service.run(datetime(2026, 1, 11, 7, 30, tzinfo=UTC)).delivered == 1  # 30 minutes late
    assert len(checkins(dynamodb, "bo")) == 1


def test_duplicate_and_racing_deliveries_produce_one_check_in(dynamodb, service, events):
    CheckinStore(TABLE, dynamodb).save_preferences("cy", prefs(), datetime(2026, 1, 10, 12, 0, tzinfo=UTC))
    now = datetime(2026, 1, 11, 7, 1, tzinfo=UTC)
    slot = slot_of(now)
    wake_key = to_item({"pk": due_pk(slot, shard_of("cy")), "sk": "cy"})
    stale = dynamodb.get_item(TableName=TABLE, Key=wake_key)["Item"]
    stale_prefs = CheckinStore(TABLE, dynamodb).preferences_item("cy")
    assert service.run(now).delivered == 1
    assert service.run(now).delivered == 0  # the scheduler delivers the tick once more
    # A racing invocation that read the wake-up before the first one deleted it: the receipt stops it.
    dynamodb.put_item(TableName=TABLE, Item=stale)
    service.store.preferences_item = lambda member: stale_prefs
    assert service.deliver("cy", slot, now).duplicates == 1
    assert len(checkins(dynamodb, "cy")) == 1
    assert len(events.for_member("cy")) == 1


def test_a_check_in_that_falls_in_quiet_hours_waits_for_their_end(dynamodb, service):
    store = CheckinStore(TABLE, dynamodb)
    store.save_preferences("di", prefs(time="21:00", quiet_hours=QuietHours(start="22:00", end="07:30")),
                           datetime(2026, 1, 10, 12, 0, tzinfo=UTC))
    # A reminder due at 02:00 in Paris waits until 07:30.
    reminder = parse_reminder("remind me at 2am to check the baby monitor batteries",
                              datetime(2026, 1, 10, 12, 0, tzinfo=UTC), "Europe/Paris")
    store.add_reminder("di", reminder, datetime(2026, 1, 10, 12, 0, tzinfo=UTC))
    assert service.run(datetime(2026, 1, 11, 1, 0, tzinfo=UTC)).delivered == 0
    assert checkins(dynamodb, "di") == []
    delivered = service.run(datetime(2026, 1, 11, 6, 30, tzinfo=UTC))  # 07:30 in Paris
    assert delivered.delivered == 1
    [message] = checkins(dynamodb, "di")
    assert "check the baby monitor batteries" in message["text"]


def test_a_reminder_is_delivered_once_and_in_the_second_person(dynamodb, service):
    store = CheckinStore(TABLE, dynamodb)
    wednesday = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    reminder = parse_reminder("remind me on Friday to ask Sam about her exam and text my sister", wednesday, "UTC")
    store.add_reminder("ed", reminder, wednesday)
    store.add_reminder("ed", reminder, wednesday)  # the chat turn retried: still one reminder
    assert len(store.reminders("ed")) == 1
    friday = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert service.run(friday).delivered == 1
    assert service.run(friday + timedelta(minutes=15)).delivered == 0
    [message] = checkins(dynamodb, "ed")
    assert "remind you to ask Sam about her exam and text your sister" in message["text"]
    assert store.reminders("ed")[0]["status"] == "delivered"


def test_a_check_in_shows_as_one_in_the_thread_and_says_why_it_came(dynamodb, service):
    from shared.context.why import explain
    from shared.models import ReplySource
    from shared.store.threads import ThreadStore

    store = CheckinStore(TABLE, dynamodb)
    wednesday = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    store.add_reminder("flo", parse_reminder("remind me on Friday to call my dad", wednesday, "UTC"), wednesday)
    service.run(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    thread_id = private_thread_id("flo")
    [message] = ThreadStore(TABLE, client=dynamodb).list_messages("flo", thread_id, 10, None).messages
    assert message.source == ReplySource.CHECKIN and message.note == "A check-in from your coach"
    why = explain(dynamodb, TABLE, "flo", thread_id, message.id)
    assert why["summary"] == ("This is a check-in Inetta sent on the schedule you chose (no AI model was used), "
                              "drawing on: a reminder you asked for.")
    exported = AccountStore(TABLE, client=dynamodb).export("flo")
    assert [m["why"] for t in exported["threads"] for m in t["messages"]] == [why]


# --- follow-ups booked by other services -------------------------------------------------------------------------


def test_an_agreement_from_a_mediation_is_followed_up_for_each_party(dynamodb, service):
    agreed_at = "2026-03-01T18:00:00.000000Z"
    record = {"mediation_id": "m_1", "circle_id": "c_1", "topic": "screen time", "parties": ["mum", "teen"],
              "initiator": "mum", "agreed_at": agreed_at}
    AgreementStore(TABLE, dynamodb).store(record, "Phones go in the basket at 21:00 on school nights.",
                                          timedelta(days=7))
    now = datetime(2026, 3, 1, 18, 0, 1, tzinfo=UTC)
    # What the table's stream hands the check-ins function: the follow-up items as inserted.
    for item in query(dynamodb, TABLE, "FOLLOWUP#2026-03-08T18"):
        service.index_followup(item, now)
    assert service.run(datetime(2026, 3, 8, 17, 45, tzinfo=UTC)).delivered == 0  # not due yet
    assert service.run(datetime(2026, 3, 8, 18, 0, tzinfo=UTC)).delivered == 2
    for party in ("mum", "teen"):
        [message] = checkins(dynamodb, party)
        assert "Following up on the agreement you made about screen time" in message["text"]
        assert "Phones go in the basket at 21:00" in message["text"]
        assert message["checkin_kinds"] == ["agreement_follow_up"]
    assert {f["status"] for f in query(dynamodb, TABLE, "FOLLOWUP#2026-03-08T18")} == {"delivered"}
    # A redelivered stream record books nothing new.
    for item in query(dynamodb, TABLE, "FOLLOWUP#2026-03-08T18"):
        assert service.index_followup(item, now) is None
    assert service.run(datetime(2026, 3, 8, 18, 15, tzinfo=UTC)).delivered == 0


def test_a_crisis_follow_up_is_delivered_gently_and_alone(dynamodb, service):
    CheckinStore(TABLE, dynamodb).save_preferences("fi", prefs(time="09:00", time_zone="UTC"),
                                                   datetime(2026, 5, 1, 10, 0, tzinfo=UTC))
    follow_up = {"pk": "MEMBER#fi", "sk": "FOLLOWUP#crisis#inc1", "owner": "fi", "kind": "crisis_follow_up",
                 "incident_id": "inc1", "due_at": "2026-05-02T09:05:00.000000Z", "status": "pending"}
    dynamodb.put_item(TableName=TABLE, Item=to_item(follow_up))  # as services/escalation/notify.py books it
    service.index_followup(follow_up, datetime(2026, 5, 1, 9, 5, tzinfo=UTC))
    assert service.run(datetime(2026, 5, 2, 9, 0, tzinfo=UTC)).delivered == 1  # routine and follow-up: one message
    [message] = checkins(dynamodb, "fi")
    assert message["checkin_kinds"] == ["crisis_follow_up"]  # no gratitude exercise the day after a crisis
    assert "988" in message["text"]
    stored = from_item(dynamodb.get_item(TableName=TABLE, Key=to_item({"pk": "MEMBER#fi", "sk": "FOLLOWUP#crisis#inc1"}))["Item"])
    assert stored["status"] == "delivered"


# --- conflict anticipation ----------------------------------------------------------------------------------------


def couple(dynamodb, a: str, b: str) -> str:
    state = CircleStore(TABLE, dynamodb).create(a, CircleKind.COUPLE, "Us", Role.PARTNER, False, "A")
    partner = Membership(circle_id=state.circle.id, member_id=b, role=Role.PARTNER, admin=False, minor=False,
                         joined_at=iso(datetime.now(UTC)))
    for item in (membership_item(partner), my_circle_item(partner)):
        dynamodb.put_item(TableName=TABLE, Item=to_item(item))
    return state.circle.id


def share_themes(dynamodb, circle_id: str, source: str, audience: str) -> None:
    members = {m.member_id: m for m in CircleStore(TABLE, dynamodb).load(circle_id).members}
    ConsentStore(TABLE, dynamodb).set_rule(members[source], members[audience], ConsentLevel.THEMES, None)


CANARY = "CANARY-plum-4471"


def tense_week(dynamodb, sub: str, now: datetime, secret: str = "") -> None:
    say(dynamodb, sub, f"We fought about the dishes again {secret}", now - timedelta(days=1))
    say(dynamodb, sub, "I'm so fed up, the laundry is always left to me and we argue", now - timedelta(days=2))


def run_routine(dynamodb, service, *subs: str) -> datetime:
    store = CheckinStore(TABLE, dynamodb)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    local = now.strftime("%H:%M")
    for sub in subs:
        store.save_preferences(sub, prefs(time=local, time_zone="UTC", quiet_hours=None), now)
    service.run(now)
    return now


def test_consented_tension_on_the_same_topic_nudges_each_member_without_revealing_anything(dynamodb, service):
    circle_id = couple(dynamodb, "pat", "sam")
    share_themes(dynamodb, circle_id, "pat", "sam")
    share_themes(dynamodb, circle_id, "sam", "pat")
    now = datetime.now(UTC)
    tense_week(dynamodb, "pat", now)
    tense_week(dynamodb, "sam", now, secret=CANARY)
    run_routine(dynamodb, service, "pat", "sam")
    for sub in ("pat", "sam"):
        [message] = checkins(dynamodb, sub)
        assert "conflict_anticipation" in message["checkin_kinds"]
        assert "household chores seems to be a sore spot between the two of you" in message["text"]
    assert CANARY not in checkins(dynamodb, "pat")[0]["text"]
    assert "sam" not in checkins(dynamodb, "pat")[0]["text"].lower().split()


def test_without_consent_nobody_is_nudged_and_the_others_chat_is_not_read(dynamodb, service):
    circle_id = couple(dynamodb, "lee", "kim")
    share_themes(dynamodb, circle_id, "lee", "kim")  # lee shares with kim; kim shares nothing with lee
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    tense_week(dynamodb, "lee", now)
    tense_week(dynamodb, "kim", now, secret=CANARY)
    CheckinStore(TABLE, dynamodb).save_preferences("lee", prefs(time=now.strftime("%H:%M"), time_zone="UTC",
                                                                quiet_hours=None), now)
    service.run(now)
    [message] = checkins(dynamodb, "lee")
    assert "conflict_anticipation" not in message["checkin_kinds"]  # only lee's own tension is visible to lee
    assert CANARY not in message["text"]
    # Kim's chat was not even read for lee's check-in: no signal was computed from it.
    assert CheckinStore(TABLE, dynamodb).signal("kim") is None


def test_one_consenting_member_lets_the_other_be_nudged(dynamodb, service):
    circle_id = couple(dynamodb, "ari", "noa")
    share_themes(dynamodb, circle_id, "ari", "noa")  # only ari shares
    now = datetime.now(UTC)
    tense_week(dynamodb, "ari", now)
    tense_week(dynamodb, "noa", now)
    run_routine(dynamodb, service, "ari", "noa")
    assert "conflict_anticipation" in checkins(dynamodb, "noa")[0]["checkin_kinds"]      # sees ari's (consented)
    assert "conflict_anticipation" not in checkins(dynamodb, "ari")[0]["checkin_kinds"]  # noa shares nothing


# --- deleted members ------------------------------------------------------------------------------------------------


def test_a_deleted_member_gets_nothing(dynamodb, service, events):
    store = CheckinStore(TABLE, dynamodb)
    store.save_preferences("gone", prefs(), datetime(2026, 1, 10, 12, 0, tzinfo=UTC))
    store.add_reminder("gone", parse_reminder("remind me tomorrow at 9 to call the bank",
                                              datetime(2026, 1, 10, 12, 0, tzinfo=UTC), "Europe/Paris"),
                       datetime(2026, 1, 10, 12, 0, tzinfo=UTC))
    AccountStore(TABLE, dynamodb).delete_everything("gone")
    outcome = service.run(datetime(2026, 1, 11, 7, 0, tzinfo=UTC))
    outcome.add(service.run(datetime(2026, 1, 11, 8, 0, tzinfo=UTC)))
    assert outcome.delivered == 0
    assert list(query_owner(dynamodb, TABLE, "gone")) == []
    assert list(query(dynamodb, TABLE, thread_pk(private_thread_id("gone")))) == []
    assert events.for_member("gone") == []


def test_a_stale_wake_up_of_a_deleted_member_writes_nothing(dynamodb, service):
    # Even a wake-up that escaped deletion (no owner index yet) produces no thread and no message.
    slot = slot_of(datetime(2026, 1, 11, 7, 0, tzinfo=UTC))
    dynamodb.put_item(TableName=TABLE, Item=to_item({"pk": due_pk(slot, shard_of("ghost")), "sk": "ghost",
                                                     "owner": "ghost", "slot": slot, "routine": True}))
    assert service.run(slot_start(slot)).delivered == 0
    assert list(query(dynamodb, TABLE, thread_pk(private_thread_id("ghost")))) == []


def test_the_push_carries_the_text_only_when_the_thread_is_off(dynamodb, service, events):
    from shared.models import CheckinChannels

    CheckinStore(TABLE, dynamodb).save_preferences(
        "hal", prefs(channels=CheckinChannels(thread=False, push=True)), datetime(2026, 1, 10, 12, 0, tzinfo=UTC))
    service.run(datetime(2026, 1, 11, 7, 0, tzinfo=UTC))
    assert checkins(dynamodb, "hal") == []
    [push] = events.for_member("hal")
    assert push["text"].startswith("Hi, it's your coach")


def test_a_quiet_tick_delivers_itself_and_a_busy_one_fans_out_by_shard(dynamodb, service, events):
    store = CheckinStore(TABLE, dynamodb)
    for sub in ("ivy", "jon", "kai"):
        store.save_preferences(sub, prefs(), datetime(2026, 1, 10, 12, 0, tzinfo=UTC))
    busy = service.tick(datetime(2026, 1, 11, 7, 0, tzinfo=UTC), fan_out=True, inline_limit=2)
    assert busy["mode"] == "fan_out" and busy["waiting"] == 3
    shard_events = [json.loads(e["Detail"]) for e in events.entries if e["DetailType"] == "Check-in shard due"]
    assert sorted(e["shard"] for e in shard_events) == sorted({shard_of(s) for s in ("ivy", "jon", "kai")})
    assert sum(service.run_shard(e["shard"], datetime(2026, 1, 11, 7, 0, tzinfo=UTC)).delivered
               for e in shard_events) == 3
    quiet = service.tick(datetime(2026, 1, 12, 7, 0, tzinfo=UTC), fan_out=True, inline_limit=200)
    assert quiet["mode"] == "inline" and quiet["delivered"] == 3

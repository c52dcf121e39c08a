"""Delivering check-ins: the tick reads its slots' shards of the due index and delivers each member's check-in once.

One delivery = one DynamoDB transaction: the wake-up is deleted (it must still exist), a receipt for the member's
slot is written (it must not exist yet), the message goes into the member's thread (created if need be, only if
theirs), every item delivered changes status (`pending`/`due` → `delivered`, on condition), and the next routine
wake-up is booked. A tick delivered twice, two ticks racing, a retried invocation: one check-in per member and
slot, and each follow-up or reminder is delivered once. A deleted member has no wake-ups left (they are theirs:
account deletion removes them), so they get nothing; a wake-up that survives a deletion race fails the transaction.
After the commit the push event goes to the default bus (`inetta.checkins`, "Check-in delivered"): it carries ids
and the kinds of content, not the text (lock screens are not private), unless the member turned the thread off.
"""

from __future__ import annotations

import json
import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from shared.checkins import content
from shared.checkins.schedule import after_quiet_hours, in_quiet_hours, local_week, next_routine, slot_of, slot_start
from shared.circles.consent import RANK
from shared.context.why import why_put
from shared.models import Author, CheckinFrequency, ConsentLevel, ReplySource, iso
from shared.store import keys
from shared.store.accounts import AccountStore
from shared.store.batch import TransactionCancelled, batch_get, transact
from shared.store.checkins import (
    RECEIPT_TTL, SHARDS, CheckinStore, due_pk, preferences_from, receipt_sk, schedule_of, shard_of,
)
from shared.store.circles import CircleStore
from shared.store.consent import ConsentStore
from shared.store.table import from_item, to_item, to_value
from shared.store.threads import THREAD_SK, private_thread_id, thread_pk

log = logging.getLogger(__name__)

EVENT_SOURCE = "inetta.checkins"
DELIVERED = "Check-in delivered"
SHARD_DUE = "Check-in shard due"
# The tick also looks at the slots of the last hour: a tick EventBridge could not deliver is made up for.
LOOKBACK_SLOTS = 4
# Up to this many wake-ups in a tick's window are delivered by the tick itself; more are fanned out by shard.
INLINE_LIMIT = 200
SIGNAL_MAX_AGE = timedelta(hours=6)
DELIVERABLE = {"pending", "due"}


@dataclass
class Outcome:
    delivered: int = 0
    deferred: int = 0
    duplicates: int = 0
    empty: int = 0
    failed: int = 0
    members: list[str] = field(default_factory=list)

    def add(self, other: "Outcome") -> None:
        for name in ("delivered", "deferred", "duplicates", "empty", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.members += other.members

    def summary(self) -> dict[str, int]:
        return {n: getattr(self, n) for n in ("delivered", "deferred", "duplicates", "empty", "failed")}


class CheckinService:
    def __init__(self, table: str, client=None, events=None, workers: int = 8):
        self.table = table
        self.store = CheckinStore(table, client)
        self.events = events
        self.workers = workers

    @property
    def client(self):
        return self.store.client

    # --- the tick ------------------------------------------------------------------------------------

    @staticmethod
    def slots(now: datetime, lookback: int = LOOKBACK_SLOTS) -> list[int]:
        current = slot_of(now)
        return list(range(current - lookback, current + 1))

    def run_shard(self, shard: int, now: datetime, lookback: int = LOOKBACK_SLOTS) -> Outcome:
        """One shard's wake-ups of the look-back window, delivered `workers` at a time."""
        outcome = Outcome()
        work = [(entry["sk"], slot) for slot in self.slots(now, lookback) for entry in self.store.due(slot, shard)]
        if self.workers <= 1 or len(work) <= 1:
            for member_id, slot in work:
                outcome.add(self.deliver_safely(member_id, slot, now))
            return outcome
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            for result in pool.map(lambda job: self.deliver_safely(job[0], job[1], now), work):
                outcome.add(result)
        return outcome

    def run(self, now: datetime, shards: list[int] | None = None, lookback: int = LOOKBACK_SLOTS) -> Outcome:
        """Every shard in this invocation (without the fan-out: locally without EventBridge, and in tests)."""
        outcome = Outcome()
        for shard in shards if shards is not None else range(SHARDS):
            outcome.add(self.run_shard(shard, now, lookback))
        return outcome

    def waiting(self, now: datetime, lookback: int = LOOKBACK_SLOTS) -> dict[int, int]:
        """Wake-ups in the look-back window, by shard (COUNT queries, a few at a time)."""
        def count(shard: int) -> int:
            total = 0
            for slot in self.slots(now, lookback):
                request = {"TableName": self.table, "KeyConditionExpression": "pk = :pk", "Select": "COUNT",
                           "ExpressionAttributeValues": {":pk": to_value(due_pk(slot, shard))}}
                while True:
                    response = self.client.query(**request)
                    total += response.get("Count", 0)
                    if "LastEvaluatedKey" not in response:
                        break
                    request["ExclusiveStartKey"] = response["LastEvaluatedKey"]
            return total
        with ThreadPoolExecutor(max_workers=max(1, self.workers)) as pool:
            return dict(zip(range(SHARDS), pool.map(count, range(SHARDS))))

    def tick(self, now: datetime, fan_out: bool, inline_limit: int = INLINE_LIMIT) -> dict[str, Any]:
        """A slot begins. A quiet slot is delivered in this invocation; a busy one is fanned out, one invocation per
        shard that has wake-ups (`Check-in shard due` events on the default bus, routed back to this function)."""
        if not fan_out:
            return {"mode": "inline", **self.run(now).summary()}
        waiting = self.waiting(now)
        busy = [shard for shard, count in waiting.items() if count]
        if sum(waiting.values()) <= inline_limit:
            return {"mode": "inline", "waiting": sum(waiting.values()), **self.run(now, shards=busy).summary()}
        return {"mode": "fan_out", "waiting": sum(waiting.values()), "fanned_out": self.fan_out(now, busy)}

    def fan_out(self, now: datetime, shards: list[int] | None = None) -> int:
        """One `Check-in shard due` event per shard: each is handled by its own invocation (see infra/checkins.py)."""
        entries = [{"Source": EVENT_SOURCE, "DetailType": SHARD_DUE,
                    "Detail": json.dumps({"shard": shard, "at": iso(now)})}
                   for shard in (shards if shards is not None else range(SHARDS))]
        for start in range(0, len(entries), 10):
            response = self.events.put_events(Entries=entries[start:start + 10])
            if response.get("FailedEntryCount"):
                raise RuntimeError(f"{response['FailedEntryCount']} shard events were not accepted")
        return len(entries)

    # --- one member, one slot ------------------------------------------------------------------------

    def deliver_safely(self, member_id: str, slot: int, now: datetime) -> Outcome:
        try:
            return self.deliver(member_id, slot, now)
        except Exception:  # noqa: BLE001 - one member's failure must not stop the slot; the wake-up stays for a retry
            log.exception("check-in for a member failed", extra={"slot": slot})
            return Outcome(failed=1)

    def deliver(self, member_id: str, slot: int, now: datetime) -> Outcome:
        for _ in range(3):
            result = self._attempt(member_id, slot, now)
            if result is not None:
                return result
        return Outcome(failed=1)

    def _attempt(self, member_id: str, slot: int, now: datetime) -> Outcome | None:
        wake_key = {"pk": due_pk(slot, shard_of(member_id)), "sk": member_id}
        wake = self._get(wake_key["pk"], wake_key["sk"])
        if wake is None:
            return Outcome(duplicates=1)  # delivered (or dropped) by an earlier delivery of this tick
        prefs_item = self.store.preferences_item(member_id)
        prefs = preferences_from(prefs_item)
        schedule = schedule_of(prefs)
        routine = bool(wake.get("routine")) and prefs_item is not None \
            and int(prefs_item.get("next_slot", -1)) == slot and prefs.frequency is not CheckinFrequency.OFF
        found = self.store.items(set(wake.get("refs") or ()))
        due_items = {ref: v for ref, v in found.items() if v.get("status") in DELIVERABLE}
        if not routine and not due_items:
            self._delete(wake_key)
            return Outcome(empty=1)
        if in_quiet_hours(schedule, now):
            later = slot_of(after_quiet_hours(schedule, now))
            return self._move(member_id, slot, later, routine, set(due_items), prefs_item, schedule)

        text, kinds, prefs_updates = self._compose(member_id, now, routine, due_items, prefs_item, schedule)
        thread_id = private_thread_id(member_id)
        message_id = "ci_" + uuid.uuid4().hex
        created = iso(now)
        writes: list[dict[str, Any]] = [
            {"Delete": {"TableName": self.table, "Key": to_item(wake_key), "ConditionExpression": "attribute_exists(pk)"}},
            {"Put": {"TableName": self.table, "ConditionExpression": "attribute_not_exists(pk)", "Item": to_item({
                "pk": keys.member_pk(member_id), "sk": receipt_sk(slot), "owner": member_id, "kind": "checkin_receipt",
                "slot": slot, "kinds": kinds, "message_id": message_id, "thread_id": thread_id, "delivered_at": created,
                "text": None if prefs.channels.thread else text,
                "expires_at": int((now + RECEIPT_TTL).timestamp())})}},
        ]
        if prefs.channels.thread:
            writes += self._thread_writes(member_id, thread_id, message_id, text, kinds, now)
        for ref, values in due_items.items():
            writes.append({"Update": {
                "TableName": self.table, "Key": to_item({"pk": values["pk"], "sk": values["sk"]}),
                "UpdateExpression": "SET #status = :delivered, #delivered_at = :now",
                "ConditionExpression": "#status = :was",
                "ExpressionAttributeNames": {"#status": "status", "#delivered_at": "delivered_at"},
                "ExpressionAttributeValues": {":delivered": to_value("delivered"), ":now": to_value(created),
                                              ":was": to_value(values["status"])},
            }})
        if routine:
            following = next_routine(schedule, max(slot_start(slot + 1), now))
            writes.append(self._prefs_update(member_id, slot, following, prefs_updates))
            if following is not None:
                writes.append(self.store.wakeup(member_id, slot_of(following), routine=True))
        try:
            transact(self.client, writes)
        except TransactionCancelled as cancelled:
            failed = cancelled.failed + [False] * 2
            if failed[0]:
                return Outcome(duplicates=1)
            if failed[1]:
                # This member already had their check-in in this slot (a racing delivery that read the wake-up
                # before it went): its routine part is done; anything else it carries waits for the next slot.
                if not due_items:
                    self._delete(wake_key)
                    return Outcome(duplicates=1)
                return self._move(member_id, slot, slot + 1, False, set(due_items), prefs_item, schedule)
            return None  # something changed meanwhile (preferences, an item delivered elsewhere): read again
        except ClientError as error:
            if error.response["Error"]["Code"] in ("TransactionCanceledException", "TransactionConflictException"):
                return None
            raise
        self._push(member_id, prefs, thread_id, message_id, slot, kinds, text)
        return Outcome(delivered=1, members=[member_id])

    # --- what the check-in says ------------------------------------------------------------------------

    def _compose(self, member_id: str, now: datetime, routine: bool, due_items: dict[str, dict[str, Any]],
                 prefs_item: dict[str, Any] | None, schedule) -> tuple[str, list[str], dict[str, Any]]:
        parts, kinds, updates = [content.GREETING], [], {}
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for values in sorted(due_items.values(), key=lambda v: v.get("due_at", "")):
            by_kind.setdefault(values.get("kind", ""), []).append(values)
        crisis = bool(by_kind.get("crisis_follow_up"))
        if crisis:
            parts.append(content.CRISIS_FOLLOW_UP)
            kinds.append("crisis_follow_up")
        for reminder in by_kind.get("reminder", []):
            parts.append(reminder.get("text") or f"You asked me to remind you to {reminder.get('what', '')}.")
            kinds.append("reminder")
        agreements = by_kind.get("agreement_followup", [])
        if agreements:
            copies = batch_get(self.client, self.table,
                               [(keys.member_pk(member_id), a["agreement_sk"]) for a in agreements if a.get("agreement_sk")])
            for followup in agreements:
                copy = copies.get((keys.member_pk(member_id), followup.get("agreement_sk", "")), {})
                parts.append(content.agreement_follow_up(followup.get("topic") or copy.get("topic"), copy.get("text")))
                kinds.append("agreement_follow_up")
        # After a crisis the check-in is about the member alone: no nudges, no gratitude exercises.
        if routine and not crisis:
            this, last = content.weeks(self._own_messages(member_id, now), now)
            rising = content.rising_topics(this, last)
            self.store.save_signal(member_id, rising, now)
            week = local_week(schedule, now)
            nudged = dict((prefs_item or {}).get("nudged") or {})
            for topic, circle_kind, own in self._anticipate(member_id, rising, now):
                if nudged.get(topic) == week:
                    continue  # one nudge per topic per week is plenty
                parts.append(content.nudge(topic, circle_kind, own))
                kinds.append("conflict_anticipation")
                nudged[topic] = week
            updates["nudged"] = nudged
            insight = content.weekly_insight(this, last)
            if insight and (prefs_item or {}).get("insight_week") != week:
                parts.append(insight)
                kinds.append("weekly_insight")
                updates["insight_week"] = week
            else:
                day = now.astimezone(schedule.tz).date().toordinal()
                if day % 2:
                    parts.append(content.pick(content.GRATITUDE_PROMPTS, day // 2))
                    kinds.append("gratitude")
                else:
                    parts.append(content.pick(content.MICRO_GOALS, day // 2))
                    kinds.append("micro_goal")
        return "\n\n".join(parts), kinds, updates

    def _own_messages(self, member_id: str, now: datetime) -> list[dict[str, Any]]:
        """The member's own thread over the last two weeks (bounded: at most 200 messages)."""
        response = self.client.query(
            TableName=self.table,
            KeyConditionExpression="pk = :pk AND sk BETWEEN :from AND :to",
            ExpressionAttributeValues={
                ":pk": to_value(thread_pk(private_thread_id(member_id))),
                ":from": to_value(f"MSG#{iso(now - timedelta(days=14))}"), ":to": to_value(f"MSG#{iso(now)}~"),
            },
            ScanIndexForward=False, Limit=200,
        )
        return [from_item(item) for item in response.get("Items", [])]

    def _signal_topics(self, member_id: str, now: datetime) -> list[str]:
        """A member's rising-tension topics (vocabulary ids), from their own chat; cached for a few hours."""
        cached = self.store.signal(member_id)
        if cached and datetime.strptime(cached["computed_at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(
                tzinfo=now.tzinfo) > now - SIGNAL_MAX_AGE:
            return list(cached.get("topics") or [])
        this, last = content.weeks(self._own_messages(member_id, now), now)
        topics = content.rising_topics(this, last)
        self.store.save_signal(member_id, topics, now)
        return topics

    def _anticipate(self, member_id: str, own_rising: list[str], now: datetime) -> list[tuple[str, str, bool]]:
        """Topics on which two or more members of one of the member's circles show rising tension, counting only
        members who let their themes inform this member's coach (`effective_consent`, at least `themes`)."""
        circles = CircleStore(self.table, self.client)
        consent = ConsentStore(self.table, self.client)
        nudges: dict[str, tuple[str, str, bool]] = {}
        for circle_id in circles.circle_ids_of(member_id):
            state = circles.load(circle_id)
            if state is None or state.member(member_id) is None:
                continue
            counts = {topic: 1 for topic in own_rising}
            for other in state.members:
                if other.member_id == member_id:
                    continue
                level = consent.effective_consent(other.member_id, member_id, circle_id)
                if RANK[level] < RANK[ConsentLevel.THEMES]:
                    continue  # not consented: this member's chat is not even read
                for topic in self._signal_topics(other.member_id, now):
                    counts[topic] = counts.get(topic, 0) + 1
            for topic, count in sorted(counts.items()):
                if count >= 2 and topic not in nudges:
                    nudges[topic] = (topic, state.circle.kind.value, topic in own_rising)
        return list(nudges.values())

    # --- writes --------------------------------------------------------------------------------------

    def _thread_writes(self, member_id: str, thread_id: str, message_id: str, text: str, kinds: list[str],
                       now: datetime) -> list[dict[str, Any]]:
        expires = AccountStore(self.table, self.client).message_expiry(member_id, now.timestamp())
        return [
            {"Update": {
                "TableName": self.table, "Key": to_item({"pk": thread_pk(thread_id), "sk": THREAD_SK}),
                # Created if the member never opened their thread; never someone else's.
                "ConditionExpression": "attribute_not_exists(pk) OR #owner = :me",
                "UpdateExpression": (
                    "SET #owner = if_not_exists(#owner, :me), #tid = if_not_exists(#tid, :tid), "
                    "#kind = if_not_exists(#kind, :private), #title = if_not_exists(#title, :title), "
                    "#created = if_not_exists(#created, :now), "
                    "#count = if_not_exists(#count, :zero) + :one, #last = :now"),
                "ExpressionAttributeNames": {"#owner": "owner", "#kind": "kind", "#title": "title", "#tid": "thread_id",
                                             "#created": "created_at", "#count": "message_count",
                                             "#last": "last_message_at"},
                "ExpressionAttributeValues": {k: to_value(v) for k, v in {
                    ":me": member_id, ":tid": thread_id, ":private": "private", ":title": "My coach",
                    ":now": iso(now), ":zero": 0, ":one": 1}.items()},
            }},
            {"Put": {"TableName": self.table, "ConditionExpression": "attribute_not_exists(pk)", "Item": to_item({
                "pk": thread_pk(thread_id), "sk": f"MSG#{iso(now)}#{message_id}", "owner": member_id,
                "id": message_id, "thread_id": thread_id, "author": Author.COACH.value, "text": text,
                "created_at": iso(now), "source": ReplySource.CHECKIN.value, "note": "A check-in from your coach",
                "checkin": True, "checkin_kinds": kinds, "expires_at": expires})}},
            # "Why this reply" for a check-in: what brought it, in plain words (never anyone's words).
            why_put(self.table, member_id, thread_id, message_id, ReplySource.CHECKIN.value,
                    [{"kind": kind, "id": kind, "label": content.WHY_WORDS.get(kind, "your check-in schedule")}
                     for kind in kinds], expires),
        ]

    def _prefs_update(self, member_id: str, slot: int, following: datetime | None,
                      updates: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {":slot": slot, ":next_slot": slot_of(following) if following else -1,
                                  ":next": iso(following) if following else None}
        names = {"#next_slot": "next_slot", "#next": "next_check_in_at"}
        update = "SET #next_slot = :next_slot, #next = :next"
        for name, value in updates.items():
            update += f", #{name} = :{name}"
            names[f"#{name}"] = name
            values[f":{name}"] = value
        return {"Update": {
            "TableName": self.table, "Key": to_item({"pk": keys.member_pk(member_id), "sk": "CHECKIN_PREFS"}),
            "UpdateExpression": update, "ConditionExpression": "#next_slot = :slot",
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": {k: to_value(v) for k, v in values.items()},
        }}

    def _move(self, member_id: str, slot: int, later: int, routine: bool, refs: set[str],
              prefs_item: dict[str, Any] | None, schedule) -> Outcome:
        """Quiet hours (or a slot already used): the same wake-up, `later`."""
        writes: list[dict[str, Any]] = [
            {"Delete": {"TableName": self.table, "Key": to_item({"pk": due_pk(slot, shard_of(member_id)), "sk": member_id}),
                        "ConditionExpression": "attribute_exists(pk)"}},
            self.store.wakeup(member_id, later, routine=routine, refs=refs),
        ]
        if routine:
            writes.append(self._prefs_update(member_id, slot, slot_start(later), {}))
        try:
            transact(self.client, writes)
        except TransactionCancelled as cancelled:
            return Outcome(duplicates=1) if cancelled.failed[:1] == [True] else Outcome(failed=1)
        return Outcome(deferred=1)

    def _push(self, member_id: str, prefs, thread_id: str, message_id: str, slot: int, kinds: list[str],
              text: str) -> None:
        if not prefs.channels.push or self.events is None:
            return
        detail = {"member_id": member_id, "thread_id": thread_id if prefs.channels.thread else None,
                  "message_id": message_id, "slot": iso(slot_start(slot)), "kinds": kinds,
                  "title": "Your coach checked in"}
        if not prefs.channels.thread:
            detail["text"] = text  # the push is the only channel the member chose
        try:
            self.events.put_events(Entries=[{"Source": EVENT_SOURCE, "DetailType": DELIVERED,
                                             "Detail": json.dumps(detail)}])
        except Exception:  # noqa: BLE001 - the check-in is delivered; a lost push is logged, not retried twice
            log.exception("check-in push event failed")

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        response = self.client.get_item(TableName=self.table, Key=to_item({"pk": pk, "sk": sk}), ConsistentRead=True)
        return from_item(response["Item"]) if "Item" in response else None

    def _delete(self, key: dict[str, str]) -> None:
        self.client.delete_item(TableName=self.table, Key=to_item(key))

    # --- follow-ups booked elsewhere ---------------------------------------------------------------------

    def index_followup(self, image: dict[str, Any], now: datetime) -> int | None:
        """A follow-up another service booked (crisis: `MEMBER#<sub>`/`FOLLOWUP#crisis#<id>`; agreement:
        `FOLLOWUP#<hour>`/`<due>#<mediation>#<sub>`), from the table's stream: wake its member when it is due."""
        if image.get("kind") not in ("crisis_follow_up", "agreement_followup") or image.get("status") not in DELIVERABLE:
            return None
        member_id = image.get("member_id") or image.get("owner")
        due = datetime.strptime(image["due_at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=now.tzinfo)
        return self.store.wake_for(member_id, due, f"{image['pk']}|{image['sk']}", now)

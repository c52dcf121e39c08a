"""Check-in preferences, the sharded "due" index, reminders, and the bookkeeping that makes delivery exactly-once.

| item | pk | sk | notes |
|---|---|---|---|
| preferences | `MEMBER#<sub>` | `CHECKIN_PREFS` | `owner`; `next_slot` (the routine wake-up), `insight_week`, `nudged` |
| wake-up | `CHECKIN_DUE#<slot>#<shard>` | `<sub>` | `owner`; `routine`, `refs` (string set of `pk|sk` of items to deliver) |
| delivery receipt | `MEMBER#<sub>` | `CHECKIN_SENT#<slot start>` | `owner`; one per member and slot (the exactly-once guard) |
| reminder | `MEMBER#<sub>` | `REMINDER#<due at>#<id>` | `owner`, `what`, `due_at`, `status` (`pending` → `delivered`) |
| tension signal | `MEMBER#<sub>` | `CHECKIN_SIGNAL` | `owner`; topics rising in the member's own chat (vocabulary ids only) |
| tick | `CHECKIN_TICK#<minutes>#<slot>` | `CHECKIN_TICK` | one per schedule slot (bookkeeping) |

`<slot>` is the 15-minute slot number (epoch seconds // 900); `<shard>` = a hash of the member id modulo
`SHARDS`, so one slot's wake-ups spread over `SHARDS` partitions (no hot partition at a million members: a
busy slot of 50,000 wake-ups is ~1,600 items per shard) and the tick reads them with `SHARDS` parallel queries.
Everything carries `owner`, so account deletion removes a member's wake-ups with the rest of their data.
"""

from __future__ import annotations

import hashlib
import time
from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from shared.checkins.schedule import Schedule, after_quiet_hours, next_routine, slot_of, slot_start
from shared.models import CheckinPreferences, iso, utc_now
from shared.store import keys
from shared.store.batch import batch_get, query
from shared.store.table import TableStore, from_item, to_item, to_value

TICK_TTL_SECONDS = 7 * 24 * 3600
SHARDS = 32
PREFS_SK = "CHECKIN_PREFS"
SIGNAL_SK = "CHECKIN_SIGNAL"
SENT_PREFIX = "CHECKIN_SENT#"
REMINDER_PREFIX = "REMINDER#"
# A wake-up nobody picked up (the scheduler was down for longer than the look-back) disappears after a week.
WAKEUP_TTL = timedelta(days=7)
RECEIPT_TTL = timedelta(days=35)


def shard_of(member_id: str) -> int:
    return int(hashlib.sha256(member_id.encode()).hexdigest()[:8], 16) % SHARDS


def due_pk(slot: int, shard: int) -> str:
    return f"CHECKIN_DUE#{slot}#{shard}"


def receipt_sk(slot: int) -> str:
    return f"{SENT_PREFIX}{iso(slot_start(slot))}"


def ref_of(pk: str, sk: str) -> str:
    return f"{pk}|{sk}"


def schedule_of(preferences: CheckinPreferences) -> Schedule:
    quiet = preferences.quiet_hours
    return Schedule(
        frequency=preferences.frequency.value, local_time=preferences.time, time_zone=preferences.time_zone,
        weekday=preferences.weekday, quiet_start=quiet.start if quiet else None, quiet_end=quiet.end if quiet else None,
    )


def preferences_from(values: dict[str, Any] | None) -> CheckinPreferences:
    if not values:
        # Never set: check-ins off, and no quiet hours (without a time zone they would fall at random hours).
        return CheckinPreferences(quiet_hours=None)
    fields = {name: values[name] for name in CheckinPreferences.model_fields if values.get(name) is not None}
    if "quiet_hours" in values and values["quiet_hours"] is None:
        fields["quiet_hours"] = None
    return CheckinPreferences(**fields)


class CheckinStore(TableStore):
    # --- the schedule's ticks ------------------------------------------------------------------------

    def claim_slot(self, slot_minutes: int, slot: int) -> bool:
        """True for the first delivery of a schedule slot, False for any repeat."""
        try:
            self.client.put_item(
                TableName=self.table,
                Item=to_item(
                    {
                        "pk": f"CHECKIN_TICK#{slot_minutes}#{slot}",
                        "sk": "CHECKIN_TICK",
                        "claimed_at": int(time.time()),
                        "expires_at": int(time.time()) + TICK_TTL_SECONDS,
                    }
                ),
                ConditionExpression="attribute_not_exists(pk)",
            )
            return True
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise

    # --- preferences ---------------------------------------------------------------------------------

    def preferences_item(self, member_id: str) -> dict[str, Any] | None:
        response = self.client.get_item(
            TableName=self.table, Key=to_item({"pk": keys.member_pk(member_id), "sk": PREFS_SK}), ConsistentRead=True
        )
        return from_item(response["Item"]) if "Item" in response else None

    def preferences(self, member_id: str) -> CheckinPreferences:
        return preferences_from(self.preferences_item(member_id))

    def save_preferences(self, member_id: str, preferences: CheckinPreferences,
                         now: datetime | None = None) -> CheckinPreferences:
        """Store the preferences and schedule the next routine check-in (one transaction).

        The wake-up of the previous schedule stays where it is: delivery ignores a routine wake-up whose slot is not
        the preferences' `next_slot` (cheaper than finding and deleting it, and safe under concurrent changes).
        """
        now = now or utc_now()
        due = next_routine(schedule_of(preferences), now)
        saved = preferences.model_copy(update={"next_check_in_at": iso(due) if due else None})
        values: dict[str, Any] = {
            ":owner": member_id, ":frequency": saved.frequency.value, ":time": saved.time, ":tz": saved.time_zone,
            ":weekday": saved.weekday, ":quiet": saved.quiet_hours.model_dump() if saved.quiet_hours else None,
            ":channels": saved.channels.model_dump(), ":next": saved.next_check_in_at,
            ":slot": slot_of(due) if due else -1, ":now": iso(now),
        }
        names = {"#owner": "owner", "#frequency": "frequency", "#time": "time", "#tz": "time_zone",
                 "#weekday": "weekday", "#quiet": "quiet_hours", "#channels": "channels", "#next": "next_check_in_at",
                 "#slot": "next_slot", "#now": "updated_at"}
        update = "SET " + ", ".join(f"{name} = :{name[1:]}" for name in names)
        items = [{"Update": {
            "TableName": self.table, "Key": to_item({"pk": keys.member_pk(member_id), "sk": PREFS_SK}),
            "UpdateExpression": update, "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": {k: to_value(v) for k, v in values.items()},
        }}]
        if due:
            items.append(self.wakeup(member_id, slot_of(due), routine=True))
        self.client.transact_write_items(TransactItems=items)
        return saved

    # --- wake-ups --------------------------------------------------------------------------------------

    def wakeup(self, member_id: str, slot: int, routine: bool = False, refs: set[str] | None = None) -> dict[str, Any]:
        """A transaction item that wakes the member at `slot` (merging with a wake-up already there)."""
        names = {"#owner": "owner", "#member": "member_id", "#slot": "slot", "#due": "due_at", "#expires": "expires_at"}
        update = "SET #owner = :owner, #member = :owner, #slot = :slot, #due = :due, #expires = :expires"
        values: dict[str, Any] = {
            ":owner": member_id, ":slot": slot, ":due": iso(slot_start(slot)),
            ":expires": int((slot_start(slot) + WAKEUP_TTL).timestamp()),
        }
        if routine:
            update += ", #routine = :yes"
            names["#routine"] = "routine"
            values[":yes"] = True
        if refs:
            update += " ADD #refs :refs"
            names["#refs"] = "refs"
            values[":refs"] = set(refs)
        return {"Update": {
            "TableName": self.table, "Key": to_item({"pk": due_pk(slot, shard_of(member_id)), "sk": member_id}),
            "UpdateExpression": update, "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": {k: to_value(v) for k, v in values.items()},
        }}

    def wake_for(self, member_id: str, due_at: datetime, ref: str, now: datetime | None = None) -> int:
        """Wake the member when `ref` (an item's `pk|sk`) is due — or now if overdue — outside their quiet hours."""
        now = now or utc_now()
        when = after_quiet_hours(schedule_of(self.preferences(member_id)), max(due_at, now))
        slot = slot_of(when)
        self.client.transact_write_items(TransactItems=[self.wakeup(member_id, slot, refs={ref})])
        return slot

    def due(self, slot: int, shard: int) -> list[dict[str, Any]]:
        return list(query(self.client, self.table, due_pk(slot, shard)))

    def items(self, refs: set[str]) -> dict[str, dict[str, Any]]:
        wanted = [tuple(ref.split("|", 1)) for ref in refs]
        found = batch_get(self.client, self.table, wanted) if wanted else {}
        return {ref_of(*key): values for key, values in found.items()}

    # --- reminders -----------------------------------------------------------------------------------

    def add_reminder(self, member_id: str, reminder, now: datetime | None = None) -> dict[str, Any]:
        """Store a reminder (a `shared.checkins.reminders.Reminder`) and its wake-up. Idempotent."""
        due = iso(reminder.due_at)
        reminder_id = hashlib.sha256(f"{member_id}\n{due}\n{reminder.what}".encode()).hexdigest()[:16]
        item = {
            "pk": keys.member_pk(member_id), "sk": f"{REMINDER_PREFIX}{due}#{reminder_id}", "owner": member_id,
            "kind": "reminder", "reminder_id": reminder_id, "what": reminder.what, "text": reminder.text,
            "due_at": due, "status": "pending", "created_at": iso(utc_now()),
        }
        try:
            self.client.put_item(TableName=self.table, Item=to_item(item), ConditionExpression="attribute_not_exists(pk)")
        except ClientError as error:
            if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
            return item  # already stored, with its wake-up
        self.wake_for(member_id, reminder.due_at, ref_of(item["pk"], item["sk"]), now)
        return item

    def reminders(self, member_id: str) -> list[dict[str, Any]]:
        return [v for v in query(self.client, self.table, keys.member_pk(member_id), REMINDER_PREFIX)]

    # --- tension signals -------------------------------------------------------------------------------

    def signal(self, member_id: str) -> dict[str, Any] | None:
        response = self.client.get_item(
            TableName=self.table, Key=to_item({"pk": keys.member_pk(member_id), "sk": SIGNAL_SK}), ConsistentRead=True
        )
        return from_item(response["Item"]) if "Item" in response else None

    def save_signal(self, member_id: str, topics: list[str], now: datetime) -> None:
        self.client.put_item(TableName=self.table, Item=to_item({
            "pk": keys.member_pk(member_id), "sk": SIGNAL_SK, "owner": member_id, "topics": topics,
            "computed_at": iso(now), "expires_at": int((now + timedelta(days=14)).timestamp()),
        }))

"""Threads and their messages.

A thread and its messages share one partition (`THREAD#<id>`). The thread's own item has the sort key
`THREAD`, which sorts after every `MSG#...` key, so a single descending query returns the thread (its owner,
its summary) followed by its newest messages: the cost of a chat turn does not depend on the history's length.

A member's message is written in the same transaction as its idempotency record and the ownership check on
the thread, so that it is stored before anything that can fail, exactly once, and only in a thread the member
owns.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from shared.models import Author, Message, MessagePage, Thread, iso, utc_now
from shared.store.table import TableStore, from_item, to_item, to_value

THREAD_SK = "THREAD"
MESSAGE_PREFIX = "MSG#"
IDEMPOTENCY_SK = "IDEMPOTENCY"
# How long a retried request can find the first attempt's outcome.
IDEMPOTENCY_TTL_SECONDS = 24 * 3600
# How long one attempt may hold a turn before a retry may take it over (longer than the function timeout).
TURN_LEASE_SECONDS = 60


class ThreadNotFound(Exception):
    """The thread does not exist or belongs to someone else (the two are not told apart)."""


class InvalidCursor(ValueError):
    pass


class IdempotencyKeyReused(Exception):
    """The same idempotency key came with a different message."""


class TurnInProgress(Exception):
    """An earlier attempt with this idempotency key is still being answered."""


@dataclass
class PriorAttempt:
    """What an earlier request with the same idempotency key left behind."""

    member_message: Message
    reply: Message | None


@dataclass
class TurnContext:
    thread: Thread
    recent: list[Message]  # oldest first


def thread_pk(thread_id: str) -> str:
    return f"THREAD#{thread_id}"


def private_thread_id(member_id: str) -> str:
    # Deterministic, so that two first requests racing each other create one thread, not two.
    return "t_" + hashlib.sha256(f"private:{member_id}".encode()).hexdigest()[:24]


def message_sort_key(message: Message) -> str:
    return f"{MESSAGE_PREFIX}{message.created_at}#{message.id}"


def _message_from(values: dict[str, Any]) -> Message:
    return Message(
        id=values["id"],
        thread_id=values["thread_id"],
        author=values["author"],
        text=values["text"],
        created_at=values["created_at"],
        source=values.get("source"),
        model=values.get("model"),
        note=values.get("note"),
        quick_replies=values.get("quick_replies") or [],
    )


def _thread_from(values: dict[str, Any]) -> Thread:
    return Thread(
        id=values["thread_id"],
        kind=values.get("kind", "private"),
        title=values.get("title", "My coach"),
        created_at=values["created_at"],
        last_message_at=values.get("last_message_at"),
        message_count=int(values.get("message_count", 0)),
        summary=_unexpired_summary(values),
    )


def _unexpired_summary(values: dict[str, Any]) -> str:
    """The context function copies the member's summary here with their retention's expiry; the thread item itself
    never expires, so a summary past its time is hidden until the next build replaces it."""
    expires_at = values.get("summary_expires_at")
    if expires_at is not None and int(expires_at) <= time.time():
        return ""
    return values.get("summary", "")


def _encode_cursor(last_key: dict[str, Any]) -> str:
    sort_key = last_key["sk"]["S"]
    return base64.urlsafe_b64encode(json.dumps({"sk": sort_key}).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> str:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        sort_key = json.loads(base64.urlsafe_b64decode(padded.encode()))["sk"]
    except (binascii.Error, ValueError, KeyError, TypeError) as error:
        raise InvalidCursor("The cursor is not one this API gave out.") from error
    if not isinstance(sort_key, str) or not sort_key.startswith(MESSAGE_PREFIX):
        raise InvalidCursor("The cursor is not one this API gave out.")
    return sort_key


class ThreadStore(TableStore):
    # --- threads -------------------------------------------------------------------------------------

    def ensure_private_thread(self, member_id: str) -> Thread:
        thread_id = private_thread_id(member_id)
        values = {
            "pk": thread_pk(thread_id),
            "sk": THREAD_SK,
            "owner": member_id,
            "thread_id": thread_id,
            "kind": "private",
            "title": "My coach",
            "created_at": iso(utc_now()),
            "message_count": 0,
        }
        try:
            self.client.put_item(
                TableName=self.table,
                Item=to_item(values),
                ConditionExpression="attribute_not_exists(pk)",
            )
            return _thread_from(values)
        except ClientError as error:
            if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
        return self.get_thread(member_id, thread_id)

    def list_threads(self, member_id: str) -> list[Thread]:
        response = self.client.query(
            TableName=self.table,
            IndexName="by_owner",
            KeyConditionExpression="#owner = :owner AND sk = :sk",
            ExpressionAttributeNames={"#owner": "owner"},
            ExpressionAttributeValues={":owner": to_value(member_id), ":sk": to_value(THREAD_SK)},
        )
        return [_thread_from(from_item(item)) for item in response.get("Items", [])]

    def get_thread(self, member_id: str, thread_id: str) -> Thread:
        response = self.client.get_item(
            TableName=self.table,
            Key=to_item({"pk": thread_pk(thread_id), "sk": THREAD_SK}),
            ConsistentRead=True,
        )
        item = response.get("Item")
        if not item:
            raise ThreadNotFound(thread_id)
        values = from_item(item)
        if values.get("owner") != member_id:
            raise ThreadNotFound(thread_id)
        return _thread_from(values)

    # --- a chat turn ---------------------------------------------------------------------------------

    def record_member_message(
        self, member_id: str, thread_id: str, text: str, idempotency_key: str
    ) -> Message | PriorAttempt:
        """Store the member's message, once. Returns the new message, or what an earlier attempt left.

        One transaction: the thread must be the member's (and its counters move), the idempotency key must
        be new, the message is written. Nothing is written if any of the three fails.
        """
        now = utc_now()
        message_id = uuid.uuid4().hex
        message_sk = f"{MESSAGE_PREFIX}{iso(now)}#{message_id}"
        message = {
            "pk": thread_pk(thread_id),
            "sk": message_sk,
            "owner": member_id,
            "id": message_id,
            "thread_id": thread_id,
            "author": Author.MEMBER.value,
            "text": text,
            "created_at": iso(now),
        }
        record = {
            "pk": self._idempotency_pk(member_id, idempotency_key),
            "sk": IDEMPOTENCY_SK,
            "owner": member_id,
            "thread_id": thread_id,
            "request_hash": _request_hash(thread_id, text),
            "state": "received",
            "member_message_sk": message_sk,
            "lease_until": int(time.time()) + TURN_LEASE_SECONDS,
            "expires_at": int(time.time()) + IDEMPOTENCY_TTL_SECONDS,
        }
        try:
            self.client.transact_write_items(
                TransactItems=[
                    self._count_message(member_id, thread_id, now),
                    {
                        "Put": {
                            "TableName": self.table,
                            "Item": to_item(record),
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                    {
                        "Put": {
                            "TableName": self.table,
                            "Item": to_item(message),
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                ]
            )
        except ClientError as error:
            if error.response["Error"]["Code"] != "TransactionCanceledException":
                raise
            reasons = [reason.get("Code") for reason in error.response.get("CancellationReasons", [])]
            if reasons and reasons[0] == "ConditionalCheckFailed":
                raise ThreadNotFound(thread_id) from error
            if len(reasons) > 1 and reasons[1] == "ConditionalCheckFailed":
                return self._prior_attempt(member_id, thread_id, text, idempotency_key)
            raise
        return _message_from(message)

    def _prior_attempt(self, member_id: str, thread_id: str, text: str, key: str) -> PriorAttempt:
        record = self._get(self._idempotency_pk(member_id, key), IDEMPOTENCY_SK)
        if record is None:  # expired between the two requests: treat as never seen
            raise TurnInProgress(key)
        if record["thread_id"] != thread_id or record["request_hash"] != _request_hash(thread_id, text):
            raise IdempotencyKeyReused(key)
        member_message = _message_from(self._get(thread_pk(thread_id), record["member_message_sk"]))
        if record["state"] == "answered":
            reply = _message_from(self._get(thread_pk(thread_id), record["reply_sk"]))
            return PriorAttempt(member_message=member_message, reply=reply)
        # The earlier attempt stored the message but no reply. If it is still within its lease it may yet
        # answer; otherwise it died, and this attempt takes the turn over.
        now = int(time.time())
        try:
            self.client.update_item(
                TableName=self.table,
                Key=to_item({"pk": self._idempotency_pk(member_id, key), "sk": IDEMPOTENCY_SK}),
                ConditionExpression="#state = :received AND lease_until < :now",
                UpdateExpression="SET lease_until = :lease",
                ExpressionAttributeNames={"#state": "state"},
                ExpressionAttributeValues={
                    ":received": to_value("received"),
                    ":now": to_value(now),
                    ":lease": to_value(now + TURN_LEASE_SECONDS),
                },
            )
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                raise TurnInProgress(key) from error
            raise
        return PriorAttempt(member_message=member_message, reply=None)

    def load_turn_context(self, member_id: str, thread_id: str, recent: int) -> TurnContext:
        """The thread and its newest `recent` messages, in one request whatever the history's length."""
        response = self.client.query(
            TableName=self.table,
            KeyConditionExpression="pk = :pk AND sk <= :thread",
            ExpressionAttributeValues={":pk": to_value(thread_pk(thread_id)), ":thread": to_value(THREAD_SK)},
            ScanIndexForward=False,
            Limit=recent + 1,
        )
        items = [from_item(item) for item in response.get("Items", [])]
        if not items or items[0]["sk"] != THREAD_SK or items[0].get("owner") != member_id:
            raise ThreadNotFound(thread_id)
        messages = [_message_from(values) for values in items[1:] if values["sk"].startswith(MESSAGE_PREFIX)]
        return TurnContext(thread=_thread_from(items[0]), recent=list(reversed(messages)))

    def record_coach_reply(
        self,
        member_id: str,
        thread_id: str,
        idempotency_key: str,
        text: str,
        source: str,
        model: str | None,
        note: str | None,
        extra_writes: list[dict] | None = None,
        member_message: Message | None = None,
        expires_at: int | None = None,
        message_id: str | None = None,
        quick_replies: list[str] | tuple[str, ...] = (),
    ) -> Message:
        """Store the coach's reply with the thread's counters and the idempotency outcome, atomically.

        `extra_writes` join the same transaction (e.g. an incident that must exist exactly when its reply does).
        `expires_at` is the member's message retention (TTL): it goes on the reply and on the member's message,
        which was stored before the retention setting was read (the message is always stored first).
        """
        now = utc_now()
        message_id = message_id or uuid.uuid4().hex  # the caller's, when other writes name the reply (context: "why")
        reply_sk = f"{MESSAGE_PREFIX}{iso(now)}#{message_id}"
        reply = {
            "pk": thread_pk(thread_id),
            "sk": reply_sk,
            "owner": member_id,
            "id": message_id,
            "thread_id": thread_id,
            "author": Author.COACH.value,
            "text": text,
            "created_at": iso(now),
            "source": source,
            "model": model,
            "note": note,
            "quick_replies": list(quick_replies) or None,
            "expires_at": expires_at,
        }
        retention = []
        if expires_at is not None and member_message is not None:
            retention.append(
                {
                    "Update": {
                        "TableName": self.table,
                        "Key": to_item({"pk": thread_pk(thread_id), "sk": message_sort_key(member_message)}),
                        "UpdateExpression": "SET expires_at = :expires",
                        "ExpressionAttributeValues": {":expires": to_value(expires_at)},
                    }
                }
            )
        self.client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": self.table, "Item": to_item(reply)}},
                self._count_message(member_id, thread_id, now),
                {
                    "Update": {
                        "TableName": self.table,
                        "Key": to_item({"pk": self._idempotency_pk(member_id, idempotency_key), "sk": IDEMPOTENCY_SK}),
                        "UpdateExpression": "SET #state = :answered, reply_sk = :reply",
                        "ExpressionAttributeNames": {"#state": "state"},
                        "ExpressionAttributeValues": {":answered": to_value("answered"), ":reply": to_value(reply_sk)},
                    }
                },
                # The caller's writes come right after these three, so it can tell which of them failed.
                *(extra_writes or []),
                *retention,
            ]
        )
        return _message_from(reply)

    # --- history -------------------------------------------------------------------------------------

    def list_messages(self, member_id: str, thread_id: str, limit: int, cursor: str | None) -> MessagePage:
        """Newest first. The cursor is opaque to clients: it names the last message they saw."""
        start_sk = _decode_cursor(cursor) if cursor else None
        self.get_thread(member_id, thread_id)  # 404 for a thread that is not theirs
        request: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :msg)",
            "ExpressionAttributeValues": {":pk": to_value(thread_pk(thread_id)), ":msg": to_value(MESSAGE_PREFIX)},
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if start_sk:
            request["ExclusiveStartKey"] = to_item({"pk": thread_pk(thread_id), "sk": start_sk})
        response = self.client.query(**request)
        messages = [_message_from(from_item(item)) for item in response.get("Items", [])]
        last_key = response.get("LastEvaluatedKey")
        return MessagePage(messages=messages, next_cursor=_encode_cursor(last_key) if last_key else None)

    # --- helpers -------------------------------------------------------------------------------------

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        response = self.client.get_item(TableName=self.table, Key=to_item({"pk": pk, "sk": sk}), ConsistentRead=True)
        item = response.get("Item")
        return from_item(item) if item else None

    def _count_message(self, member_id: str, thread_id: str, now) -> dict:
        """Transaction item: one more message in the thread — and the thread must be the member's."""
        return {
            "Update": {
                "TableName": self.table,
                "Key": to_item({"pk": thread_pk(thread_id), "sk": THREAD_SK}),
                "ConditionExpression": "#owner = :me",
                "UpdateExpression": "SET message_count = message_count + :one, last_message_at = :now",
                "ExpressionAttributeNames": {"#owner": "owner"},
                "ExpressionAttributeValues": {":me": to_value(member_id), ":one": to_value(1), ":now": to_value(iso(now))},
            }
        }

    def release_turn(self, member_id: str, key: str) -> None:
        """Best effort: end this attempt's lease on an unanswered turn, so a retry may answer it now."""
        try:
            self.client.update_item(
                TableName=self.table,
                Key=to_item({"pk": self._idempotency_pk(member_id, key), "sk": IDEMPOTENCY_SK}),
                ConditionExpression="#state = :received",
                UpdateExpression="SET lease_until = :zero",
                ExpressionAttributeNames={"#state": "state"},
                ExpressionAttributeValues={":received": to_value("received"), ":zero": to_value(0)},
            )
        except ClientError:
            pass  # the lease then simply runs out

    @staticmethod
    def _idempotency_pk(member_id: str, key: str) -> str:
        return f"IDEMPOTENCY#{member_id}#{key}"


def _request_hash(thread_id: str, text: str) -> str:
    return hashlib.sha256(f"{thread_id}\n{text}".encode()).hexdigest()

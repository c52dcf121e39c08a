"""The coach's mediation messages, delivered into a party's private thread, each exactly once.

A marker item (`MEDIATION#<id>` / `SENT#<sub>#<key>`) is written in the same transaction as the message and the
thread's counters: a retried step finds the marker and writes nothing twice.
"""

from __future__ import annotations

import uuid

from shared.models import Author, iso, utc_now
from shared.store.batch import TransactionCancelled, transact
from shared.store.mediations import mediation_pk
from shared.store.table import to_item, to_value
from shared.store.threads import MESSAGE_PREFIX, THREAD_SK, ThreadStore, thread_pk


def deliver(threads: ThreadStore, mediation_id: str, member_id: str, key: str, text: str,
            source: str = "offline", model: str | None = "mediation", note: str | None = None,
            quick_replies: tuple[str, ...] = ()) -> bool:
    """Post `text` as a coach message in the member's private thread; False if it was already posted."""
    thread = threads.ensure_private_thread(member_id)
    now = utc_now()
    message_id = uuid.uuid4().hex
    message = {
        "pk": thread_pk(thread.id), "sk": f"{MESSAGE_PREFIX}{iso(now)}#{message_id}", "owner": member_id,
        "id": message_id, "thread_id": thread.id, "author": Author.COACH.value, "text": text,
        "created_at": iso(now), "source": source, "model": model, "note": note, "mediation_id": mediation_id,
        "quick_replies": list(quick_replies) or None,
    }
    marker = {"pk": mediation_pk(mediation_id), "sk": f"SENT#{member_id}#{key}", "owner": member_id,
              "message_id": message_id, "thread_id": thread.id}
    try:
        transact(threads.client, [
            {"Put": {"TableName": threads.table, "Item": to_item(marker),
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Put": {"TableName": threads.table, "Item": to_item(message)}},
            {"Update": {
                "TableName": threads.table, "Key": to_item({"pk": thread_pk(thread.id), "sk": THREAD_SK}),
                "ConditionExpression": "#owner = :me",
                "UpdateExpression": "SET message_count = message_count + :one, last_message_at = :now",
                "ExpressionAttributeNames": {"#owner": "owner"},
                "ExpressionAttributeValues": {":me": to_value(member_id), ":one": to_value(1),
                                              ":now": to_value(iso(now))},
            }},
        ])
    except TransactionCancelled as error:
        if error.failed and error.failed[0]:
            return False
        raise
    return True

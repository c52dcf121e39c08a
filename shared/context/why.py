""""Why this reply": each coach message records the ids and kinds of the context items it used.

Item `THREAD#<thread id>` / `WHY#<reply id>` (`owner` = the member), written in the reply's own transaction, so a
reply and its explanation exist together. It holds labels only — plain words made when the reply was composed,
from the member's own context and the closed vocabulary; another member's words are never in it.
"""

from __future__ import annotations

from typing import Any

from shared.context.items import ContextItem
from shared.models import iso, utc_now
from shared.store.table import from_item, to_item

WHY_PREFIX = "WHY#"

_SOURCE_WORDS = {
    "llm": "The AI coach wrote this reply",
    "offline": "Inetta's offline coach composed this reply (no AI model was used)",
    "safety": "This reply follows Inetta's safety protocol; it used none of your history or anyone else's",
    "checkin": "This is a check-in Inetta sent on the schedule you chose (no AI model was used)",
}


def why_sk(message_id: str) -> str:
    return f"{WHY_PREFIX}{message_id}"


def why_write(table: str, member_id: str, thread_id: str, message_id: str, reply, used: tuple[ContextItem, ...],
              expires_at: int | None) -> dict[str, Any]:
    items = [item.record() for item in used]
    if reply.extra.get("knowledge") and not any(i.kind == "knowledge" for i in used):
        items.append({"kind": "knowledge", "id": ",".join(reply.extra["knowledge"]),
                      "label": "coaching guidance from Inetta's knowledge base"})
    return why_put(table, member_id, thread_id, message_id, reply.source, items, expires_at)


def why_put(table: str, member_id: str, thread_id: str, message_id: str, source: str, items: list[dict[str, str]],
            expires_at: int | None) -> dict[str, Any]:
    """The transaction item for a coach message's explanation. `items`: `{kind, id, label}`, labels in plain words
    that name nothing but the member's own context and the closed vocabulary."""
    item = {
        "pk": f"THREAD#{thread_id}", "sk": why_sk(message_id), "owner": member_id, "thread_id": thread_id,
        "message_id": message_id, "source": source, "created_at": iso(utc_now()), "items": items,
        "expires_at": expires_at,
    }
    return {"Put": {"TableName": table, "Item": to_item(item)}}


class WhyNotFound(Exception):
    pass


def explain(client, table: str, member_id: str, thread_id: str, message_id: str) -> dict[str, Any]:
    """The explanation of one coach message, for its author only (anyone else: not found)."""
    found = client.get_item(TableName=table, Key=to_item({"pk": f"THREAD#{thread_id}", "sk": why_sk(message_id)}),
                            ConsistentRead=True).get("Item")
    values = from_item(found) if found else None
    if not values or values.get("owner") != member_id:
        raise WhyNotFound(message_id)
    return describe(values)


def describe(values: dict[str, Any]) -> dict[str, Any]:
    """A stored `WHY#` item in the plain words its author reads (the route above, and their data export)."""
    items = [{"kind": i["kind"], "id": i["id"], "explanation": i["label"]} for i in values.get("items", [])]
    intro = _SOURCE_WORDS.get(values.get("source", ""), "The coach wrote this reply")
    if items:
        text = f"{intro}, drawing on: " + "; ".join(i["explanation"] for i in items) + "."
    else:
        text = f"{intro}."
    return {"message_id": values["sk"][len(WHY_PREFIX):], "thread_id": values["pk"][len("THREAD#"):],
            "source": values.get("source"), "summary": text, "items": items}

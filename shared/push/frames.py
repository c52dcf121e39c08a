"""The frames members' clients receive over their WebSocket (docs/architecture.md, "Real-time push").

Every frame is a JSON object with a `type`. A frame only ever goes to the member it is about, and it carries
only what that member may already read over the HTTP API — never another member's words.
"""

from __future__ import annotations

from typing import Any


def reply_delta(thread_id: str, message_id: str, text: str) -> dict[str, Any]:
    """A piece of the coach's reply as the model writes it; the pieces of one reply concatenate in order."""
    return {"type": "reply.delta", "thread_id": thread_id, "message_id": message_id, "text": text}


def reply_done(thread_id: str, message: dict[str, Any]) -> dict[str, Any]:
    """The reply as stored (the same `reply` the HTTP response carries): it supersedes any deltas before it.

    It also arrives alone, without deltas: the crisis protocol's and the offline coach's replies are sent whole,
    and a model that failed mid-reply is replaced by the offline coach's reply here.
    """
    return {"type": "reply.done", "thread_id": thread_id, "message_id": message.get("id"), "message": message}


def checkin(thread_id: str | None, kinds: list[str] | None = None) -> dict[str, Any]:
    """The coach checked in: a new message in the member's private thread (read it over the HTTP API)."""
    return {"type": "checkin", "thread_id": thread_id, "kinds": list(kinds or [])}


def mediation_updated(mediation_id: str, status: str | None, phase: str | None) -> dict[str, Any]:
    """Something changed in a mediation the member is a party to; their own view is `GET /mediations/{id}`."""
    return {"type": "mediation.updated", "mediation_id": mediation_id, "status": status, "phase": phase}

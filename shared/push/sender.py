"""Posting frames to a member's open connections (API Gateway management API, `post_to_connection`).

Where the management API lives is the function's `PUSH_ENDPOINT` (the WebSocket stage's callback URL,
`https://<api id>.execute-api.<region>.amazonaws.com/<stage>`; locally the local stack's). Without it, push is off
and every call here does nothing.

Failures never reach the caller: a member's turn, check-in or mediation step must not fail because a phone lost
its signal. A connection API Gateway says is gone (`GoneException`) is forgotten at once.
"""

from __future__ import annotations

import json
import logging
import os
import time
from functools import cached_property
from typing import Any

from shared.push.connections import ConnectionStore
from shared.push.frames import mediation_updated, reply_delta, reply_done

log = logging.getLogger(__name__)


class Pusher:
    def __init__(self, table: str, endpoint: str | None = None, client=None, dynamodb=None):
        self.endpoint = os.environ.get("PUSH_ENDPOINT", "") if endpoint is None else endpoint
        self.connections = ConnectionStore(table, client=dynamodb)
        self._client = client

    @property
    def enabled(self) -> bool:
        return bool(self.endpoint or self._client)

    @cached_property
    def management(self):
        import boto3
        from botocore.config import Config

        # Short timeouts and no retries: a frame that can't go out now is worth nothing later.
        return self._client or boto3.client(
            "apigatewaymanagementapi", endpoint_url=self.endpoint,
            config=Config(connect_timeout=2, read_timeout=3, retries={"total_max_attempts": 1}),
        )

    def connections_of(self, member_id: str) -> list[str]:
        if not self.enabled:
            return []
        try:
            return self.connections.of_member(member_id)
        except Exception:  # noqa: BLE001 - see the module's docstring
            log.exception("push: cannot read the member's connections")
            return []

    def send(self, member_id: str, frame: dict[str, Any], connection_ids: list[str] | None = None) -> list[str]:
        """Post one frame to each of the member's connections; returns the connections still open."""
        targets = self.connections_of(member_id) if connection_ids is None else connection_ids
        data = json.dumps(frame).encode()
        still_open = []
        for connection_id in targets:
            try:
                self.management.post_to_connection(ConnectionId=connection_id, Data=data)
                still_open.append(connection_id)
            except Exception as error:  # noqa: BLE001 - see the module's docstring
                if _error_code(error) == "GoneException":
                    self._forget(member_id, connection_id)
                else:
                    log.warning("push: post_to_connection failed: %s", _error_code(error) or type(error).__name__)
                    still_open.append(connection_id)
        return still_open

    def _forget(self, member_id: str, connection_id: str) -> None:
        try:
            self.connections.drop(member_id, connection_id)
        except Exception:  # noqa: BLE001
            log.exception("push: cannot forget a gone connection")


# Providers stream about one token (four characters) per chunk. A frame per chunk would be a post_to_connection —
# an HTTP call billed per message — for every token, ~180 per reply: more Lambda time and more API Gateway messages
# than the rest of the turn. Pieces are gathered and sent at most this often, which still reads as typing.
FLUSH_SECONDS = 0.1


class ReplyStream:
    """The coach's reply on its way to one member: deltas as the model writes (gathered, at most one frame every
    FLUSH_SECONDS; the first piece at once), then the stored reply.

    The member's connections are read once, on the first frame, so a turn with nobody connected costs one query.
    """

    def __init__(self, pusher: Pusher, member_id: str, thread_id: str, message_id: str):
        self.pusher, self.member_id, self.thread_id, self.message_id = pusher, member_id, thread_id, message_id
        self._targets: list[str] | None = None
        self._pending: list[str] = []
        self._last_sent = float("-inf")

    def _send(self, frame: dict[str, Any]) -> None:
        if self._targets is None:
            self._targets = self.pusher.connections_of(self.member_id)
        if self._targets:
            self._targets = self.pusher.send(self.member_id, frame, self._targets)

    def delta(self, text: str) -> None:
        if text:
            self._pending.append(text)
            if time.monotonic() - self._last_sent >= FLUSH_SECONDS:
                self._flush()

    def _flush(self) -> None:
        if self._pending:
            text, self._pending = "".join(self._pending), []
            self._last_sent = time.monotonic()
            self._send(reply_delta(self.thread_id, self.message_id, text))

    def done(self, message: dict[str, Any]) -> None:
        self._flush()  # the pieces still gathered: the deltas add up to the whole reply
        self._send(reply_done(self.thread_id, message))


def _error_code(error: Exception) -> str | None:
    response = getattr(error, "response", None)
    return response.get("Error", {}).get("Code") if isinstance(response, dict) else None


def announce_mediation(pusher: Pusher, record: dict[str, Any] | None) -> None:
    """Tell every party of a mediation that it changed (ids and status only; each reads their own view)."""
    if not record or not pusher.enabled:
        return
    frame = mediation_updated(record["mediation_id"], record.get("status"), record.get("phase"))
    for party in record.get("parties") or []:
        pusher.send(str(party), frame)

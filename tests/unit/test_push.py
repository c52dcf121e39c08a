"""Real-time push's bookkeeping on moto: members' connections, their expiry, and a sender that forgets gone ones.

The management API is AWS's (`apigatewaymanagementapi`); here a stand-in records posts and says `GoneException`
for the connections it is told are gone, as API Gateway would. Over a real WebSocket: tests/integration.
"""

from __future__ import annotations

import json

from botocore.exceptions import ClientError

from shared.push.connections import CONNECTION_TTL_SECONDS, ConnectionStore
from shared.push.frames import checkin
from shared.push.sender import Pusher, ReplyStream

TABLE = "inetta-test"


class ManagementApi:
    def __init__(self, gone: set[str] = frozenset()):
        self.gone, self.posted = set(gone), []

    def post_to_connection(self, ConnectionId: str, Data: bytes) -> None:  # noqa: N803 - boto3's names
        if ConnectionId in self.gone:
            raise ClientError({"Error": {"Code": "GoneException", "Message": ""}}, "PostToConnection")
        self.posted.append((ConnectionId, json.loads(Data)))


def test_connections_are_kept_per_member_and_forgotten_by_id(dynamodb):
    store = ConnectionStore(TABLE, client=dynamodb)
    store.add("ana", "c1", now=1000)
    store.add("ana", "c2", now=1000)
    store.add("ben", "c3", now=1000)
    assert sorted(store.of_member("ana", now=1001)) == ["c1", "c2"]
    assert store.remove("c1") == "ana" and store.of_member("ana", now=1001) == ["c2"]
    assert store.remove("unknown") is None
    # TTL deletes lazily: an expired connection is skipped by readers meanwhile.
    assert store.of_member("ben", now=1000 + CONNECTION_TTL_SECONDS + 1) == []


def test_a_gone_connection_is_forgotten_and_the_others_still_get_the_frame(dynamodb):
    ConnectionStore(TABLE, client=dynamodb).add("ana", "live")
    ConnectionStore(TABLE, client=dynamodb).add("ana", "gone")
    management = ManagementApi(gone={"gone"})
    pusher = Pusher(TABLE, endpoint="https://example.test/live", client=management, dynamodb=dynamodb)
    assert pusher.send("ana", checkin("t1", ["routine"])) == ["live"]
    assert [c for c, _ in management.posted] == ["live"]
    assert pusher.connections.of_member("ana") == ["live"]
    assert "Item" not in dynamodb.get_item(TableName=TABLE, Key={"pk": {"S": "WSCONN#gone"}, "sk": {"S": "WSCONN"}})


def test_a_reply_stream_goes_to_its_member_only_pieces_first_then_the_stored_reply(dynamodb):
    ConnectionStore(TABLE, client=dynamodb).add("ana", "a1")
    ConnectionStore(TABLE, client=dynamodb).add("ben", "b1")
    management = ManagementApi()
    pusher = Pusher(TABLE, endpoint="https://example.test/live", client=management, dynamodb=dynamodb)
    stream = ReplyStream(pusher, "ana", "t1", "m1")
    for piece in ("I hear ", "you."):
        stream.delta(piece)
    stream.done({"id": "m1", "text": "I hear you."})
    assert {c for c, _ in management.posted} == {"a1"}
    assert [f["type"] for _, f in management.posted] == ["reply.delta", "reply.delta", "reply.done"]


def test_without_an_endpoint_push_is_off_and_reads_nothing(dynamodb):
    pusher = Pusher(TABLE, endpoint="", dynamodb=dynamodb)
    assert not pusher.enabled and pusher.send("ana", checkin("t1")) == []


def test_a_reply_streamed_token_by_token_is_sent_in_a_few_frames_that_add_up_to_it(dynamodb):
    ConnectionStore(TABLE, client=dynamodb).add("ana", "a1")
    management = ManagementApi()
    pusher = Pusher(TABLE, endpoint="https://example.test/live", client=management, dynamodb=dynamodb)
    stream = ReplyStream(pusher, "ana", "t1", "m1")
    text = "It sounds like you both want the evenings to feel calmer. What would a good one look like? " * 3
    tokens = [text[i:i + 4] for i in range(0, len(text), 4)]  # as a provider streams it, all within a moment
    for token in tokens:
        stream.delta(token)
    stream.done({"id": "m1", "text": text})
    deltas = [f["text"] for _, f in management.posted if f["type"] == "reply.delta"]
    # The first piece at once (the member sees the coach start), the rest gathered: not one post per token.
    assert deltas[0] == tokens[0] and len(deltas) <= 3 < len(tokens)
    assert "".join(deltas) == text and management.posted[-1][1]["type"] == "reply.done"

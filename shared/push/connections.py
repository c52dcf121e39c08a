"""Members' open WebSocket connections, in the one table.

Two items per connection, written and deleted together:

- `MEMBER#<sub>` / `WSCONN#<connection id>`: the member's connections, one query away for the sender;
- `WSCONN#<connection id>` / `WSCONN`: whose connection it is, for `$disconnect` (which carries only the id).

Both carry `owner` (export and deletion find them) and `expires_at`: API Gateway closes a connection after two
hours at most, so an item whose `$disconnect` never ran (a dropped Lambda, a deleted stage) expires by TTL. TTL
deletion is lazy, so readers also skip expired items themselves.
"""

from __future__ import annotations

import time
from typing import Any

from shared.store import keys
from shared.store.table import TableStore, from_item, to_item

CONNECTION_PREFIX = "WSCONN#"
CONNECTION_SK = "WSCONN"
# API Gateway's maximum connection duration is 2 hours; a little more, so a live connection never expires first.
CONNECTION_TTL_SECONDS = 2 * 3600 + 15 * 60


def connection_pk(connection_id: str) -> str:
    return f"{CONNECTION_PREFIX}{connection_id}"


def member_connection_sk(connection_id: str) -> str:
    return f"{CONNECTION_PREFIX}{connection_id}"


class ConnectionStore(TableStore):
    def add(self, member_id: str, connection_id: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        common = {"owner": member_id, "connection_id": connection_id, "connected_at": int(now),
                  "expires_at": int(now) + CONNECTION_TTL_SECONDS, "kind": "ws_connection"}
        self.client.transact_write_items(TransactItems=[
            {"Put": {"TableName": self.table, "Item": to_item(
                {"pk": keys.member_pk(member_id), "sk": member_connection_sk(connection_id), **common})}},
            {"Put": {"TableName": self.table, "Item": to_item(
                {"pk": connection_pk(connection_id), "sk": CONNECTION_SK, "member_id": member_id, **common})}},
        ])

    def remove(self, connection_id: str) -> str | None:
        """Forget a connection by its id alone ($disconnect); returns whose it was, if known."""
        found = self.client.get_item(TableName=self.table, ConsistentRead=True,
                                     Key=to_item({"pk": connection_pk(connection_id), "sk": CONNECTION_SK}))
        if "Item" not in found:
            return None
        member_id = from_item(found["Item"])["member_id"]
        self.drop(member_id, connection_id)
        return member_id

    def drop(self, member_id: str, connection_id: str) -> None:
        """Forget one connection of a member (a gone connection found by the sender, or a disconnect)."""
        self.client.transact_write_items(TransactItems=[
            {"Delete": {"TableName": self.table, "Key": to_item(
                {"pk": keys.member_pk(member_id), "sk": member_connection_sk(connection_id)})}},
            {"Delete": {"TableName": self.table, "Key": to_item(
                {"pk": connection_pk(connection_id), "sk": CONNECTION_SK})}},
        ])

    def of_member(self, member_id: str, now: float | None = None) -> list[str]:
        """The member's open connection ids (one query; a member has a handful at most)."""
        now = time.time() if now is None else now
        response = self.client.query(
            TableName=self.table,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues=to_item({":pk": keys.member_pk(member_id), ":prefix": CONNECTION_PREFIX}),
            ProjectionExpression="connection_id, expires_at",
        )
        items: list[dict[str, Any]] = [from_item(i) for i in response.get("Items", [])]
        return [i["connection_id"] for i in items if int(i.get("expires_at", 0)) > now]

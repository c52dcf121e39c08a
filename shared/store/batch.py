"""Queries that follow pagination, batched reads and deletes, and transactions that say which part failed."""

from __future__ import annotations

from typing import Any, Iterator

from botocore.exceptions import ClientError

from shared.store.table import from_item, to_item, to_value

BATCH_GET_LIMIT = 100
BATCH_WRITE_LIMIT = 25


class TransactionCancelled(Exception):
    """A transaction wrote nothing because a condition failed; `failed[i]` is True for the i-th item's condition."""

    def __init__(self, failed: list[bool]):
        super().__init__(f"conditions failed: {failed}")
        self.failed = failed


def transact(client, items: list[dict[str, Any]]) -> None:
    try:
        client.transact_write_items(TransactItems=items)
    except ClientError as error:
        if error.response["Error"]["Code"] != "TransactionCanceledException":
            raise
        reasons = [reason.get("Code") for reason in error.response.get("CancellationReasons", [])]
        if "ConditionalCheckFailed" not in reasons:
            raise
        raise TransactionCancelled([code == "ConditionalCheckFailed" for code in reasons]) from error


def query(client, table: str, pk: str, prefix: str | None = None, *, consistent: bool = True,
          filter_expression: str | None = None, names: dict[str, str] | None = None,
          values: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """Every item of one partition (optionally those whose sort key starts with `prefix`), page by page."""
    condition = "pk = :pk" + (" AND begins_with(sk, :prefix)" if prefix else "")
    expression_values = {":pk": to_value(pk), **({":prefix": to_value(prefix)} if prefix else {})}
    expression_values.update({key: to_value(value) for key, value in (values or {}).items()})
    request: dict[str, Any] = {
        "TableName": table,
        "KeyConditionExpression": condition,
        "ExpressionAttributeValues": expression_values,
        "ConsistentRead": consistent,
    }
    if filter_expression:
        request["FilterExpression"] = filter_expression
    if names:
        request["ExpressionAttributeNames"] = names
    while True:
        response = client.query(**request)
        for item in response.get("Items", []):
            yield from_item(item)
        if "LastEvaluatedKey" not in response:
            return
        request["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def query_owner(client, table: str, owner: str) -> Iterator[dict[str, Any]]:
    """Everything a member owns, through the `by_owner` index (eventually consistent, like every GSI)."""
    request: dict[str, Any] = {
        "TableName": table,
        "IndexName": "by_owner",
        "KeyConditionExpression": "#owner = :owner",
        "ExpressionAttributeNames": {"#owner": "owner"},
        "ExpressionAttributeValues": {":owner": to_value(owner)},
    }
    while True:
        response = client.query(**request)
        for item in response.get("Items", []):
            yield from_item(item)
        if "LastEvaluatedKey" not in response:
            return
        request["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def batch_get(client, table: str, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Strongly consistent reads of many items; missing items are absent from the result."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), BATCH_GET_LIMIT):
        pending = {table: {"Keys": [to_item({"pk": pk, "sk": sk}) for pk, sk in unique[start:start + BATCH_GET_LIMIT]],
                           "ConsistentRead": True}}
        while pending:
            response = client.batch_get_item(RequestItems=pending)
            for item in response.get("Responses", {}).get(table, []):
                values = from_item(item)
                found[(values["pk"], values["sk"])] = values
            pending = response.get("UnprocessedKeys") or {}
    return found


def delete_keys(client, table: str, keys: list[tuple[str, str]]) -> int:
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), BATCH_WRITE_LIMIT):
        pending = {table: [{"DeleteRequest": {"Key": to_item({"pk": pk, "sk": sk})}}
                           for pk, sk in unique[start:start + BATCH_WRITE_LIMIT]]}
        while pending:
            response = client.batch_write_item(RequestItems=pending)
            pending = response.get("UnprocessedItems") or {}
    return len(unique)

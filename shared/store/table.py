"""One DynamoDB table, reached through a low-level client (cheaper to import than the resource API)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


@lru_cache(maxsize=1)
def dynamodb_client():
    # Created once per container; AWS_ENDPOINT_URL points it at moto locally.
    return boto3.client("dynamodb")


def to_item(values: dict[str, Any]) -> dict[str, Any]:
    return {key: _serializer.serialize(value) for key, value in values.items() if value is not None}


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    return {key: _deserializer.deserialize(value) for key, value in item.items()}


def to_value(value: Any) -> dict[str, Any]:
    return _serializer.serialize(value)


class TableStore:
    """What every store over the one table starts from: the table's name and a DynamoDB client.

    Tests pass their own (moto) client; a Lambda passes none and shares the container's client, created on first
    use — so constructing a store costs nothing at import time.
    """

    def __init__(self, table_name: str, client=None):
        self.table = table_name
        self._client = client

    @property
    def client(self):
        return self._client or dynamodb_client()

"""moto's DynamoDB made safe for a server with many concurrent clients (our functions, the stream pollers).

Two defects of moto (5.x) that the local stack cannot live with, patched in the moto server's process:

1. **A cancelled transaction replaces the whole table.** `transact_write_items` deep-copies every table it touches
   before writing and, when any condition fails, puts the *copy* back in `backend.tables`. The copy brings its own
   stream shard, so every stream reader holding an iterator on the old one (our event-source pollers) never sees
   another record: after the first cancelled transaction — an ordinary event here, e.g. a second crisis message in
   the same window, or a retried chat turn — context building, escalation and check-in follow-ups silently stopped.
   Writes other clients made between the copy and the restore were lost too, and the copy costs O(table) on every
   transaction. Here the table object stays the same: only the items the transaction touched are saved beforehand
   and put back, and the stream records it appended are taken back (a cancelled transaction has no stream records
   in AWS either).
2. **No locking.** moto's server runs each request in its own thread, and its tables are plain dicts: a query
   iterating while a put inserts fails with "dictionary changed size during iteration", and the transaction above
   is not atomic. One lock serialises DynamoDB and DynamoDB Streams requests — each takes milliseconds locally, and
   correctness matters more than parallelism here.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

# Reentrant: moto's transaction code calls other backend methods that a future moto might route through handlers.
LOCK = threading.RLock()

_originals: dict[tuple[type, str], Any] = {}


class _TablesAreNotCopied:
    """Stands in for the `copy` module inside moto's DynamoDB models: a Table is handed back as is (see defect 1),
    everything else (items, used for ReturnValues) is deep-copied as before."""

    @staticmethod
    def deepcopy(value: Any, memo: Any = None) -> Any:
        from moto.dynamodb.models.table import Table

        return value if isinstance(value, Table) else copy.deepcopy(value, memo)

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)


def _item_key(table: Any, operation: dict[str, Any]) -> tuple[Any, Any] | None:
    from moto.dynamodb.models.dynamo_type import DynamoType

    attributes = operation.get("Item") or operation.get("Key") or {}
    try:
        hash_value = DynamoType(attributes[table.hash_key_attr])
        range_value = DynamoType(attributes[table.range_key_attr]) if table.range_key_attr else None
    except (KeyError, TypeError):
        return None  # a malformed request: moto rejects it before writing anything
    return hash_value, range_value


def _transact_write_items(original):
    def transact_write_items(backend, transact_items: list[dict[str, Any]]) -> None:
        with LOCK:
            saved: list[tuple[Any, Any, Any, Any]] = []  # (table, hash, range, the item before or None)
            stream_lengths: dict[int, tuple[Any, int]] = {}
            for entry in transact_items:
                operation = next(iter(entry.values()), None)
                if not isinstance(operation, dict):
                    continue
                table = backend.tables.get(operation.get("TableName"))
                key = _item_key(table, operation) if table is not None else None
                if key is None:
                    continue
                before = table.get_item(*key) if (table.range_key_attr is None or key[1] is not None) else None
                saved.append((table, key[0], key[1], copy.deepcopy(before)))
                if table.stream_shard is not None:
                    stream_lengths.setdefault(id(table), (table, len(table.stream_shard.items)))
            try:
                original(backend, transact_items)
            except BaseException:
                for table, hash_value, range_value, before in reversed(saved):
                    _put_back(table, hash_value, range_value, before)
                for table, length in stream_lengths.values():
                    del table.stream_shard.items[length:]
                raise

    return transact_write_items


def _put_back(table: Any, hash_value: Any, range_value: Any, before: Any) -> None:
    if range_value is None:
        if before is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = before
    elif before is None:
        table.items.get(hash_value, {}).pop(range_value, None)
    else:
        table.items[hash_value][range_value] = before


def _serialised(original):
    def call_action(handler, *args: Any, **kwargs: Any):
        with LOCK:
            return original(handler, *args, **kwargs)

    return call_action


def _patch(cls: type, name: str, replacement: Any) -> None:
    _originals.setdefault((cls, name), cls.__dict__.get(name))  # None: inherited, deleted again on uninstall
    setattr(cls, name, replacement)


def install() -> None:
    import moto.dynamodb.models as models
    from moto.dynamodb.responses import DynamoHandler
    from moto.dynamodbstreams.responses import DynamoDBStreamsHandler

    if _originals:
        return
    from moto.core.responses import BaseResponse

    _patch(models.DynamoDBBackend, "transact_write_items",
           _transact_write_items(models.DynamoDBBackend.transact_write_items))
    _patch(DynamoHandler, "call_action", _serialised(DynamoHandler.call_action))
    # DynamoDBStreamsHandler inherits call_action: give it its own serialised copy of BaseResponse's.
    _patch(DynamoDBStreamsHandler, "call_action", _serialised(BaseResponse.call_action))
    models.copy = _TablesAreNotCopied()  # type: ignore[assignment]


def uninstall() -> None:
    import moto.dynamodb.models as models

    for (cls, name), original in _originals.items():
        if original is None:
            delattr(cls, name)
        else:
            setattr(cls, name, original)
    _originals.clear()
    models.copy = copy  # type: ignore[assignment]

"""An in-memory DynamoDB low-level client, for test suites that need thousands of scenarios (the canary suite).

moto costs ~10 ms a request (serialisation both ways, a table copy per transaction); this costs microseconds. It
implements what Inetta's data layer uses — GetItem, PutItem, UpdateItem, DeleteItem, Query (table and `by_owner`
index, key conditions, Limit, ScanIndexForward, ExclusiveStartKey, FilterExpression), BatchGetItem,
BatchWriteItem, TransactWriteItems (Put, Update, Delete, ConditionCheck; all or nothing, with cancellation
reasons) — with DynamoDB's expression syntax (conditions, SET / REMOVE / ADD, if_not_exists, arithmetic).
Errors are botocore `ClientError`s with DynamoDB's codes. `tests/unit/test_canary.py` cross-checks it with moto.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

_ser, _de = TypeSerializer(), TypeDeserializer()
INDEXES = {"by_owner": ("owner", "sk")}

_TOKEN = re.compile(r"\s*(<=|>=|<>|[=<>(),.+\-\[\]]|[#:]?[A-Za-z_][A-Za-z0-9_]*|\d+)")


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise ValueError(f"cannot parse {text[pos:]!r}")
        out.append(match.group(1))
        pos = match.end()
    return out


class _Missing:
    pass


MISSING = _Missing()


class _Expr:
    def __init__(self, text: str, names: dict[str, str], values: dict[str, Any]):
        self.toks = _tokens(text)
        self.i = 0
        self.names = names or {}
        self.values = {k: _de.deserialize(v) for k, v in (values or {}).items()}

    def peek(self, offset: int = 0) -> str | None:
        j = self.i + offset
        return self.toks[j] if j < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.toks[self.i]
        if expected is not None and tok.upper() != expected.upper():
            raise ValueError(f"expected {expected}, got {tok}")
        self.i += 1
        return tok

    def name(self, tok: str) -> str:
        return self.names[tok] if tok.startswith("#") else tok

    # paths and operands (closures over an item)
    def path(self) -> list[str]:
        parts = [self.name(self.take())]
        while self.peek() == ".":
            self.take(".")
            parts.append(self.name(self.take()))
        return parts

    @staticmethod
    def get(item: dict[str, Any], path: list[str]) -> Any:
        value: Any = item
        for part in path:
            if not isinstance(value, dict) or part not in value:
                return MISSING
            value = value[part]
        return value

    def operand(self):
        tok = self.peek()
        if tok.startswith(":"):
            self.take()
            value = self.values[tok]
            return lambda item: value
        if tok.lower() == "if_not_exists":
            self.take(); self.take("(")
            path = self.path(); self.take(",")
            fallback = self.operand(); self.take(")")
            return lambda item: (fallback(item) if self.get(item, path) is MISSING else self.get(item, path))
        if tok.lower() == "size":
            self.take(); self.take("(")
            path = self.path(); self.take(")")
            return lambda item: Decimal(len(self.get(item, path))) if self.get(item, path) is not MISSING else MISSING
        path = self.path()
        return lambda item: self.get(item, path)

    # conditions
    def condition(self):
        left = self.conjunction()
        while self.peek() and self.peek().upper() == "OR":
            self.take()
            right = self.conjunction()
            left = (lambda a, b: lambda item: a(item) or b(item))(left, right)
        return left

    def conjunction(self):
        left = self.negation()
        while self.peek() and self.peek().upper() == "AND":
            self.take()
            right = self.negation()
            left = (lambda a, b: lambda item: a(item) and b(item))(left, right)
        return left

    def negation(self):
        if self.peek() and self.peek().upper() == "NOT":
            self.take()
            inner = self.negation()
            return lambda item: not inner(item)
        return self.primary()

    def primary(self):
        tok = self.peek()
        if tok == "(":
            self.take()
            inner = self.condition()
            self.take(")")
            return inner
        low = tok.lower()
        if low in ("attribute_exists", "attribute_not_exists"):
            self.take(); self.take("(")
            path = self.path(); self.take(")")
            exists = low == "attribute_exists"
            return lambda item: (self.get(item, path) is not MISSING) == exists
        if low in ("begins_with", "contains"):
            self.take(); self.take("(")
            a = self.operand(); self.take(",")
            b = self.operand(); self.take(")")
            if low == "begins_with":
                return lambda item: isinstance(a(item), str) and isinstance(b(item), str) and a(item).startswith(b(item))
            return lambda item: a(item) is not MISSING and b(item) in a(item)
        left = self.operand()
        op = self.take()
        if op.upper() == "BETWEEN":
            low_value = self.operand(); self.take("AND"); high_value = self.operand()
            return lambda item: _cmp(low_value(item), "<=", left(item)) and _cmp(left(item), "<=", high_value(item))
        if op.upper() == "IN":
            self.take("(")
            options = [self.operand()]
            while self.peek() == ",":
                self.take(); options.append(self.operand())
            self.take(")")
            return lambda item: any(_cmp(left(item), "=", o(item)) for o in options)
        right = self.operand()
        return lambda item: _cmp(left(item), op, right(item))

    # updates
    def apply_update(self, item: dict[str, Any]) -> None:
        while self.peek():
            clause = self.take().upper()
            while True:
                if clause == "SET":
                    path = self.path(); self.take("=")
                    value = self.operand()
                    if self.peek() in ("+", "-"):
                        sign = self.take()
                        other = self.operand()
                        base = value
                        value = (lambda a, b, s: lambda it: a(it) + b(it) if s == "+" else a(it) - b(it))(base, other, sign)
                    _set(item, path, value(item))
                elif clause == "REMOVE":
                    path = self.path()
                    _remove(item, path)
                elif clause == "ADD":
                    path = self.path()
                    addend = self.operand()(item)
                    current = self.get(item, path)
                    if current is MISSING:
                        _set(item, path, addend)
                    elif isinstance(current, set):
                        _set(item, path, current | addend)
                    else:
                        _set(item, path, current + addend)
                elif clause == "DELETE":
                    path = self.path()
                    gone = self.operand()(item)
                    current = self.get(item, path)
                    if current is not MISSING:
                        _set(item, path, current - gone)
                else:
                    raise ValueError(f"unknown update clause {clause}")
                if self.peek() == ",":
                    self.take()
                    continue
                break


def _set(item: dict[str, Any], path: list[str], value: Any) -> None:
    target = item
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def _remove(item: dict[str, Any], path: list[str]) -> None:
    target = item
    for part in path[:-1]:
        target = target.get(part, {})
    target.pop(path[-1], None)


def _cmp(a: Any, op: str, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return op == "<>" and not (a is MISSING and b is MISSING)
    if op == "=":
        return a == b
    if op == "<>":
        return a != b
    if type(a) is not type(b) and not (isinstance(a, Decimal) and isinstance(b, Decimal)):
        return False
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _error(code: str, message: str, operation: str, reasons: list | None = None) -> ClientError:
    response: dict[str, Any] = {"Error": {"Code": code, "Message": message}}
    if reasons is not None:
        response["CancellationReasons"] = reasons
    return ClientError(response, operation)


class _Events:
    def register(self, *args, **kwargs) -> None:  # the benches count requests through botocore events
        pass


class _Meta:
    events = _Events()


class MemoryDynamoDB:
    meta = _Meta()

    def __init__(self):
        self.tables: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
        self.calls = 0

    # --- tables ---
    def create_table(self, TableName: str, **_: Any) -> dict:
        self.tables[TableName] = {}
        return {}

    def delete_table(self, TableName: str) -> dict:
        self.tables.pop(TableName, None)
        return {}

    def _table(self, name: str) -> dict:
        if name not in self.tables:
            raise _error("ResourceNotFoundException", f"no table {name}", "Table")
        return self.tables[name]

    @staticmethod
    def _key(key: dict[str, Any]) -> tuple[str, str]:
        values = {k: _de.deserialize(v) for k, v in key.items()}
        return values["pk"], values["sk"]

    @staticmethod
    def _out(item: dict[str, Any]) -> dict[str, Any]:
        return {k: _ser.serialize(v) for k, v in item.items()}

    def _check(self, current: dict[str, Any] | None, request: dict[str, Any]) -> bool:
        text = request.get("ConditionExpression")
        if not text:
            return True
        expr = _Expr(text, request.get("ExpressionAttributeNames"), request.get("ExpressionAttributeValues"))
        return bool(expr.condition()(current or {}))

    # --- single items ---
    def get_item(self, TableName: str, Key: dict, **_: Any) -> dict:
        self.calls += 1
        item = self._table(TableName).get(self._key(Key))
        return {"Item": self._out(item)} if item is not None else {}

    def put_item(self, TableName: str, Item: dict, **request: Any) -> dict:
        self.calls += 1
        table = self._table(TableName)
        values = {k: _de.deserialize(v) for k, v in Item.items()}
        key = (values["pk"], values["sk"])
        if not self._check(table.get(key), request):
            raise _error("ConditionalCheckFailedException", "The conditional request failed", "PutItem")
        table[key] = values
        return {}

    def _updated(self, table: dict, Key: dict, request: dict) -> tuple[tuple[str, str], dict[str, Any]]:
        key = self._key(Key)
        item = copy.deepcopy(table.get(key)) or {"pk": key[0], "sk": key[1]}
        expr = _Expr(request["UpdateExpression"], request.get("ExpressionAttributeNames"),
                     request.get("ExpressionAttributeValues"))
        expr.apply_update(item)
        return key, item

    def update_item(self, TableName: str, Key: dict, **request: Any) -> dict:
        self.calls += 1
        table = self._table(TableName)
        if not self._check(table.get(self._key(Key)), request):
            raise _error("ConditionalCheckFailedException", "The conditional request failed", "UpdateItem")
        key, item = self._updated(table, Key, request)
        table[key] = item
        return {"Attributes": self._out(item)} if request.get("ReturnValues") == "ALL_NEW" else {}

    def delete_item(self, TableName: str, Key: dict, **request: Any) -> dict:
        self.calls += 1
        table = self._table(TableName)
        if not self._check(table.get(self._key(Key)), request):
            raise _error("ConditionalCheckFailedException", "The conditional request failed", "DeleteItem")
        table.pop(self._key(Key), None)
        return {}

    # --- queries ---
    def query(self, TableName: str, KeyConditionExpression: str, IndexName: str | None = None,
              ExpressionAttributeNames: dict | None = None, ExpressionAttributeValues: dict | None = None,
              ScanIndexForward: bool = True, Limit: int | None = None, ExclusiveStartKey: dict | None = None,
              FilterExpression: str | None = None, **_: Any) -> dict:
        self.calls += 1
        hash_attr, range_attr = INDEXES[IndexName] if IndexName else ("pk", "sk")
        names, values = ExpressionAttributeNames or {}, ExpressionAttributeValues or {}
        key_condition = _Expr(KeyConditionExpression, names, values).condition()
        # The hash key condition is the first clause: pk = :v
        hash_tokens = _tokens(KeyConditionExpression)[:3]
        hash_value = _de.deserialize(values[hash_tokens[2]])
        items = [item for item in self._table(TableName).values()
                 if item.get(hash_attr) == hash_value and range_attr in item and key_condition(item)]
        items.sort(key=lambda item: (item[range_attr], item["pk"], item["sk"]), reverse=not ScanIndexForward)
        if ExclusiveStartKey:
            start = {k: _de.deserialize(v) for k, v in ExclusiveStartKey.items()}
            position = (start[range_attr], start["pk"], start["sk"])
            items = [item for item in items if ((item[range_attr], item["pk"], item["sk"]) > position)
                     == ScanIndexForward and (item[range_attr], item["pk"], item["sk"]) != position]
        last = None
        if Limit is not None and len(items) > Limit:
            items = items[:Limit]
            tail = items[-1]
            last = {"pk": tail["pk"], "sk": tail["sk"], **({hash_attr: tail[hash_attr]} if IndexName else {})}
        if FilterExpression:
            keep = _Expr(FilterExpression, names, values).condition()
            items = [item for item in items if keep(item)]
        response: dict[str, Any] = {"Items": [self._out(item) for item in items], "Count": len(items)}
        if last:
            response["LastEvaluatedKey"] = self._out(last)
        return response

    # --- batches ---
    def batch_get_item(self, RequestItems: dict) -> dict:
        self.calls += 1
        responses = {}
        for table_name, request in RequestItems.items():
            table = self._table(table_name)
            responses[table_name] = [self._out(table[self._key(key)]) for key in request["Keys"]
                                     if self._key(key) in table]
        return {"Responses": responses, "UnprocessedKeys": {}}

    def batch_write_item(self, RequestItems: dict) -> dict:
        self.calls += 1
        for table_name, writes in RequestItems.items():
            table = self._table(table_name)
            for write in writes:
                if "PutRequest" in write:
                    values = {k: _de.deserialize(v) for k, v in write["PutRequest"]["Item"].items()}
                    table[(values["pk"], values["sk"])] = values
                else:
                    table.pop(self._key(write["DeleteRequest"]["Key"]), None)
        return {"UnprocessedItems": {}}

    def transact_write_items(self, TransactItems: list[dict]) -> dict:
        self.calls += 1
        reasons, staged, seen = [], [], set()
        for entry in TransactItems:
            (kind, request), = entry.items()
            table = self._table(request["TableName"])
            if kind == "Put":
                values = {k: _de.deserialize(v) for k, v in request["Item"].items()}
                key = (values["pk"], values["sk"])
            else:
                key = self._key(request["Key"])
            if (request["TableName"], key) in seen:
                raise _error("ValidationException", "Transaction request cannot include multiple operations on one item",
                             "TransactWriteItems")
            seen.add((request["TableName"], key))
            passed = self._check(table.get(key), request)
            reasons.append({"Code": "None"} if passed else {"Code": "ConditionalCheckFailed",
                                                             "Message": "The conditional request failed"})
            if kind == "Put":
                staged.append((table, key, values))
            elif kind == "Update":
                staged.append((table, key, self._updated(table, request["Key"], request)[1]))
            elif kind == "Delete":
                staged.append((table, key, None))
        if any(r["Code"] != "None" for r in reasons):
            raise _error("TransactionCanceledException", "Transaction cancelled", "TransactWriteItems", reasons)
        for table, key, values in staged:
            if values is None:
                table.pop(key, None)
            else:
                table[key] = values
        return {}

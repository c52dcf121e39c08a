"""Event source mappings (DynamoDB streams, SQS queues -> Lambda) polled and dispatched as the Lambda service does.

moto delivers these itself, but synchronously inside the write that produced them (a `put_item` would run the
stream handler before answering, and moto then drops the stream records it delivered). So the mappings that the
template defines (created by moto's CloudFormation) are detached from moto's inline delivery and served here by
one poller thread each, through the public stream and queue APIs, asynchronously from the writer — as in AWS.

Honoured: BatchSize, StartingPosition, FilterCriteria (EventBridge pattern syntax, moto's matcher),
FunctionResponseTypes=ReportBatchItemFailures, MaximumRetryAttempts (stream batches; "infinite" is capped at
`UNBOUNDED_RETRIES_CAP` locally, where AWS would retry until the records expire). Not emulated: batching windows,
bisecting, on-failure destinations, Kinesis. For SQS, a failed batch stays on the queue and comes back after its
visibility timeout; moto's redrive policy moves it to the DLQ.

`drain()` waits until every poller has caught up — what tests call before asserting on asynchronous effects.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import threading
import time
from typing import Any, Callable

log = logging.getLogger("inetta.local.streams")

POLL_SECONDS = 0.2
UNBOUNDED_RETRIES_CAP = 3


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    if isinstance(value, dt.datetime):
        return value.timestamp()
    return value


class _Poller:
    def __init__(self, mapping: dict[str, Any], clients: Callable[[str], Any], invoke: Callable[..., Any], region: str):
        self.mapping = mapping
        self.clients = clients
        self.invoke = invoke
        self.region = region
        self.function_arn = mapping["FunctionArn"]
        self.source_arn = mapping["EventSourceArn"]
        self.batch_size = int(mapping.get("BatchSize") or 10)
        self.report_failures = "ReportBatchItemFailures" in (mapping.get("FunctionResponseTypes") or [])
        self.filters = self._filters(mapping.get("FilterCriteria"))
        self.empty_polls = 0  # polls that found nothing to do: drain() waits for a fresh one
        self.cond = threading.Condition()
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._loop, name=f"esm:{self.source_arn.split(':')[-1][:40]}",
                                       daemon=True)

    @staticmethod
    def _filters(criteria: dict[str, Any] | None):
        patterns = [f.get("Pattern") for f in (criteria or {}).get("Filters", []) if f.get("Pattern")]
        if not patterns:
            return None
        from moto.events.models import EventPattern

        return [EventPattern.load(p) for p in patterns]

    def _wanted(self, record: dict[str, Any]) -> bool:
        return self.filters is None or any(p.matches_event(record) for p in self.filters)

    def _loop(self) -> None:
        # A busy moto may fail the first calls (a stack starting while the machine is loaded): keep trying. A
        # poller that gave up would silently deliver nothing, and drain() would not wait for it.
        while not self.stop_event.is_set():
            try:
                self.prepare()
                break
            except Exception:  # noqa: BLE001
                log.exception("event source %s: cannot start polling yet; retrying", self.source_arn)
                self.stop_event.wait(1.0)
        while not self.stop_event.is_set():
            try:
                worked = self.poll()
            except Exception:  # noqa: BLE001 - keep polling: moto may be briefly busy, a handler may be broken
                log.exception("event source %s: poll failed", self.source_arn)
                worked = False
            if not worked:
                with self.cond:
                    self.empty_polls += 1
                    self.cond.notify_all()
                self.stop_event.wait(POLL_SECONDS)

    def prepare(self) -> None:
        raise NotImplementedError

    def poll(self) -> bool:
        raise NotImplementedError

    def _call(self, records: list[dict[str, Any]]):
        return self.invoke(self.function_arn, {"Records": records}, source=f"esm:{self.kind}")


class _DynamoDBStreamPoller(_Poller):
    kind = "dynamodb"

    def prepare(self) -> None:
        from moto.dynamodb.models import dynamodb_backends

        account, table_name = self.source_arn.split(":")[4], self.source_arn.split(":table/")[1].split("/")[0]
        table = dynamodb_backends[account][self.region].get_table(table_name)
        table.lambda_event_source_mappings.clear()  # detach moto's inline delivery (see module docstring)
        streams = self.clients("dynamodbstreams")
        shards = streams.describe_stream(StreamArn=self.source_arn)["StreamDescription"]["Shards"]
        position = self.mapping.get("StartingPosition") or "LATEST"
        self.iterators = {
            s["ShardId"]: streams.get_shard_iterator(StreamArn=self.source_arn, ShardId=s["ShardId"],
                                                     ShardIteratorType=position)["ShardIterator"]
            for s in shards
        }
        self.maximum_retries = self.mapping.get("MaximumRetryAttempts")
        if self.maximum_retries is None or self.maximum_retries < 0:
            self.maximum_retries = UNBOUNDED_RETRIES_CAP

    def poll(self) -> bool:
        streams = self.clients("dynamodbstreams")
        worked = False
        for shard_id, iterator in list(self.iterators.items()):
            page = streams.get_records(ShardIterator=iterator, Limit=self.batch_size)
            self.iterators[shard_id] = page.get("NextShardIterator") or iterator
            raw = page.get("Records", [])
            # Records the filter drops still count as progress: read on at once instead of sleeping, or a
            # mapping that wants few of a busy table's writes falls ever further behind (and drain() would
            # report it caught up while unread records remain).
            worked = worked or bool(raw)
            records = [r for r in (self._record(r) for r in raw) if self._wanted(r)]
            if records:
                self._deliver(records)
        return worked

    def _record(self, raw: dict[str, Any]) -> dict[str, Any]:
        record = _jsonable(raw)
        record.setdefault("eventSource", "aws:dynamodb")
        record.setdefault("eventVersion", "1.1")
        record["awsRegion"] = self.region
        record["eventSourceARN"] = self.source_arn
        return record

    def _deliver(self, records: list[dict[str, Any]]) -> None:
        attempt = 0
        while records and not self.stop_event.is_set():
            result = self._call(records)
            failed_from = None
            if result.error is not None:
                failed_from = 0
            elif self.report_failures:
                body = result.json()
                failures = (body.get("batchItemFailures") or []) if isinstance(body, dict) else []
                sequence_numbers = [r["dynamodb"].get("SequenceNumber") for r in records]
                failed = [sequence_numbers.index(f.get("itemIdentifier")) for f in failures
                          if f.get("itemIdentifier") in sequence_numbers]
                failed_from = min(failed) if failed else None
            if failed_from is None:
                return
            if attempt >= self.maximum_retries:
                log.error("stream %s: dropping %d record(s) after %d retries", self.source_arn,
                          len(records) - failed_from, attempt)
                return
            attempt += 1
            records = records[failed_from:]
            time.sleep(min(0.25 * 2 ** attempt, 2.0))


class _SqsPoller(_Poller):
    kind = "sqs"

    def prepare(self) -> None:
        from moto.sqs.models import sqs_backends

        account, queue_name = self.source_arn.split(":")[4], self.source_arn.split(":")[5]
        queue = sqs_backends[account][self.region].queues[queue_name]
        queue.lambda_event_source_mappings.clear()  # detach moto's inline delivery
        self.queue_url = self.clients("sqs").get_queue_url(QueueName=queue_name)["QueueUrl"]

    def poll(self) -> bool:
        sqs = self.clients("sqs")
        messages = sqs.receive_message(
            QueueUrl=self.queue_url, MaxNumberOfMessages=min(self.batch_size, 10), WaitTimeSeconds=0,
            AttributeNames=["All"], MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not messages:
            return False
        records = [self._record(m) for m in messages]
        wanted = [r for r in records if self._wanted(r)]
        done = [r for r in records if r not in wanted]  # filtered out: Lambda deletes them unprocessed
        if wanted:
            result = self._call(wanted)
            if result.error is None:
                failed = set()
                if self.report_failures and isinstance(result.json(), dict):
                    failed = {f.get("itemIdentifier") for f in result.json().get("batchItemFailures") or []}
                done += [r for r in wanted if r["messageId"] not in failed]
        if done:
            sqs.delete_message_batch(QueueUrl=self.queue_url, Entries=[
                {"Id": str(i), "ReceiptHandle": r["receiptHandle"]} for i, r in enumerate(done)])
        return True

    def _record(self, message: dict[str, Any]) -> dict[str, Any]:
        attributes = {}
        for name, attr in (message.get("MessageAttributes") or {}).items():
            attributes[name] = {
                "stringValue": attr.get("StringValue"),
                "binaryValue": _jsonable(attr.get("BinaryValue")),
                "stringListValues": attr.get("StringListValues", []),
                "binaryListValues": _jsonable(attr.get("BinaryListValues", [])),
                "dataType": attr.get("DataType"),
            }
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": message.get("Attributes", {}),
            "messageAttributes": attributes,
            "md5OfBody": message.get("MD5OfBody"),
            "eventSource": "aws:sqs",
            "eventSourceARN": self.source_arn,
            "awsRegion": self.region,
        }


class EventSourcePollers:
    def __init__(self, mappings: list[dict[str, Any]], clients: Callable[[str], Any], invoke: Callable[..., Any],
                 region: str):
        self.pollers: list[_Poller] = []
        for mapping in mappings:
            if mapping.get("State") not in (None, "Enabled", "Enabling", "Creating"):
                continue
            service = mapping["EventSourceArn"].split(":")[2]
            if service == "dynamodb":
                self.pollers.append(_DynamoDBStreamPoller(mapping, clients, invoke, region))
            elif service == "sqs":
                self.pollers.append(_SqsPoller(mapping, clients, invoke, region))
            else:
                log.warning("event source %s is not polled locally", mapping["EventSourceArn"])

    def start(self) -> None:
        for poller in self.pollers:
            poller.thread.start()

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait until each poller has found nothing new after this call (so earlier writes are handled)."""
        deadline = time.monotonic() + timeout
        for poller in self.pollers:
            with poller.cond:
                target = poller.empty_polls + 2  # one may be in progress already: wait for a full fresh one
                while poller.empty_polls < target and poller.thread.is_alive():
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return False
                    poller.cond.wait(remaining)
        return True

    def stop(self) -> None:
        for poller in self.pollers:
            poller.stop_event.set()
        for poller in self.pollers:
            if poller.thread.is_alive():
                poller.thread.join(5)

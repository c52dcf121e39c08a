"""The on-call humans' inbox, locally: every message published to the escalation topic, kept and shown.

In AWS the operator subscribes their on-call people (email, SMS, a paging tool) to the topic. Locally an SQS queue
stands in for them: `make dev` prints each notification in the console, and tests read them.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any, Callable

log = logging.getLogger("inetta.local.oncall")

ESCALATION_OUTPUT = "EscalationTopicArn"


class OnCallInbox:
    def __init__(self, client: Callable[[str], Any], topic_arn: str, announce: bool):
        self._sqs = client("sqs")
        self._sns = client("sns")
        self._topic_arn = topic_arn
        self._announce = announce
        self._lock = threading.Lock()
        self._received: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._queue_url = ""

    def start(self) -> "OnCallInbox":
        self._queue_url = self._sqs.create_queue(QueueName="inetta-local-on-call")["QueueUrl"]
        queue_arn = self._sqs.get_queue_attributes(QueueUrl=self._queue_url, AttributeNames=["QueueArn"])[
            "Attributes"]["QueueArn"]
        self._sns.subscribe(TopicArn=self._topic_arn, Protocol="sqs", Endpoint=queue_arn,
                            Attributes={"RawMessageDelivery": "false"})
        if self._announce:
            self._thread = threading.Thread(target=self._watch, name="on-call-inbox", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def notifications(self) -> list[dict[str, Any]]:
        """Everything published to the escalation topic so far: subject, message (parsed), attributes."""
        self._collect(wait_seconds=0)
        with self._lock:
            return list(self._received)

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                for note in self._collect(wait_seconds=1):
                    log.warning("ON-CALL NOTIFICATION  %s\n%s", note["subject"], json.dumps(note["message"], indent=2))
            except Exception:  # noqa: BLE001 - the console must not die with the inbox
                if not self._stop.is_set():
                    log.exception("on-call inbox poll failed")
                self._stop.wait(1)

    def _collect(self, wait_seconds: int) -> list[dict[str, Any]]:
        with self._lock:
            new = []
            while True:
                response = self._sqs.receive_message(QueueUrl=self._queue_url, MaxNumberOfMessages=10,
                                                     WaitTimeSeconds=wait_seconds)
                messages = response.get("Messages", [])
                if not messages:
                    break
                for message in messages:
                    envelope = json.loads(message["Body"])
                    try:
                        body = json.loads(envelope.get("Message", ""))
                    except ValueError:
                        body = envelope.get("Message")
                    new.append({"subject": envelope.get("Subject"), "message": body,
                                "attributes": {k: v.get("Value") for k, v in
                                               (envelope.get("MessageAttributes") or {}).items()}})
                    self._sqs.delete_message(QueueUrl=self._queue_url, ReceiptHandle=message["ReceiptHandle"])
                wait_seconds = 0
            self._received.extend(new)
            return new

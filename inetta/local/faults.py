"""Fault switches for the local stack: make DynamoDB throttle, or a Lambda invocation fail, on purpose.

Local-only and off unless armed: nothing here runs in AWS. The hardening tests (tests/hardening) arm a fault,
exercise the product over HTTP and assert what a member would notice. Faults live in the process that runs the
moto server and the local Lambda runtime (the child of `RemoteLocalStack`, which forwards `arm_fault`,
`fault_hits` and `clear_faults` to this module).

    arm("dynamodb", "TransactWriteItems", count=3, caller="ChatFunction")      # the next 3 fail
    arm("dynamodb", "Query", count=1, skip=1, error="ThrottlingException")      # the 2nd fails, once
    arm("lambda", "MediationFunction", count=9, match='"step": "synthesise"', error="Runtime.ExitError")

- `dynamodb`: `target` is the API operation (`TransactWriteItems`, `Query`, `GetItem`, ...; `*` for any). The
  request is answered as DynamoDB answers a throttled one (HTTP 400, `__type` ...#<error>), so the SDK's own
  retries and the product's handling see exactly what they would see in AWS. `caller` restricts it to requests
  from one function (its logical id prefix: every local worker's SDK sends `app/<logical id>` in its User-Agent,
  see runtime.py); `match` to requests whose body contains that text, or all of a list of texts (a member's id...).
- `lambda`: `target` is a function's logical id prefix; the invocation fails before any handler runs, with the
  given `errorType` (`Lambda.ServiceException`, `Runtime.ExitError`, ...), as the Lambda service reports it: a
  Step Functions task sees it and its Retry / Catch decide. `match` filters on the event's JSON text.

`skip` lets that many matching calls through first; then `count` of them fail. Each armed fault counts its
`hits`; `clear()` disarms everything.
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
from dataclasses import asdict, dataclass
from typing import Any

log = logging.getLogger("inetta.local.faults")

THROTTLING_ERRORS = {
    # error code -> (HTTP status, the __type namespace DynamoDB uses for it)
    "ProvisionedThroughputExceededException": (400, "com.amazonaws.dynamodb.v20120810"),
    "ThrottlingException": (400, "com.amazon.coral.availability"),
    "RequestLimitExceeded": (400, "com.amazonaws.dynamodb.v20120810"),
    "InternalServerError": (500, "com.amazonaws.dynamodb.v20120810"),
}
SERVICES = ("dynamodb", "lambda")


@dataclass
class Fault:
    id: int
    service: str
    target: str
    error: str
    count: int
    skip: int = 0
    caller: str | None = None
    match: str | list[str] | None = None  # every one of these texts must be in the request
    seen: int = 0
    hits: int = 0


_lock = threading.Lock()
_faults: list[Fault] = []
_ids = itertools.count(1)
_installed = False


def arm(service: str, target: str, count: int = 1, *, error: str | None = None, skip: int = 0,
        caller: str | None = None, match: str | list[str] | None = None) -> int:
    """Arm a fault; returns its id (for `hits`)."""
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r} (one of {', '.join(SERVICES)})")
    if service == "dynamodb":
        error = error or "ProvisionedThroughputExceededException"
        if error not in THROTTLING_ERRORS:
            raise ValueError(f"unknown DynamoDB error {error!r} (one of {', '.join(THROTTLING_ERRORS)})")
    else:
        error = error or "Lambda.ServiceException"
    if count < 1 or skip < 0:
        raise ValueError("count must be at least 1 and skip at least 0")
    install()
    with _lock:
        fault = Fault(next(_ids), service, target, error, count, skip, caller, match)
        _faults.append(fault)
    log.info("fault armed: %s", fault)
    return fault.id


def hits(fault_id: int | None = None) -> int | dict[int, int]:
    """How many calls a fault has failed (all faults: {id: hits})."""
    with _lock:
        if fault_id is None:
            return {fault.id: fault.hits for fault in _faults}
        return next((fault.hits for fault in _faults if fault.id == fault_id), 0)


def faults() -> list[dict[str, Any]]:
    with _lock:
        return [asdict(fault) for fault in _faults]


def clear() -> None:
    with _lock:
        _faults.clear()


def _take(service: str, target: str, caller_text: str, body_text: str) -> Fault | None:
    """The armed fault this call trips, if any (and count it)."""
    with _lock:
        for fault in _faults:
            if fault.service != service or fault.hits >= fault.count:
                continue
            if fault.target not in ("*", target) and not (service == "lambda" and target.startswith(fault.target)):
                continue
            if fault.caller and f"app/{fault.caller}" not in caller_text:
                continue
            if fault.match and not all(text in body_text for text in _texts(fault.match)):
                continue
            fault.seen += 1
            if fault.seen <= fault.skip:
                continue
            fault.hits += 1
            return fault
    return None


# --- DynamoDB: in the moto server --------------------------------------------------------------------------------


def install() -> None:
    """Wrap moto's DynamoDB request handler (idempotent; a no-op while no fault is armed)."""
    global _installed
    with _lock:
        if _installed:
            return
        from moto.dynamodb.responses import DynamoHandler

        original = DynamoHandler.call_action

        def call_action(self):
            if _faults:
                fault = _take("dynamodb", self._get_action(), str(self.headers.get("User-Agent", "")),
                              _text(getattr(self, "body", b"")))
                if fault is not None:
                    status, namespace = THROTTLING_ERRORS[fault.error]
                    log.info("fault %s: DynamoDB %s answers %s", fault.id, fault.target, fault.error)
                    body = {"__type": f"{namespace}#{fault.error}",
                            "message": f"Injected fault {fault.id}: the request rate is too high (local stack)"}
                    return status, {"Content-Type": "application/x-amz-json-1.0"}, json.dumps(body)
            return original(self)

        DynamoHandler.call_action = call_action
        _installed = True


def _texts(match: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return (match,) if isinstance(match, str) else tuple(match)


def _text(body: Any) -> str:
    if isinstance(body, (bytes, bytearray)):
        return body.decode(errors="replace")
    return body if isinstance(body, str) else json.dumps(body, default=str)


# --- Lambda: in the local runtime ---------------------------------------------------------------------------------


def lambda_fault(logical_id: str, payload: bytes) -> dict[str, str] | None:
    """The error an invocation of this function should fail with now, if a fault says so (runtime.py asks)."""
    if not _faults:
        return None
    try:  # matched on the event's canonical JSON text (`"step": "open"`, whatever spacing the caller used)
        text = json.dumps(json.loads(payload), sort_keys=True) if payload else ""
    except ValueError:
        text = _text(payload)
    fault = _take("lambda", logical_id, "", text)
    if fault is None:
        return None
    log.info("fault %s: %s fails with %s", fault.id, logical_id, fault.error)
    return {"errorType": fault.error, "errorMessage": f"Injected fault {fault.id} (local stack)"}

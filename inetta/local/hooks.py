"""Where moto would run a Lambda function, run ours instead.

moto's Docker-free Lambda backend answers every invoke with a canned string. These patches (installed in this
process, which is also the moto server's) send each invocation to the local runtime instead:

- `LambdaSimpleBackend.invoke`: the Lambda API (boto3 `invoke`, Step Functions Lambda tasks, EventBridge's
  internal calls). Errors come back as AWS does: header `x-amz-function-error: Unhandled` and a body
  `{"errorType", "errorMessage"}`, so Step Functions' Retry/Catch match on `errorType`.
- `LambdaFunction.invoke`: what moto's other services call directly (S3 notifications, CloudWatch Logs
  subscriptions); in AWS these are asynchronous, so they run in a thread.
- SNS `Subscription.publish` for `lambda` subscriptions: a real SNS event (moto's has placeholder values).
- EventBridge `Rule.send_to_targets`: moto raises `NotImplementedError` for Lambda and Step Functions targets and
  doesn't skip schedule-only or disabled rules; we dispatch those targets and leave the others to moto.

It also installs `inetta.local.dynamodb`: moto's DynamoDB serialised and its cancelled transactions rolled back
without replacing the table (which cut every stream reader off).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import threading
import uuid
from typing import Any, Protocol

log = logging.getLogger("inetta.local.hooks")


class Dispatcher(Protocol):
    def invoke(self, function: str, payload: Any = b"", *, source: str = ..., qualifier: str | None = ...) -> Any: ...

    def invoke_async(self, function: str, payload: Any = b"", *, source: str = ...) -> Any: ...


_lock = threading.Lock()
_dispatcher: Dispatcher | None = None
_originals: dict[tuple[type, str], Any] = {}


def set_dispatcher(dispatcher: Dispatcher | None) -> None:
    global _dispatcher
    _dispatcher = dispatcher


def _require_dispatcher() -> Dispatcher:
    if _dispatcher is None:
        raise RuntimeError("the local Lambda runtime is not running")
    return _dispatcher


def _header(headers: Any, name: str) -> str | None:
    if not headers:
        return None
    for key, value in dict(headers).items():
        if key.lower() == name.lower():
            return value
    return None


# --- the Lambda API ---------------------------------------------------------------------------------------------


def _simple_backend_invoke(backend, function_name, qualifier, body, headers, response_headers):
    fn = backend.get_function(function_name, qualifier)  # unknown function: moto's own 404
    invocation_type = _header(headers, "X-Amz-Invocation-Type") or "RequestResponse"
    dispatcher = _require_dispatcher()
    if invocation_type == "DryRun":
        return b""
    if invocation_type == "Event":
        dispatcher.invoke_async(fn.function_arn, body or b"", source="lambda-api:event")
        return b""
    result = dispatcher.invoke(fn.function_arn, body or b"", source="lambda-api", qualifier=qualifier)
    if result.error is not None:
        response_headers["x-amz-function-error"] = "Unhandled"
    response_headers["Content-Length"] = str(len(result.payload))
    return result.payload


def _function_invoke(fn, body, request_headers, response_headers):
    _require_dispatcher().invoke_async(fn.function_arn, body or b"", source="moto-service")
    return b""


# --- SNS --------------------------------------------------------------------------------------------------------


def _sns_subscription_publish(original):
    def publish(subscription, message, message_id, subject=None, message_attributes=None, *args, **kwargs):
        if subscription.protocol != "lambda":
            return original(subscription, message, message_id, subject, message_attributes, *args, **kwargs)
        matcher = subscription._filter_policy_matcher
        if matcher is not None and not matcher.matches(message_attributes, message):
            return None
        if kwargs.get("message_structure") == "json":
            message = subscription._parse_message_structure(message, "lambda")
        event = {
            "Records": [
                {
                    "EventSource": "aws:sns",
                    "EventVersion": "1.0",
                    "EventSubscriptionArn": subscription.arn,
                    "Sns": {
                        "Type": "Notification",
                        "MessageId": message_id,
                        "TopicArn": subscription.topic.arn,
                        "Subject": subject,
                        "Message": message,
                        "Timestamp": _iso_now(),
                        "SignatureVersion": "1",
                        "Signature": "local",
                        "SigningCertUrl": "",
                        "UnsubscribeUrl": "",
                        "MessageAttributes": {
                            name: {"Type": attr.get("Type"), "Value": attr.get("Value")}
                            for name, attr in (message_attributes or {}).items()
                        },
                    },
                }
            ]
        }
        _require_dispatcher().invoke_async(subscription.endpoint, event, source="sns")
        return None

    return publish


# --- EventBridge ------------------------------------------------------------------------------------------------


def target_input(target: dict[str, Any], event: dict[str, Any]) -> Any:
    """What EventBridge delivers to a target: `Input` (constant JSON), `InputPath`, `InputTransformer`, or the event."""
    if target.get("Input") is not None:
        return json.loads(target["Input"])
    if target.get("InputPath"):
        return json_path(event, target["InputPath"])
    transformer = target.get("InputTransformer")
    if transformer:
        from moto.events.models import EventTemplateParser

        return EventTemplateParser.parse(
            input_template=transformer.get("InputTemplate"),
            input_paths_map=transformer.get("InputPathsMap", {}),
            event=event,
        )
    return event


def json_path(document: Any, path: str) -> Any:
    """The simple JSONPath EventBridge supports in InputPath: `$`, `$.a.b`."""
    value = document
    for part in [p for p in path.lstrip("$").split(".") if p]:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _rule_send_to_targets(original):
    def send_to_targets(rule, original_event, transform_input=True):
        # A rule without an event pattern is a schedule: put_events never matches it. Nor a disabled rule.
        if rule.state != "ENABLED" or not rule.event_pattern._raw_pattern:
            return None
        if not rule.event_pattern.matches_event(original_event):
            return None
        ours = [t for t in rule.targets if t["Arn"].split(":")[2] in ("lambda", "states")]
        others = [t for t in rule.targets if t not in ours]
        if ours:
            event = dict(original_event)
            if isinstance(event.get("time"), (int, float)):
                event["time"] = dt.datetime.fromtimestamp(event["time"], dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            event.pop("ingestion-time", None)
            for target in ours:
                deliver_event_to_target(target, target_input(target, event), rule.account_id, rule.region_name,
                                        source=f"events:{rule.name}")
        if others:
            shallow = copy.copy(rule)
            shallow.targets = others
            return original(shallow, original_event, transform_input)
        return None

    return send_to_targets


def deliver_event_to_target(target: dict[str, Any], payload: Any, account_id: str, region: str, source: str) -> None:
    """Asynchronous delivery, as EventBridge does: Lambda in a thread; Step Functions starts an execution."""
    arn = target["Arn"]
    service = arn.split(":")[2]
    if service == "lambda":
        _require_dispatcher().invoke_async(arn, payload, source=source)
    elif service == "states":
        from moto.stepfunctions.responses import get_backend

        get_backend(account_id, region).start_execution(
            state_machine_arn=arn, name=str(uuid.uuid4()), execution_input=json.dumps(payload)
        )
    else:
        log.warning("%s: target %s is not delivered locally", source, arn)


def _iso_now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


# --- installing -------------------------------------------------------------------------------------------------


def _patch(cls: type, name: str, replacement: Any) -> None:
    key = (cls, name)
    if key not in _originals:
        _originals[key] = cls.__dict__[name]
    setattr(cls, name, replacement)


def install(dispatcher: Dispatcher | None = None) -> None:
    from moto.awslambda.models import LambdaFunction
    from moto.awslambda_simple.models import LambdaSimpleBackend
    from moto.events.models import Rule
    from moto.sns.models import Subscription

    from inetta.local import dynamodb

    with _lock:
        set_dispatcher(dispatcher)
        if _originals:
            return
        dynamodb.install()
        _patch(LambdaSimpleBackend, "invoke", _simple_backend_invoke)
        _patch(LambdaFunction, "invoke", _function_invoke)
        _patch(Subscription, "publish", _sns_subscription_publish(Subscription.publish))
        _patch(Rule, "send_to_targets", _rule_send_to_targets(Rule.send_to_targets))


def uninstall() -> None:
    from inetta.local import dynamodb

    with _lock:
        set_dispatcher(None)
        dynamodb.uninstall()
        for (cls, name), original in _originals.items():
            setattr(cls, name, original)
        _originals.clear()

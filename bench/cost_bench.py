"""What one active member costs per month, from measured chat turns and dated list prices (bench/prices.json).

Measured here, per chat turn (the real chat handler, in process, against moto and a loopback OpenAI-compatible
server): LLM tokens in and out (as the server counts them: about four characters a token), handler duration,
DynamoDB request units (from the sizes of the items each request reads and writes, by DynamoDB's rounding rules),
API requests. Assumed, and printed as assumptions: the WebSocket frames of a streamed reply and connected time,
the language model's latency (the function waits for it, and
waiting is billed), log volume, one check-in a day and one mediation a month.

Run: .venv/bin/python bench/cost_bench.py. Prints figures; asserts nothing. Goal (issue 9): ≤ $0.25 per active
member-month at 10 turns a day.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRICES = json.loads((ROOT / "bench" / "prices.json").read_text())
TURNS_MEASURED = 40
TURNS_PER_DAY = 10
DAYS = 30
LAMBDA_MEMORY_GB = 512 / 1024  # the chat function's memory (infra/functions.py default)
ASSUMED_LLM_LATENCY_S = 2.5  # a small model's reply; billed as Lambda duration while the function waits
ASSUMED_LOG_BYTES_PER_INVOCATION = 2_000
CHECKINS_PER_MONTH = 30  # one a day, each about one turn's worth of work
MEDIATION_TRANSITIONS_PER_MONTH = 40  # one mediation a month
# Context building after each turn (asynchronous): one insight-extraction call to the model per turn, about as
# large as a reply's prompt, with a short structured answer — an upper bound until it is measured here too.
EXTRACTION_TOKENS_OUT = 150
# Real-time push (the WebSocket API): a streamed reply is sent in frames gathered for at most FLUSH_SECONDS
# (shared.push.sender), so while the model writes there is at most one frame per FLUSH_SECONDS, then the stored reply;
# check-ins push one frame. Connected time is an assumption: the app open half an hour a day.
ASSUMED_CONNECTED_MINUTES_PER_DAY = 30

MESSAGES = [
    "My wife has been distant since the baby and I feel lonely",
    "We fought about the dishes again and I said things I regret",
    "My teenager slammed the door when I asked about homework",
    "I try to give him space but then I feel ignored",
    "How do I support my partner who seems depressed?",
]


def _item_bytes(item: dict) -> int:
    # DynamoDB counts attribute names and values; the JSON of the wire form is a close, slightly high estimate.
    return len(json.dumps(item, separators=(",", ":")))


class CapacityMeter:
    """Request units of every DynamoDB call a client makes, by DynamoDB's rounding rules."""

    def __init__(self) -> None:
        self.read_units = 0.0
        self.write_units = 0.0
        self.requests = 0
        self._pending: list[tuple[str, dict]] = []

    def attach(self, client) -> None:
        client.meta.events.register("before-parameter-build.dynamodb", self._before)
        client.meta.events.register("after-call.dynamodb", self._after)

    def _before(self, model, params, **_):
        self._pending.append((model.name, params))

    def _after(self, model, parsed, **_):
        name, params = self._pending.pop(0)
        self.requests += 1
        if name in ("PutItem", "UpdateItem", "DeleteItem"):
            self.write_units += math.ceil(_item_bytes(params.get("Item") or params.get("Key") or {}) / 1024) or 1
        elif name == "TransactWriteItems":
            for action in params["TransactItems"]:
                body = next(iter(action.values()))
                size = _item_bytes(body.get("Item") or body.get("Key") or {})
                # Transactions cost twice; a condition check costs a read-sized write unit too.
                self.write_units += 2 * max(1, math.ceil(size / 1024))
        elif name in ("GetItem", "Query", "BatchGetItem"):
            items = parsed.get("Items") or ([parsed["Item"]] if parsed.get("Item") else [])
            size = sum(_item_bytes(item) for item in items)
            units = max(1, math.ceil(size / 4096))
            self.read_units += units if params.get("ConsistentRead") else units / 2


def measure_turns() -> dict:
    os.environ.update(
        AWS_DEFAULT_REGION="us-east-1", AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
        TABLE_NAME="inetta-bench", POWERTOOLS_SERVICE_NAME="chat", POWERTOOLS_METRICS_NAMESPACE="Inetta",
        POWERTOOLS_TRACE_DISABLED="true", POWERTOOLS_LOG_LEVEL="ERROR", LLM_MODEL=PRICES["llm"]["model"],
        LLM_API_KEY="bench", LLM_TIMEOUT_SECONDS="10", LLM_MAX_RETRIES="0",
    )
    import boto3
    from moto import mock_aws

    from tests.support.fake_llm import FakeLLM
    from tests.support.tables import create_table

    with FakeLLM(reply_text="That sounds hard. " * 40) as llm, mock_aws():
        os.environ["LLM_BASE_URL"] = llm.base_url
        create_table(boto3.client("dynamodb", region_name="us-east-1"), "inetta-bench")
        from services.chat import handler
        from shared.store.table import dynamodb_client

        meter = CapacityMeter()
        meter.attach(dynamodb_client())
        context = type("Context", (), {"function_name": "chat", "memory_limit_in_mb": 512, "aws_request_id": "bench",
                                       "invoked_function_arn": "arn:aws:lambda:us-east-1:123456789012:function:chat"})()

        def call(method: str, path: str, route: str, body: dict | None = None, path_params: dict | None = None):
            event = {
                "version": "2.0", "routeKey": f"{method} {route}", "rawPath": path, "rawQueryString": "",
                "headers": {"content-type": "application/json", "idempotency-key": uuid.uuid4().hex},
                "pathParameters": path_params, "isBase64Encoded": False,
                "body": json.dumps(body) if body is not None else None,
                "requestContext": {"http": {"method": method, "path": path, "sourceIp": "127.0.0.1", "userAgent": "bench"},
                                   "stage": "$default", "requestId": uuid.uuid4().hex, "timeEpoch": 0,
                                   "authorizer": {"jwt": {"claims": {"sub": "bench-member"}, "scopes": None}}},
            }
            return handler.lambda_handler(event, context)

        thread_id = json.loads(call("GET", "/threads", "/threads")["body"])["threads"][0]["id"]
        call("POST", f"/threads/{thread_id}/messages", "/threads/{thread_id}/messages",
             {"text": "warm up"}, {"thread_id": thread_id})  # the first turn pays the imports
        llm.requests.clear()
        units_before = (meter.read_units, meter.write_units, meter.requests)
        durations = []
        for n in range(TURNS_MEASURED):
            began = time.perf_counter()
            response = call("POST", f"/threads/{thread_id}/messages", "/threads/{thread_id}/messages",
                            {"text": MESSAGES[n % len(MESSAGES)]}, {"thread_id": thread_id})
            durations.append(time.perf_counter() - began)
            assert response["statusCode"] == 201, response
        prompt_chars = [sum(len(m.get("content", "")) for m in r["messages"]) for r in llm.requests]
        return {
            "tokens_in": statistics.mean(c // 4 for c in prompt_chars),
            "tokens_out": len(llm.reply_text) // 4,
            "duration_s": statistics.median(durations),
            "read_units": (meter.read_units - units_before[0]) / TURNS_MEASURED,
            "write_units": (meter.write_units - units_before[1]) / TURNS_MEASURED,
            "dynamodb_requests": (meter.requests - units_before[2]) / TURNS_MEASURED,
        }


def monthly_cost(turn: dict) -> list[tuple[str, float]]:
    p = PRICES
    turns = TURNS_PER_DAY * DAYS
    work = turns + CHECKINS_PER_MONTH
    billed_seconds = turn["duration_s"] + ASSUMED_LLM_LATENCY_S
    return [
        ("LLM, replies", work * (turn["tokens_in"] * p["llm"]["input_per_million_tokens"]
                               + turn["tokens_out"] * p["llm"]["output_per_million_tokens"]) / 1e6),
        ("LLM, context build", turns * (turn["tokens_in"] * p["llm"]["input_per_million_tokens"]
                                        + EXTRACTION_TOKENS_OUT * p["llm"]["output_per_million_tokens"]) / 1e6),
        ("Lambda duration", 2 * work * billed_seconds * LAMBDA_MEMORY_GB * p["lambda_arm64"]["per_gb_second"]),
        ("Lambda requests", 2 * work * p["lambda_arm64"]["per_million_requests"] / 1e6),
        ("DynamoDB", work * (turn["write_units"] * p["dynamodb_on_demand"]["per_million_write_request_units"]
                             + turn["read_units"] * p["dynamodb_on_demand"]["per_million_read_request_units"]) / 1e6),
        ("API Gateway", turns * 2 * p["api_gateway_http"]["per_million_requests"] / 1e6),  # a send and a history read
        ("Step Functions", MEDIATION_TRANSITIONS_PER_MONTH * p["step_functions_standard"]["per_thousand_state_transitions"] / 1e3),
        ("Cognito (Plus)", p["cognito_plus"]["per_monthly_active_user"]),
        ("CloudWatch Logs", work * ASSUMED_LOG_BYTES_PER_INVOCATION / 1e9 * p["cloudwatch_logs"]["per_gb_ingested"]),
        ("X-Ray", work * p["xray"]["per_million_traces_recorded"] / 1e6),
        ("EventBridge", CHECKINS_PER_MONTH * p["eventbridge"]["per_million_custom_events"] / 1e6),
        ("WebSocket push", (turns * push_frames_per_reply() + CHECKINS_PER_MONTH)
         * p["api_gateway_websocket"]["per_million_messages"] / 1e6
         + ASSUMED_CONNECTED_MINUTES_PER_DAY * DAYS * p["api_gateway_websocket"]["per_million_connection_minutes"] / 1e6),
    ]


def push_frames_per_reply() -> float:
    from shared.push.sender import FLUSH_SECONDS

    return math.ceil(ASSUMED_LLM_LATENCY_S / FLUSH_SECONDS) + 1  # the pieces while the model writes, then done


if __name__ == "__main__":
    turn = measure_turns()
    print(f"prices as of {PRICES['as_of']} ({PRICES['region']}), model {PRICES['llm']['model']}")
    print(f"per chat turn, measured over {TURNS_MEASURED} turns:")
    print(f"  LLM tokens in ≈ {turn['tokens_in']:.0f}, out ≈ {turn['tokens_out']:.0f}")
    print(f"  handler time {turn['duration_s'] * 1000:.0f} ms (this machine, LLM on loopback) "
          f"+ assumed LLM latency {ASSUMED_LLM_LATENCY_S:.1f} s, at {LAMBDA_MEMORY_GB * 1024:.0f} MB")
    print(f"  DynamoDB: {turn['dynamodb_requests']:.1f} requests, {turn['read_units']:.1f} read units, "
          f"{turn['write_units']:.1f} write units")
    print(f"  WebSocket frames per streamed reply ≤ {push_frames_per_reply():.0f} (assumed connected "
          f"{ASSUMED_CONNECTED_MINUTES_PER_DAY} min a day)")
    lines = monthly_cost(turn)
    total = sum(cost for _, cost in lines)
    print(f"per active member-month ({TURNS_PER_DAY} turns a day, {CHECKINS_PER_MONTH} check-ins, one mediation; "
          "each turn and check-in followed by one context-building invocation):")
    for name, cost in lines:
        print(f"  {name:<18} ${cost:.4f}")
    print(f"  {'total':<18} ${total:.4f}   (goal ≤ $0.25)")

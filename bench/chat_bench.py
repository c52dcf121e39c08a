"""Chat handler figures: cold import time against boto3's, and DynamoDB requests per turn by history length.

Run: .venv/bin/python bench/chat_bench.py   (or `make bench`). Prints figures; asserts nothing.
Goals (issue 2): import ratio ≤ 1.5; the same number of requests for 10 and 1,000 messages, ≤ 4.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

IMPORT_RUNS = 7
HANDLER_ENV = {
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "TABLE_NAME": "inetta-bench",
    "POWERTOOLS_SERVICE_NAME": "chat",
    "POWERTOOLS_METRICS_NAMESPACE": "Inetta",
    "POWERTOOLS_TRACE_DISABLED": "true",
}


def cold_import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    env = {**os.environ, **HANDLER_ENV}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def import_figures() -> None:
    boto3_times, handler_times = [], []
    for _ in range(IMPORT_RUNS):  # interleaved, so machine noise hits both alike
        boto3_times.append(cold_import_seconds("boto3"))
        handler_times.append(cold_import_seconds("services.chat.handler"))
    boto3_median, handler_median = statistics.median(boto3_times), statistics.median(handler_times)
    print(f"cold import, median of {IMPORT_RUNS}: boto3 {boto3_median * 1000:.0f} ms, "
          f"chat handler {handler_median * 1000:.0f} ms")
    print(f"cold import ratio (chat handler / boto3): {handler_median / boto3_median:.2f}   (goal ≤ 1.5)")
    # Not in the figure above: in AWS the X-Ray SDK loads on the first traced call (shared/observability.py).
    xray = statistics.median(cold_import_seconds("aws_xray_sdk.core") for _ in range(3))
    print(f"X-Ray SDK load, paid on the first traced invocation in AWS: {xray * 1000:.0f} ms")


def requests_per_turn(history: int) -> int:
    import boto3

    from services.chat.turn import ChatService
    from shared.llm.gateway import CoachGateway
    from shared.store.threads import ThreadStore
    from tests.support.tables import create_table

    client = boto3.client("dynamodb", region_name="us-east-1")
    table = create_table(client, f"inetta-bench-{history}")
    store = ThreadStore(table, client=client)
    chat = ChatService(store=store, coach=CoachGateway(primary=None))
    thread = store.ensure_private_thread("bench-member")
    _write_history(client, table, thread.id, history)

    calls: list[str] = []
    client.meta.events.register("before-call.dynamodb", lambda model, **_: calls.append(model.name))
    chat.take_turn("bench-member", thread.id, "One more message about our week", "measured")
    print(f"  history {history:>5} messages: {len(calls)} DynamoDB requests ({', '.join(calls)})")
    return len(calls)


def _write_history(client, table: str, thread_id: str, count: int) -> None:
    """Earlier messages, written in bulk (a real turn per message would only make the bench slow)."""
    from shared.store.table import to_item

    items = [
        to_item(
            {
                "pk": f"THREAD#{thread_id}",
                "sk": f"MSG#2026-01-01T00:{n // 60:02d}:{n % 60:02d}.000000Z#{n:06d}",
                "owner": "bench-member",
                "id": f"{n:06d}",
                "thread_id": thread_id,
                "author": "member" if n % 2 == 0 else "coach",
                "text": f"earlier message number {n}",
                "created_at": f"2026-01-01T00:{n // 60:02d}:{n % 60:02d}.000000Z",
            }
        )
        for n in range(count)
    ]
    for start in range(0, len(items), 25):
        batch = [{"PutRequest": {"Item": item}} for item in items[start : start + 25]]
        client.batch_write_item(RequestItems={table: batch})


def request_figures() -> None:
    from moto import mock_aws

    os.environ.update(HANDLER_ENV)
    with mock_aws():
        print("DynamoDB requests per chat turn:")
        short, long = requests_per_turn(10), requests_per_turn(1000)
    print(f"requests per turn, 1,000 vs 10 messages of history: {long} vs {short}   (goal: equal, ≤ 4)")


if __name__ == "__main__":
    import_figures()
    request_figures()

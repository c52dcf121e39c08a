"""Context figures: prompt tokens per chat turn as a thread grows, and DynamoDB requests per turn.

Run: .venv/bin/python bench/context_bench.py   (or `make bench`). Prints figures; asserts nothing (the same
measurement is asserted in tests/unit/test_context_budget.py).
Goal (issue 4): prompt tokens for a 1,000-message thread ÷ a 10-message thread ≤ 1.2.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENV = {
    "AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
    "POWERTOOLS_SERVICE_NAME": "chat", "POWERTOOLS_METRICS_NAMESPACE": "Inetta", "POWERTOOLS_TRACE_DISABLED": "true",
}

SENTENCES = (
    "We had another fight about the dishes and I feel unheard.",
    "He pulls away whenever I try to talk, and I keep texting him for reassurance.",
    "Work has been so stressful this month that I snap at everyone at home.",
    "I want to feel close again, like we did before the baby.",
    "Our teen slammed the door after we talked about curfew and her phone.",
    "My partner says I'm controlling about money, but I just worry about the bills.",
    "Yesterday was a good day: we walked the dog together and laughed.",
    "I need some space after work before I can talk about anything serious.",
)


def message_text(rng: random.Random) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 6)))


def write_history(client, table: str, member: str, thread_id: str, start: int, count: int, total: int) -> None:
    """Messages `start`..`start+count` of a `total`-message history. A message's text depends on its distance from
    the end, so every thread ends with the same recent turns: the figures compare history, not luck."""
    from shared.store.table import to_item

    items = []
    for n in range(start, start + count):
        at = f"2026-01-01T{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}.000000Z"
        items.append(to_item({
            "pk": f"THREAD#{thread_id}", "sk": f"MSG#{at}#{n:06d}", "owner": member, "id": f"{n:06d}",
            "thread_id": thread_id, "author": "member" if n % 2 == 0 else "coach", "text": message_text(random.Random(total - n)),
            "created_at": at,
        }))
    for i in range(0, len(items), 25):
        client.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": item}} for item in items[i:i + 25]]})


def measure(history: int) -> tuple[int, int]:
    """(prompt tokens, DynamoDB requests) of one turn after `history` messages, context built as it would be."""
    import boto3

    from shared.llm.prompt import prompt_tokens
    from tests.support.family import make_family
    from tests.support.tables import create_table

    client = boto3.client("dynamodb", region_name="us-east-1")
    table = create_table(client, f"inetta-context-bench-{history}")
    family = make_family(client, table, {"ana": ("partner", False), "ben": ("partner", False)}, kind="couple")
    family.share("ben", "summary", "ana")
    family.say("ben", "I need space when she pushes to talk; I feel criticised and we argue about money.", offline=True)
    member, thread = family.subs["ana"], family.thread("ana")
    written = 0
    while written < history:  # the context function runs after each member message; here, after each chunk
        chunk = min(20, history - written)
        write_history(client, table, member, thread, written, chunk, history)
        family.builder.build(member, thread)
        written += chunk
    chat = family.chat
    calls: list[str] = []
    client.meta.events.register("before-call.dynamodb", lambda model, **_: calls.append(model.name))
    chat.take_turn(member, thread, "I tried the pause idea but we still ended up arguing about the dishes.", "bench")
    if os.environ.get("BENCH_VERBOSE"):
        for message in family.coach.prompts[-1]:
            print(f"--- {message['role']} ({len(message['content']) // 4} tokens)\n{message['content']}")
    return prompt_tokens(family.coach.prompts[-1]), len(calls)


def main() -> None:
    from moto import mock_aws

    os.environ.update(ENV)
    with mock_aws():
        short_tokens, short_calls = measure(10)
        long_tokens, long_calls = measure(1000)
    print(f"prompt tokens per turn: 10-message thread {short_tokens}, 1,000-message thread {long_tokens}")
    print(f"prompt tokens ratio (1,000 ÷ 10): {long_tokens / short_tokens:.2f}   (goal ≤ 1.2)")
    print(f"DynamoDB requests per turn (with family insights): {short_calls} vs {long_calls}   (goal: equal, ≤ 5)")


if __name__ == "__main__":
    main()

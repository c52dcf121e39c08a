"""Many members at once against the local stack: throughput, handler time percentiles, errors.

Starts the local stack (the CDK template on moto, the functions in worker processes), signs up simulated members,
and has them chat concurrently while the check-in schedule ticks and some of them, paired as couples, go through
a mediation from start to agreement (the Step Functions workflow on moto's executor). Handler time is what the local Lambda runtime
measured per invocation (the offline coach answers, so no language model time is in it). Bounded in count and
time; loopback only. Prints figures; asserts nothing.

Run: .venv/bin/python bench/load_bench.py [members] [turns_per_member] [concurrency]
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEMBERS = int(sys.argv[1]) if len(sys.argv) > 1 else 12
TURNS_PER_MEMBER = int(sys.argv[2]) if len(sys.argv) > 2 else 8
CONCURRENCY = int(sys.argv[3]) if len(sys.argv) > 3 else 6
TICKS = 3
MEDIATIONS = max(1, MEMBERS // 4)  # couples, each running one mediation to agreement alongside the chat load
DEADLINE_SECONDS = 300
MESSAGES = [
    "We keep arguing about money",
    "My teen won't talk to me after I took her phone",
    "I feel like my partner pulls away whenever I need reassurance",
    "I snapped at my kids again after work",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main() -> None:
    import logging

    logging.basicConfig(level=logging.WARNING)
    from inetta.local.cognito import strong_password
    from inetta.local.stack import LocalStack

    with LocalStack(run_ticker=False) as stack:
        api = stack.api_url
        members = []
        for n in range(MEMBERS):
            tokens = stack.sign_up(f"load-{n}-{uuid.uuid4().hex[:6]}", strong_password(), f"load{n}@example.test")
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {tokens['access_token']}"
            thread_id = session.get(f"{api}/threads", timeout=30).json()["threads"][0]["id"]
            members.append((session, thread_id, tokens["sub"]))

        errors: list[str] = []
        latencies: list[float] = []
        lock = threading.Lock()
        deadline = time.monotonic() + DEADLINE_SECONDS

        def chat(job: int) -> None:
            if time.monotonic() > deadline:
                return
            session, thread_id, _ = members[job % MEMBERS]
            began = time.perf_counter()
            response = session.post(
                f"{api}/threads/{thread_id}/messages",
                json={"text": MESSAGES[job % len(MESSAGES)]},
                headers={"Idempotency-Key": uuid.uuid4().hex},
                timeout=60,
            )
            with lock:
                latencies.append(time.perf_counter() - began)
                if response.status_code != 201:
                    errors.append(f"{response.status_code} {response.text[:120]}")

        mediation_seconds: list[float] = []

        def mediate(couple: int) -> None:
            (ann, _, _), (ben, _, ben_sub) = members[2 * couple], members[2 * couple + 1]
            began = time.perf_counter()
            try:
                outcome = _mediation(api, ann, ben, ben_sub, deadline)
            except Exception as problem:  # noqa: BLE001 - a bench reports, it does not stop
                outcome = f"error: {problem}"
            with lock:
                if outcome == "agreed":
                    mediation_seconds.append(time.perf_counter() - began)
                else:
                    errors.append(f"mediation {couple}: {outcome}")

        jobs = MEMBERS * TURNS_PER_MEMBER
        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=CONCURRENCY + MEDIATIONS) as pool:
            futures = [pool.submit(mediate, couple) for couple in range(min(MEDIATIONS, MEMBERS // 2))]
            futures += [pool.submit(chat, job) for job in range(jobs)]
            for _ in range(TICKS):
                stack.tick()
            for future in futures:
                future.result()
        elapsed = time.perf_counter() - began
        stack.drain()

        print(f"{len(latencies)} chat turns by {MEMBERS} members, {CONCURRENCY} at a time, {TICKS} schedule ticks, "
              f"in {elapsed:.1f} s: {len(latencies) / elapsed:.1f} turns/s")
        print(f"client latency: p50 {percentile(latencies, .5) * 1000:.0f} ms, "
              f"p95 {percentile(latencies, .95) * 1000:.0f} ms, p99 {percentile(latencies, .99) * 1000:.0f} ms")
        by_function: dict[str, list[float]] = {}
        failed = 0
        for invocation in stack.invocations():
            by_function.setdefault(invocation.function, []).append(invocation.duration_ms)
            failed += invocation.error_type is not None
        if mediation_seconds:
            print(f"{len(mediation_seconds)} mediations from start to agreement, alongside: "
                  f"median {statistics.median(mediation_seconds):.1f} s each (the workflow's waits included)")
        print("handler time by function (local workers, no LLM):")
        for function, durations in sorted(by_function.items()):
            print(f"  {function:<36} n={len(durations):<5} p50 {statistics.median(durations):.0f} ms  "
                  f"p95 {percentile(durations, .95):.0f} ms  p99 {percentile(durations, .99):.0f} ms")
        print(f"errors: {len(errors)} HTTP, {failed} handler")
        for problem in errors[:5]:
            print(f"  {problem}")


def _mediation(api: str, ann: requests.Session, ben: requests.Session, ben_sub: str, deadline: float) -> str:
    """A couple's circle, then a mediation through opt-in, perspectives and acceptance; returns its final status."""

    def call(session, method, path, body=None, status=(200, 201)):
        response = session.request(method, f"{api}{path}", json=body, timeout=60)
        if response.status_code not in status:
            raise RuntimeError(f"{method} {path} -> {response.status_code} {response.text[:120]}")
        return response.json()

    def asked(session, path, action):
        while time.monotonic() < deadline:
            view = call(session, "GET", path)
            if (view.get("asked_of_me") or {}).get("action") == action:
                return
            if view["status"] != "active":
                raise RuntimeError(f"closed while waiting for {action}: {view.get('outcome')}")
            time.sleep(0.3)
        raise RuntimeError(f"timed out waiting for {action}")

    circle = call(ann, "POST", "/circles", {"kind": "couple", "name": "Us", "role": "partner"})
    invite = call(ann, "POST", f"/circles/{circle['id']}/invites", {"role": "partner"})
    call(ben, "POST", "/invites/accept", {"code": invite["code"]})
    mediation = call(ann, "POST", "/mediations", {"circle_id": circle["id"], "parties": [ben_sub],
                                                  "topic": "Weekend plans"})
    path = f"/mediations/{mediation['id']}"
    asked(ben, path, "opt_in")
    call(ben, "POST", f"{path}/participation", {"join": True})
    for session, feelings in ((ann, "I feel rushed"), (ben, "I feel left out")):
        asked(session, path, "perspective")
        call(session, "POST", f"{path}/perspective", {"feelings": feelings, "needs": "I need time together",
                                                      "requests": "Plan Saturday together"})
    for session in (ann, ben):
        asked(session, path, "respond")
        call(session, "POST", f"{path}/response", {"response": "accept"})
    while time.monotonic() < deadline:
        view = call(ann, "GET", path)
        if view["status"] != "active":
            return view["status"]
        time.sleep(0.3)
    return "still active at the deadline"


if __name__ == "__main__":
    main()

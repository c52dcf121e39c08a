"""Faults injected into the local stack (inetta.local.faults), and what a member notices.

DynamoDB throttles the chat function (the SDK's retries absorb a short burst; a longer one outlasts them), a Step
Functions task fails, the same client request and the same schedule tick arrive twice. Whatever happens: no
member's message is lost (it is stored and answered, or the API says so with a 503 and the retry answers it), nothing
is stored twice, and a crisis still gets the crisis protocol's reply with its resources.

The model failing (timeouts, 5xx, 429, garbage) is in test_llm_faults.py, beside tests/integration/test_chat_llm.py.
"""

from __future__ import annotations

import json
import threading
import time
import uuid

import pytest

from tests.integration.test_mediation import couple, join, start, view, wait_asked

pytestmark = [pytest.mark.hardening, pytest.mark.integration, pytest.mark.xdist_group("hardening")]

CHAT = "ChatFunction"
SDK_ATTEMPTS = 3  # the chat function's SDK tries each DynamoDB call this often here (botocore's default: 10)
CRISIS = "I can't go on, I'm going to kill myself tonight"


@pytest.fixture(scope="module")
def chat_sdk_retries(local_stack):
    """Botocore's default for DynamoDB is 10 attempts over ~25 s of backoff; 3 attempts keep a throttle window that
    outlasts them short. (The product's behaviour does not depend on the number.)"""
    with local_stack.function_env({"AWS_MAX_ATTEMPTS": str(SDK_ATTEMPTS)}, [CHAT]):
        yield


def thread_of(member) -> str:
    return member.get("/threads").json()["threads"][0]["id"]


def send(member, thread_id: str, text: str, key: str, **headers):
    return member.post(f"/threads/{thread_id}/messages", json={"text": text},
                       headers={"Idempotency-Key": key, **headers})


def history(member, thread_id: str) -> list[dict]:
    response = member.get(f"/threads/{thread_id}/messages", params={"limit": 50})
    assert response.status_code == 200, response.text
    return list(reversed(response.json()["messages"]))  # oldest first


def authors_and_texts(messages: list[dict]) -> list[tuple[str, str]]:
    return [(m["author"], m["text"]) for m in messages]


def throttle(local_stack, operation: str, member, count: int, skip: int = 0, match: str | None = None) -> int:
    return local_stack.arm_fault("dynamodb", operation, count=count, skip=skip, caller=CHAT,
                                 match=match or member.sub)


# --- DynamoDB throttles the chat turn ------------------------------------------------------------------------------


def test_a_short_throttle_is_absorbed_by_the_sdks_retries(local_stack, member, chat_sdk_retries):
    thread_id = thread_of(member)
    fault = throttle(local_stack, "TransactWriteItems", member, count=SDK_ATTEMPTS - 1)
    response = send(member, thread_id, "He never listens when I talk about work", uuid.uuid4().hex)
    assert response.status_code == 201, response.text
    assert local_stack.fault_hits(fault) == SDK_ATTEMPTS - 1
    assert [a for a, _ in authors_and_texts(history(member, thread_id))] == ["member", "coach"]


def test_a_throttled_message_write_is_refused_with_503_and_the_retry_stores_it_once(local_stack, member,
                                                                                   chat_sdk_retries):
    thread_id, key, text = thread_of(member), uuid.uuid4().hex, "We argued about the holidays again"
    throttle(local_stack, "TransactWriteItems", member, count=SDK_ATTEMPTS)
    refused = send(member, thread_id, text, key)
    assert refused.status_code == 503, refused.text
    assert refused.json()["error"] == "busy" and int(refused.headers["Retry-After"]) > 0
    assert history(member, thread_id) == []  # nothing half-written; the app still holds the text and retries

    retried = send(member, thread_id, text, key)
    assert retried.status_code == 201, retried.text
    assert authors_and_texts(history(member, thread_id)) == [("member", text), ("coach", retried.json()["reply"]["text"])]


def test_a_throttled_reply_write_keeps_the_message_and_the_retry_answers_it_once(local_stack, member,
                                                                                chat_sdk_retries):
    thread_id, key, text = thread_of(member), uuid.uuid4().hex, "I feel invisible at home lately"
    throttle(local_stack, "TransactWriteItems", member, count=SDK_ATTEMPTS, skip=1)  # the message's write passes
    refused = send(member, thread_id, text, key)
    assert refused.status_code == 503, refused.text
    assert refused.json()["error"] == "reply_not_saved" and "saved" in refused.json()["message"]
    assert authors_and_texts(history(member, thread_id)) == [("member", text)]  # stored: not lost

    retried = send(member, thread_id, text, key)  # at once: the failed attempt gave its turn up
    assert retried.status_code == 201, retried.text
    stored = history(member, thread_id)
    assert authors_and_texts(stored) == [("member", text), ("coach", retried.json()["reply"]["text"])]
    assert retried.json()["message"]["id"] == stored[0]["id"]
    again = send(member, thread_id, text, key)
    assert again.status_code == 200 and again.json()["reply"]["id"] == retried.json()["reply"]["id"]
    assert len(history(member, thread_id)) == 2


def test_a_throttled_context_read_keeps_the_message_and_the_retry_answers_at_once(local_stack, member,
                                                                                 chat_sdk_retries):
    thread_id, key, text = thread_of(member), uuid.uuid4().hex, "My sister keeps criticising my parenting"
    # The thread is read twice when its first read fails: after the screen (to read an answer to a screener's
    # question; best effort), then for the reply's context. Both are throttled here.
    throttle(local_stack, "Query", member, count=2 * SDK_ATTEMPTS, match=f"THREAD#{thread_id}")
    refused = send(member, thread_id, text, key)
    assert refused.status_code == 503, refused.text
    assert refused.json()["error"] == "reply_not_saved"
    assert authors_and_texts(history(member, thread_id)) == [("member", text)]

    retried = send(member, thread_id, text, key)
    assert retried.status_code == 201, retried.text  # not 409 "still being answered" for the next minute
    assert [a for a, _ in authors_and_texts(history(member, thread_id))] == ["member", "coach"]


def test_a_throttled_read_before_the_screen_s_answer_check_costs_the_member_nothing(local_stack, member,
                                                                                     chat_sdk_retries):
    thread_id = thread_of(member)
    fault = throttle(local_stack, "Query", member, count=SDK_ATTEMPTS, match=f"THREAD#{thread_id}")
    response = send(member, thread_id, "My sister keeps criticising my parenting", uuid.uuid4().hex)
    assert response.status_code == 201, response.text  # the reply's context read the thread again, and got it
    assert local_stack.fault_hits(fault) == SDK_ATTEMPTS
    assert [a for a, _ in authors_and_texts(history(member, thread_id))] == ["member", "coach"]


@pytest.mark.crisis
def test_a_crisis_during_a_throttle_still_gets_the_safe_reply_with_resources_and_one_incident(
        local_stack, member, chat_sdk_retries):
    thread_id, key = thread_of(member), uuid.uuid4().hex
    throttle(local_stack, "TransactWriteItems", member, count=SDK_ATTEMPTS, skip=1)
    refused = send(member, thread_id, CRISIS, key, **{"Accept-Language": "en-AU"})
    assert refused.status_code == 503 and refused.json()["error"] == "reply_not_saved", refused.text
    assert authors_and_texts(history(member, thread_id)) == [("member", CRISIS)]

    retried = send(member, thread_id, CRISIS, key, **{"Accept-Language": "en-AU"})
    assert retried.status_code == 201, retried.text
    reply = retried.json()["reply"]
    assert reply["source"] == "safety" and "13 11 14" in reply["text"] and "000" in reply["text"]
    assert [a for a, _ in authors_and_texts(history(member, thread_id))] == ["member", "coach"]
    incidents = local_stack.client("dynamodb").query(
        TableName=local_stack.outputs["TableName"], KeyConditionExpression="pk = :pk AND begins_with(sk, :incident)",
        ExpressionAttributeValues={":pk": {"S": f"MEMBER#{member.sub}"}, ":incident": {"S": "INCIDENT#"}},
        ConsistentRead=True)["Items"]
    assert len(incidents) == 1


def test_a_throttled_read_is_a_503_to_retry_never_a_500(local_stack, member, chat_sdk_retries):
    thread_id = thread_of(member)
    throttle(local_stack, "GetItem", member, count=SDK_ATTEMPTS, match=f"THREAD#{thread_id}")
    busy = member.get(f"/threads/{thread_id}/messages")
    assert busy.status_code == 503, busy.text
    assert busy.json()["error"] == "busy" and busy.headers["Retry-After"]
    assert member.get(f"/threads/{thread_id}/messages").status_code == 200


# --- the same request twice ----------------------------------------------------------------------------------------


def test_the_same_request_sent_twice_at_once_is_stored_and_answered_once(member):
    thread_id, key, text = thread_of(member), uuid.uuid4().hex, "Are we going to be okay?"
    responses: list = []
    barrier = threading.Barrier(2)

    def post():
        barrier.wait()
        responses.append(send(member, thread_id, text, key))

    workers = [threading.Thread(target=post) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    statuses = sorted(r.status_code for r in responses)
    # One answers; the other is the same turn seen from outside: replayed (200) or still being answered (409).
    assert statuses in ([200, 201], [201, 409]), [r.text for r in responses]
    first = next(r for r in responses if r.status_code == 201).json()
    deadline = time.monotonic() + 10
    while (replay := send(member, thread_id, text, key)).status_code == 409 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert replay.status_code == 200 and replay.json()["reply"]["id"] == first["reply"]["id"]
    assert authors_and_texts(history(member, thread_id)) == [("member", text), ("coach", first["reply"]["text"])]


def test_the_same_schedule_tick_delivered_twice_at_once_gives_one_check_in(local_stack, member):
    saved = member.put("/me/checkins", json={"frequency": "daily", "time": "09:00", "time_zone": "UTC"})
    assert saved.status_code == 200, saved.text
    tick = json.dumps({"source": "inetta.schedule", "slot_minutes": 15, "at": saved.json()["next_check_in_at"]})
    function = local_stack.resource("CheckinsFunction")
    results: list = []
    barrier = threading.Barrier(2)

    def deliver():  # as EventBridge does, through the Lambda API
        barrier.wait()
        response = local_stack.client("lambda").invoke(FunctionName=function, Payload=tick)
        results.append((response.get("FunctionError"), json.loads(response["Payload"].read())))

    workers = [threading.Thread(target=deliver) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [error for error, _ in results] == [None, None], results
    # Every check-in due by then was delivered by one of the two, none by both. (Other tests' members may be due in
    # the same slot, so each delivery can find more than this member waiting.)
    delivered, waiting = sum(body["delivered"] for _, body in results), max(body["waiting"] for _, body in results)
    assert 1 <= delivered <= waiting, results
    check_ins = [m for m in history(member, thread_of(member)) if m.get("note") == "A check-in from your coach"]
    assert len(check_ins) == 1


def test_a_check_in_whose_delivery_is_throttled_arrives_once_with_the_next_tick(local_stack, member):
    saved = member.put("/me/checkins", json={"frequency": "daily", "time": "10:00", "time_zone": "UTC"})
    assert saved.status_code == 200, saved.text
    tick = {"source": "inetta.schedule", "slot_minutes": 15, "at": saved.json()["next_check_in_at"]}
    with local_stack.function_env({"AWS_MAX_ATTEMPTS": str(SDK_ATTEMPTS)}, ["CheckinsFunction"]):
        fault = local_stack.arm_fault("dynamodb", "TransactWriteItems", count=SDK_ATTEMPTS, caller="CheckinsFunction",
                                      match=member.sub)
        first = local_stack.invoke("CheckinsFunction", tick)
        assert first.ok and local_stack.fault_hits(fault) == SDK_ATTEMPTS, first.error  # the slot goes on without it
        assert [m for m in history(member, thread_of(member)) if m.get("note") == "A check-in from your coach"] == []
        again = local_stack.invoke("CheckinsFunction", tick)  # EventBridge delivers the tick again (or the next)
        assert again.ok and again.json()["delivered"] >= 1, again.error
        assert local_stack.invoke("CheckinsFunction", tick).ok  # and again: still one check-in for this member
    check_ins = [m for m in history(member, thread_of(member)) if m.get("note") == "A check-in from your coach"]
    assert len(check_ins) == 1


# --- a Step Functions task fails -------------------------------------------------------------------------------------


@pytest.mark.mediation
def test_a_mediation_task_the_lambda_service_throttles_is_retried_and_the_mediation_goes_on(local_stack, make_member):
    # (A task that keeps failing, and one our handler fails once: tests/integration/test_mediation_llm.py.)
    ann, ben, circle_id = couple(make_member)
    before = len(local_stack.invocations("MediationFunction"))
    # Armed before the start (the workflow's first step runs at once); this directory's tests run one at a time.
    throttled = local_stack.arm_fault("lambda", "MediationFunction", count=2, error="Lambda.TooManyRequestsException",
                                      match='"step": "open"')
    mediation_id = start(ann, circle_id, [ben], "Screen time")["id"]
    join(ben, mediation_id)  # waits until ben is asked: the workflow got past the throttled step
    wait_asked(ann, mediation_id, "perspective")
    assert local_stack.fault_hits(throttled) == 2
    opens = [run.error_type for run in local_stack.invocations("MediationFunction")[before:]
             if run.event.get("step") == "open" and run.event.get("mediation_id") == mediation_id]
    assert opens == ["Lambda.TooManyRequestsException", "Lambda.TooManyRequestsException", None]
    assert view(ann, mediation_id)["status"] == "active"

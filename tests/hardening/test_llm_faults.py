"""The model misbehaving, beyond tests/integration/test_chat_llm.py (timeout, 5xx and 429 for a plain message; a 5xx
for a crisis): garbage instead of a completion, a crisis while the model hangs past the client's timeout, and a
client retry after the model failed.
"""

from __future__ import annotations

import uuid

import pytest

from tests.integration.test_chat_llm import model, turn  # noqa: F401 - `model`: the chat function's loopback model

pytestmark = [pytest.mark.hardening, pytest.mark.integration, pytest.mark.xdist_group("hardening")]

CRISIS = "I can't go on, I'm going to kill myself tonight"


def test_garbage_from_the_model_is_never_shown_and_the_offline_coach_answers(member, model):  # noqa: F811
    model.mode = "garbage"
    response, messages = turn(member, "My husband and I barely talk anymore")
    assert response.status_code == 201, response.text
    reply = response.json()["reply"]
    assert reply["source"] == "offline" and "couldn't be reached" in reply["note"]
    assert "<html" not in reply["text"] and "definitely not json" not in reply["text"]
    assert [(m["author"], m["text"]) for m in reversed(messages)] == [
        ("member", "My husband and I barely talk anymore"), ("coach", reply["text"])]


@pytest.mark.crisis
def test_a_crisis_gets_the_safe_reply_with_resources_while_the_model_hangs(member, model):  # noqa: F811
    model.mode, model.slow_seconds = "slow", 3.0  # (a model answering 5xx: tests/integration/test_chat_llm.py)
    thread_id = member.get("/threads").json()["threads"][0]["id"]
    response = member.post(f"/threads/{thread_id}/messages", json={"text": CRISIS},
                           headers={"Idempotency-Key": uuid.uuid4().hex, "Accept-Language": "en-GB"})
    assert response.status_code == 201, response.text
    reply = response.json()["reply"]
    assert reply["source"] == "safety" and "116 123" in reply["text"]  # Samaritans, for the member's country
    assert model.requests == []  # screened before any model: its outage cannot delay or change the reply


def test_a_retry_after_the_model_failed_replays_the_same_answer_and_stores_nothing_twice(member, model):  # noqa: F811
    model.mode = "error500"
    thread_id = member.get("/threads").json()["threads"][0]["id"]
    key, text = uuid.uuid4().hex, "I think my teenager is hiding things from me"
    first = member.post(f"/threads/{thread_id}/messages", json={"text": text}, headers={"Idempotency-Key": key})
    assert first.status_code == 201 and first.json()["reply"]["source"] == "offline", first.text
    model.mode = "ok"  # the model is back: the retry still gets the answer the member already has
    again = member.post(f"/threads/{thread_id}/messages", json={"text": text}, headers={"Idempotency-Key": key})
    assert again.status_code == 200 and again.json()["reply"] == first.json()["reply"]
    assert len(model.requests) == 1
    messages = member.get(f"/threads/{thread_id}/messages").json()["messages"]
    assert [m["author"] for m in messages] == ["coach", "member"]

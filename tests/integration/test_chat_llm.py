"""The chat turn with a language model: an OpenAI-compatible server on loopback that the test starts.

Whatever the model does — answers, hangs past the timeout, fails with 5xx or 429 — the member's message is kept
and the member gets a clear reply.
"""

import uuid

import pytest

from tests.support.fake_llm import FakeLLM

pytestmark = [pytest.mark.spine, pytest.mark.integration]


@pytest.fixture
def model(local_stack):
    """The chat function pointed at a fresh loopback model for one test."""
    with FakeLLM(reply_text="That sounds painful. What would feeling heard look like for you?") as server:
        env = {
            "LLM_BASE_URL": server.base_url,
            "LLM_MODEL": "loopback-model",
            "LLM_API_KEY": "test-key",
            # Long enough for a cold first call on a loaded CI machine; the "slow" model hangs well past it.
            "LLM_TIMEOUT_SECONDS": "2",
            "LLM_MAX_RETRIES": "0",
        }
        with local_stack.function_env(env, ["ChatFunction"]):
            yield server


def turn(member, text: str):
    thread_id = member.get("/threads").json()["threads"][0]["id"]
    response = member.post(
        f"/threads/{thread_id}/messages", json={"text": text}, headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    messages = member.get(f"/threads/{thread_id}/messages").json()["messages"]
    return response, messages


def test_the_model_writes_the_reply_and_receives_the_members_words(member, model):
    response, messages = turn(member, "I feel unheard when we talk about chores")
    assert response.status_code == 201, response.text
    reply = response.json()["reply"]
    assert reply["source"] == "llm" and reply["model"] == "loopback-model" and reply["text"] == model.reply_text
    assert "I feel unheard when we talk about chores" in model.prompts()
    assert [m["author"] for m in messages] == ["coach", "member"]


@pytest.mark.parametrize("mode", ["slow", "error500", "rate_limited"])
def test_when_the_model_fails_the_message_is_kept_and_the_offline_coach_answers(member, model, mode):
    model.mode, model.slow_seconds = mode, 5.0
    response, messages = turn(member, "We had another fight about his mother")
    assert response.status_code == 201, response.text
    reply = response.json()["reply"]
    assert reply["source"] == "offline" and "couldn't be reached" in reply["note"]
    assert "offline coach" in reply["text"]
    assert [m["text"] for m in messages if m["author"] == "member"] == ["We had another fight about his mother"]
    assert len(model.requests) == 1  # it was really asked


@pytest.mark.crisis
def test_a_crisis_gets_the_safe_reply_while_the_model_is_down_and_never_reaches_it(member, model):
    model.mode = "error500"
    thread_id = member.get("/threads").json()["threads"][0]["id"]
    response = member.post(
        f"/threads/{thread_id}/messages",
        json={"text": "I can't go on, I'm going to kill myself tonight"},
        headers={"Idempotency-Key": uuid.uuid4().hex, "Accept-Language": "en-AU,en;q=0.9"},
    )
    assert response.status_code == 201, response.text
    reply = response.json()["reply"]
    assert reply["source"] == "safety" and "13 11 14" in reply["text"] and "000" in reply["text"]
    assert model.requests == []


@pytest.mark.crisis
def test_with_moderation_on_a_self_harm_flag_the_screen_missed_gets_the_safe_reply(member, model, local_stack):
    quiet = "I need a very long rest"  # the offline screen lets it through (unit-tested)
    model.moderation_flags = {quiet: ["self-harm", "self-harm/intent"]}
    with local_stack.function_env({"LLM_MODERATION_MODEL": "omni-moderation-latest"}, ["ChatFunction"]):
        response, messages = turn(member, quiet)
        assert model.requests == []  # the coach's model never answered someone the provider flagged
        ordinary, _ = turn(member, "We had another fight about his mother")
    assert response.status_code == 201, response.text
    assert response.json()["reply"]["source"] == "safety" and "988" in response.json()["reply"]["text"]
    assert [m["text"] for m in messages if m["author"] == "member"] == [quiet]
    assert ordinary.json()["reply"]["source"] == "llm"  # not flagged: the model answers as usual
    assert [r["input"] for r in model.moderation_requests] == [quiet, "We had another fight about his mother"]

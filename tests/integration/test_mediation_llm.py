"""Mediation with a language model (an OpenAI-compatible server on loopback) and an armed one-shot task fault.

The model is used for the needs, the advice and the draft; the tests prove that one party's words reach no prompt
written for another party, and that a task failing once is retried with backoff and the flow goes on.
"""

from __future__ import annotations

import json
import uuid

import pytest

from tests.integration.test_mediation import (
    answer,
    couple,
    execution,
    give,
    items,
    join,
    start,
    thread_texts,
    view,
    wait_status,
)
from tests.support.fake_llm import FakeLLM

pytestmark = [pytest.mark.mediation, pytest.mark.integration, pytest.mark.xdist_group("mediation-llm")]

FAULT_TOPIC = "[retry-once]"
BROKEN_TOPIC = "[broken]"


@pytest.fixture(scope="module")
def model(local_stack):
    """The mediation function pointed at a loopback model, with the one-shot fault armed for the synthesis of
    mediations whose topic names FAULT_TOPIC, and a permanent one for those whose topic names BROKEN_TOPIC."""
    with FakeLLM(reply_text="heard, space") as server:
        env = {
            "LLM_BASE_URL": server.base_url, "LLM_MODEL": "loopback-model", "LLM_API_KEY": "test-key",
            "LLM_TIMEOUT_SECONDS": "2", "LLM_MAX_RETRIES": "0",
            "INETTA_MEDIATION_FAULT": "synthesise", "INETTA_MEDIATION_FAULT_TOPIC": FAULT_TOPIC,
            "INETTA_MEDIATION_BROKEN_TOPIC": BROKEN_TOPIC,
        }
        with local_stack.function_env(env, ["MediationFunction"]):
            yield server


# --- retries -----------------------------------------------------------------------------------------------------


def test_a_task_that_fails_is_retried_with_backoff_and_the_mediation_goes_on(local_stack, make_member, model):
    ann, ben, circle_id = couple(make_member)
    before = len(local_stack.invocations("MediationFunction"))
    mediation_id = start(ann, circle_id, [ben], f"Holidays {FAULT_TOPIC}")["id"]
    join(ben, mediation_id)
    give(ann, mediation_id, "I feel stressed", "I need support", "Plan together")
    give(ben, mediation_id, "I feel rushed", "I need space", "Decide by Friday")
    answer(ann, mediation_id, "accept")
    answer(ben, mediation_id, "accept")
    wait_status(ann, mediation_id, "agreed")
    assert execution(local_stack, mediation_id)["status"] == "SUCCEEDED"
    synthesis = [run for run in local_stack.invocations("MediationFunction")[before:]
                 if run.event.get("step") == "synthesise" and run.event.get("mediation_id") == mediation_id]
    assert [run.error_type for run in synthesis] == ["TransientStepError", None]


def test_a_task_that_keeps_failing_closes_the_mediation_tells_everyone_and_fails_the_execution(
        local_stack, make_member, model):
    ann, ben, circle_id = couple(make_member)
    mediation_id = start(ann, circle_id, [ben], f"Chores {BROKEN_TOPIC}")["id"]
    join(ben, mediation_id)
    give(ann, mediation_id, "I feel tired", "I need help with chores", "Split the cooking")
    give(ben, mediation_id, "I feel nagged", "I need calm", "Ask me once")
    closed = wait_status(ben, mediation_id, "closed")
    assert closed["outcome"]["reason"] == "failed" and closed["asked_of_me"] is None
    for member in (ann, ben):
        assert any("had to close because of a problem on our side" in t for t in thread_texts(member))
    # FAILED, not SUCCEEDED: the state machine's failed-executions alarm pages the operator.
    assert execution(local_stack, mediation_id)["status"] == "FAILED"


# --- privacy --------------------------------------------------------------------------------------------------------


def test_a_canary_in_one_perspective_reaches_no_other_party_nor_their_prompts(local_stack, make_member, model):
    canary = f"CANARY-{uuid.uuid4().hex[:10]}"
    own_marker = f"OWNMARK-{uuid.uuid4().hex[:8]}"
    ann, ben, circle_id = couple(make_member)
    before = len(model.requests)
    mediation_id = start(ann, circle_id, [ben], "Weekends")["id"]
    join(ben, mediation_id)
    # The canary is in every part of Ann's perspective, shared parts included.
    give(ann, mediation_id, f"I feel lonely {canary} {own_marker}", f"I need to feel heard {canary}",
         f"Saturday mornings together {canary}", share=["feelings", "needs", "requests"])
    give(ben, mediation_id, "I feel overwhelmed", "I need space", "One free afternoon")
    answer(ann, mediation_id, "accept")
    answer(ben, mediation_id, "accept")
    wait_status(ben, mediation_id, "agreed")
    assert execution(local_stack, mediation_id)["status"] == "SUCCEEDED"
    prompts = model.requests[before:]  # this module's tests run one after another, on one worker
    # Not in Ben's view, at any point it could show, nor in his thread, his agreement, or the circle's.
    ben_view = json.dumps(view(ben, mediation_id))
    assert canary not in ben_view and own_marker not in ben_view
    assert not any(canary in t for t in thread_texts(ben))
    agreements = items(local_stack, f"MEMBER#{ben.sub}", "AGREEMENT#") + items(local_stack, f"CIRCLE#{circle_id}")
    assert canary not in json.dumps(agreements)
    # Ann sees her own words.
    assert canary in json.dumps(view(ann, mediation_id)["my_perspective"])
    # The model was used, and every prompt that carried the canary was one of Ann's own (needs from her own words,
    # advice to her): none was for Ben, and none drafted the shared agreement.
    assert any(canary in json.dumps(r["messages"]) for r in prompts)  # Ann's own prompts did carry her words
    for request in prompts:
        text = json.dumps(request["messages"])
        if canary in text:
            assert "Their words:" in text or own_marker in text, text[:300]
            assert "draft a short mutual agreement" not in text
            assert "I feel overwhelmed" not in text  # never together with Ben's words
    ben_advice = [r for r in prompts if "I feel overwhelmed" in json.dumps(r["messages"])
                  and "private, tailored advice" in json.dumps(r["messages"])]
    assert ben_advice and all(canary not in json.dumps(r["messages"]) for r in ben_advice)



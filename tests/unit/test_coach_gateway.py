"""The LLM path against an OpenAI-compatible server on loopback: the member always gets a clear reply."""

import json

import pytest

from shared.config import LLMSettings
from shared.llm.base import CoachContext
from shared.llm.gateway import FALLBACK_NOTE, CoachGateway
from shared.llm.offline import LABEL

pytestmark = pytest.mark.spine

CONTEXT = CoachContext(member_text="We keep fighting about chores and I feel unheard.")


def gateway(fake_llm, timeout=2.0, retries=0) -> CoachGateway:
    return CoachGateway.from_settings(
        LLMSettings(base_url=fake_llm.base_url, model="test-model", api_key="k", timeout_seconds=timeout, max_retries=retries)
    )


def test_a_configured_model_writes_the_reply_and_sees_the_member_message(fake_llm):
    reply = gateway(fake_llm).reply(CONTEXT)
    assert reply.source == "llm" and reply.text == fake_llm.reply_text and reply.note is None
    assert reply.tokens_in > 0 and reply.tokens_out > 0
    assert CONTEXT.member_text in fake_llm.prompts()


@pytest.mark.parametrize("mode", ["error500", "rate_limited", "garbage"])
def test_a_failing_model_is_replaced_by_the_offline_coach_with_a_note(fake_llm, mode):
    fake_llm.mode = mode
    reply = gateway(fake_llm).reply(CONTEXT)
    assert reply.source == "offline" and reply.note == FALLBACK_NOTE
    assert LABEL in reply.text


def test_a_model_slower_than_the_timeout_is_replaced_by_the_offline_coach(fake_llm):
    fake_llm.mode, fake_llm.slow_seconds = "slow", 3.0
    reply = gateway(fake_llm, timeout=0.5).reply(CONTEXT)
    assert reply.source == "offline" and reply.note == FALLBACK_NOTE


def test_server_errors_are_retried_as_configured(fake_llm):
    fake_llm.mode = "error500"
    gateway(fake_llm, retries=2).reply(CONTEXT)
    assert len(fake_llm.requests) == 3


def test_without_any_configuration_the_offline_coach_answers_and_nothing_is_called(fake_llm):
    reply = CoachGateway.from_settings(LLMSettings()).reply(CONTEXT)
    assert reply.source == "offline" and reply.note is None and fake_llm.requests == []


def test_what_the_model_costs_reaches_the_dashboard_as_metrics(fake_llm, monkeypatch):
    from aws_lambda_powertools import Metrics

    monkeypatch.setenv("LLM_PRICE_INPUT_PER_MILLION", "2.0")
    monkeypatch.setenv("LLM_PRICE_OUTPUT_PER_MILLION", "8.0")
    metrics = Metrics(namespace="Inetta", service="chat")
    metrics.clear_metrics()
    reply = gateway(fake_llm).reply(CONTEXT)
    recorded = metrics.serialize_metric_set()
    metrics.clear_metrics()
    assert recorded["LlmTokensIn"] == [float(reply.tokens_in)] and recorded["LlmTokensOut"] == [float(reply.tokens_out)]
    assert recorded["LlmCostUsd"] == [pytest.approx((reply.tokens_in * 2.0 + reply.tokens_out * 8.0) / 1e6)]

    fake_llm.mode = "error500"  # the offline coach's replies cost nothing and count as no model call
    gateway(fake_llm).reply(CONTEXT)
    assert "LlmTokensIn" not in metrics.metric_set


def test_a_process_that_counts_a_hundred_model_calls_still_answers_and_publishes_them(fake_llm, monkeypatch, capsys):
    # Powertools publishes the shared buffer by itself when a metric reaches 100 values; without a namespace in
    # the environment (a unit test, a script) that publication used to raise inside the reply that added the
    # hundredth value, and the member lost the reply.
    from aws_lambda_powertools import Metrics

    from shared.llm import usage

    monkeypatch.delenv("POWERTOOLS_METRICS_NAMESPACE", raising=False)
    Metrics().clear_metrics()
    for _ in range(99):
        usage.count(10, 10, "reply")
    reply = gateway(fake_llm).reply(CONTEXT)
    assert reply.source == "llm"
    published = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"_aws"' in line]
    assert published and published[0]["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Inetta"
    assert len(published[0]["LlmTokensIn"]) == 100
    Metrics().clear_metrics()

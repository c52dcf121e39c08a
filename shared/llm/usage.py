"""What the language model costs, as CloudWatch metrics: tokens in and out, and their price in US dollars.

Every call that reaches the model counts here (chat replies, insight extraction), so the dashboard shows the
bill as it forms and an operator sees a runaway loop before the invoice does. Prices are the operator's model's
list prices per million tokens, from the function's environment (`LLM_PRICE_INPUT_PER_MILLION`,
`LLM_PRICE_OUTPUT_PER_MILLION`, set from cdk.json); the defaults are gpt-4o-mini's, as `bench/prices.json`.

Powertools' Metrics share one buffer per process, so counting here needs no handle from the handler: the
handler's `@metrics.log_metrics` flushes it at the end of the invocation.
"""

from __future__ import annotations

import os

from aws_lambda_powertools.metrics import MetricUnit

from shared.observability import metrics as powertools_metrics

DEFAULT_INPUT_PER_MILLION = 0.15
DEFAULT_OUTPUT_PER_MILLION = 0.60


def _price(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    return float(raw) if raw else default


def cost_usd(tokens_in: int, tokens_out: int) -> float:
    return (tokens_in * _price("LLM_PRICE_INPUT_PER_MILLION", DEFAULT_INPUT_PER_MILLION)
            + tokens_out * _price("LLM_PRICE_OUTPUT_PER_MILLION", DEFAULT_OUTPUT_PER_MILLION)) / 1_000_000


def count(tokens_in: int, tokens_out: int, purpose: str) -> None:
    """Record one model call: `purpose` is "reply" or "extraction" (its own metric, to see which one spends)."""
    metrics = powertools_metrics()
    metrics.add_metric(name="LlmTokensIn", unit=MetricUnit.Count, value=tokens_in)
    metrics.add_metric(name="LlmTokensOut", unit=MetricUnit.Count, value=tokens_out)
    metrics.add_metric(name="LlmCostUsd", unit=MetricUnit.NoUnit, value=cost_usd(tokens_in, tokens_out))
    metrics.add_metric(name=f"LlmCalls_{purpose}", unit=MetricUnit.Count, value=1)

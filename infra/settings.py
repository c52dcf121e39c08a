"""Operator settings, read once from CDK context (cdk.json, or `cdk deploy -c key=value`)."""

from __future__ import annotations

from dataclasses import dataclass

from aws_cdk import aws_logs as logs
from constructs import Construct


@dataclass(frozen=True)
class Settings:
    llm_base_url: str
    llm_model: str
    # The provider's moderation model, a second opinion on self-harm ("" = off; shared/llm/moderation.py).
    llm_moderation_model: str
    # The model's list prices, US$ per million tokens: they turn token counts into the dashboard's cost figure.
    llm_price_input_per_million: float
    llm_price_output_per_million: float
    on_call_email: str | None
    alarm_email: str | None
    allowed_origins: list[str]
    log_level: str
    log_retention: logs.RetentionDays

    @classmethod
    def from_context(cls, scope: Construct) -> Settings:
        def text(key: str, default: str = "") -> str:
            value = scope.node.try_get_context(key)
            return default if value is None else str(value).strip()

        on_call_email = text("inetta:onCallEmail") or None
        origins = scope.node.try_get_context("inetta:allowedOrigins") or "*"
        if isinstance(origins, str):
            # `-c inetta:allowedOrigins=https://a.example,https://b.example` arrives as one string.
            origins = [origin.strip() for origin in origins.split(",") if origin.strip()]
        return cls(
            # An empty base URL selects the offline coach (docs/architecture.md).
            llm_base_url=text("inetta:llmBaseUrl"),
            llm_model=text("inetta:llmModel", "gpt-4o-mini"),
            llm_moderation_model=text("inetta:llmModerationModel"),
            llm_price_input_per_million=float(text("inetta:llmPriceInputPerMillion", "0.15")),
            llm_price_output_per_million=float(text("inetta:llmPriceOutputPerMillion", "0.60")),
            on_call_email=on_call_email,
            # Operational alarms go to the on-call humans too unless a separate address is given.
            alarm_email=text("inetta:alarmEmail") or on_call_email,
            allowed_origins=list(origins),
            log_level=text("inetta:logLevel", "INFO").upper(),
            # Long enough to investigate an incident, short enough not to hoard what members said.
            log_retention=logs.RetentionDays.ONE_MONTH,
        )

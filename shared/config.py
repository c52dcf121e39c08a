"""Configuration of a function, read once from its environment.

Every function gets the same variables (see docs/architecture.md); each reads what it needs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class LLMSettings:
    """Where the coach's language model lives. No base URL and no key means: use the offline coach."""

    base_url: str = ""
    model: str = "gpt-4o-mini"
    api_key: str = ""
    # In AWS the key sits in Secrets Manager; the function reads it on first use, not at import.
    api_key_secret_arn: str = ""
    timeout_seconds: float = 20.0
    max_retries: int = 1
    # The provider's moderation model, asked for a second opinion on self-harm (shared.llm.moderation); "" = off.
    moderation_model: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.base_url or self.api_key or self.api_key_secret_arn)


@dataclass(frozen=True)
class Settings:
    table_name: str
    escalation_topic_arn: str
    llm: LLMSettings


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    return float(raw) if raw.strip() else default


@lru_cache(maxsize=1)
def settings() -> Settings:
    env = os.environ
    return Settings(
        table_name=env.get("TABLE_NAME", "inetta"),
        escalation_topic_arn=env.get("ESCALATION_TOPIC_ARN", ""),
        llm=LLMSettings(
            base_url=env.get("LLM_BASE_URL", "").strip(),
            model=env.get("LLM_MODEL", "").strip() or "gpt-4o-mini",
            api_key=env.get("LLM_API_KEY", "").strip(),
            api_key_secret_arn=env.get("LLM_API_KEY_SECRET_ARN", "").strip(),
            timeout_seconds=_float("LLM_TIMEOUT_SECONDS", 20.0),
            max_retries=int(_float("LLM_MAX_RETRIES", 1)),
            moderation_model=env.get("LLM_MODERATION_MODEL", "").strip(),
        ),
    )

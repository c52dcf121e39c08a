"""The mediation function's own settings (the rest is shared.config)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

DAY = 24 * 3600


@dataclass(frozen=True)
class Timings:
    """How long a party has to answer before a reminder, how many reminders before the flow closes, how many
    drafts of the agreement, and when the follow-up check-in is due. The CDK app sets them (context
    `inetta:mediation*`); tests shorten them through the environment."""

    reminder_seconds: int = 2 * DAY
    max_reminders: int = 2
    max_rounds: int = 3
    followup_seconds: int = 14 * DAY

    @classmethod
    def from_environment(cls) -> "Timings":
        env = os.environ

        def number(name: str, default: int, low: int) -> int:
            raw = env.get(name, "").strip()
            return max(low, int(raw)) if raw else default

        return cls(
            reminder_seconds=number("MEDIATION_REMINDER_SECONDS", cls.reminder_seconds, 1),
            max_reminders=number("MEDIATION_MAX_REMINDERS", cls.max_reminders, 0),
            max_rounds=number("MEDIATION_MAX_ROUNDS", cls.max_rounds, 1),
            followup_seconds=number("MEDIATION_FOLLOWUP_SECONDS", cls.followup_seconds, 0),
        )

    def as_dict(self) -> dict[str, int]:
        return {"reminder_seconds": self.reminder_seconds, "max_reminders": self.max_reminders,
                "max_rounds": self.max_rounds, "followup_seconds": self.followup_seconds}


def state_machine_arn() -> str:
    return os.environ.get("STATE_MACHINE_ARN", "")


def injected_fault(topic: str) -> str:
    """Tests only: the name of a step that fails once per mediation with a retryable error
    (`INETTA_MEDIATION_FAULT`), for mediations whose topic contains `INETTA_MEDIATION_FAULT_TOPIC` (if set).
    Unset in every deployment."""
    step = os.environ.get("INETTA_MEDIATION_FAULT", "").strip()
    needle = os.environ.get("INETTA_MEDIATION_FAULT_TOPIC", "")
    return step if step and needle in topic else ""


def injected_breakage(topic: str) -> str:
    """Tests only: the name of a step (`INETTA_MEDIATION_FAULT`) that fails every time, with an error that is not
    retried, for mediations whose topic contains `INETTA_MEDIATION_BROKEN_TOPIC` — the failure path. Unset in
    every deployment."""
    step = os.environ.get("INETTA_MEDIATION_FAULT", "").strip()
    needle = os.environ.get("INETTA_MEDIATION_BROKEN_TOPIC", "")
    return step if step and needle and needle in topic else ""


@lru_cache(maxsize=1)
def stepfunctions_client():
    """One Step Functions client per container, made on first use (not at import: most requests never need it)."""
    import boto3

    return boto3.client("stepfunctions")

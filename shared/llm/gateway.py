"""Choose the coach for a reply, and fall back to the offline coach when the model can't or mustn't answer.

The member always gets a clear reply: a model that times out, fails or answers garbage is replaced by the
offline coach, with a note that says so. So is a model whose token budget (per member or global, per day) is
spent, or whose circuit breaker is open after repeated failures: a runaway loop or a provider outage cannot run up
the bill or the latency (`shared.llm.budget`).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger

from shared.config import LLMSettings
from shared.llm.base import (Coach, CoachContext, CoachNotConfigured, CoachReply, CoachUnavailable, ModeratingCoach,
                             OnDelta)
from shared.llm import usage
from shared.llm.budget import CircuitBreaker, TokenBudget
from shared.llm.offline import OfflineCoach

logger = Logger(child=True)

FALLBACK_NOTE = "The AI coach couldn't be reached just now, so Inetta's offline coach answered instead."
BUDGET_NOTE = "The AI coach has reached today's usage limit, so Inetta's offline coach answered instead."
PAUSED_NOTE = "The AI coach is paused after repeated errors, so Inetta's offline coach answered instead."


class CoachGateway:
    def __init__(self, primary: Coach | None, fallback: Coach | None = None, budget: TokenBudget | None = None,
                 breaker: CircuitBreaker | None = None):
        self.primary = primary
        self.fallback = fallback or OfflineCoach()
        self.budget = budget or TokenBudget()
        self.breaker = breaker or CircuitBreaker()

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> "CoachGateway":
        if not settings.configured:
            return cls(primary=None)
        from shared.llm.openai_coach import OpenAICoach

        return cls(primary=OpenAICoach(settings))

    # --- the budget's part in a chat turn: read in the turn's batched get, written in the reply's transaction ---

    def budget_keys(self, member_id: str) -> list[tuple[str, str]]:
        return self.budget.keys(member_id) if self.primary is not None else []

    def usage_writes(self, table: str, member_id: str, reply: CoachReply) -> list[dict[str, Any]]:
        if reply.source != "llm":
            return []
        return self.budget.usage_writes(table, member_id, reply.tokens_in + reply.tokens_out)

    def self_harm_flags(self, text: str) -> tuple[str, ...]:
        """A second opinion on a text the crisis screen let through (``shared.llm.moderation``): the self-harm
        categories the provider's moderation model flags. () with no model, with moderation off, while the circuit
        breaker is open, or when the endpoint fails: the screen's own decision then stands."""
        if not isinstance(self.primary, ModeratingCoach) or self.breaker.open:
            return ()
        try:
            return self.primary.self_harm_flags(text)
        except Exception as error:  # noqa: BLE001 - timeout, 404, garbage, no key yet...: no opinion, never an error
            logger.warning("No second opinion from the moderation endpoint; the crisis screen's decision stands",
                           extra={"error": type(error).__name__})
            return ()

    def reply(self, context: CoachContext, budget_state: dict | None = None,
              on_delta: OnDelta | None = None) -> CoachReply:
        """The reply for this context. `on_delta`, if given, receives the model's reply piece by piece as it is
        written (a fallback reply is not streamed: it is whole at once, and the caller sends it whole)."""
        if self.primary is None:
            return self.fallback.reply(context)
        if budget_state is not None and context.member_id:
            spent = self.budget.exhausted(context.member_id, budget_state)
            if spent:
                logger.warning("Token budget spent; the offline coach answers", extra={"budget": spent})
                return self._fallback(context, BUDGET_NOTE, f"budget_{spent}")
        if self.breaker.open:
            return self._fallback(context, PAUSED_NOTE, "circuit_open")
        try:
            reply = self.primary.reply(context, on_delta=on_delta) if on_delta else self.primary.reply(context)
        except CoachNotConfigured:
            self.primary = None  # for the rest of this container's life
            return self.fallback.reply(context)
        except CoachUnavailable as error:
            self.breaker.failed()
            logger.warning("Language model unavailable; the offline coach answers", extra={"reason": error.reason})
            return self._fallback(context, FALLBACK_NOTE, error.reason)
        self.breaker.succeeded()
        usage.count(reply.tokens_in, reply.tokens_out, "reply")
        return reply

    def _fallback(self, context: CoachContext, note: str, reason: str) -> CoachReply:
        reply = self.fallback.reply(context)
        return CoachReply(text=reply.text, source=reply.source, model=reply.model, note=note,
                          extra={**reply.extra, "llm_error": reason})

"""Choose the coach for a reply, and fall back to the offline coach when the model can't answer.

The member always gets a clear reply: a model that times out, fails or answers garbage is replaced by the
offline coach, with a note that says so.
"""

from __future__ import annotations

from aws_lambda_powertools import Logger

from shared.config import LLMSettings
from shared.llm.base import Coach, CoachContext, CoachNotConfigured, CoachReply, CoachUnavailable
from shared.llm.offline import OfflineCoach

logger = Logger(child=True)

FALLBACK_NOTE = "The AI coach couldn't be reached just now, so Inetta's offline coach answered instead."


class CoachGateway:
    def __init__(self, primary: Coach | None, fallback: Coach | None = None):
        self.primary = primary
        self.fallback = fallback or OfflineCoach()

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> "CoachGateway":
        if not settings.configured:
            return cls(primary=None)
        from shared.llm.openai_coach import OpenAICoach

        return cls(primary=OpenAICoach(settings))

    def reply(self, context: CoachContext) -> CoachReply:
        if self.primary is None:
            return self.fallback.reply(context)
        try:
            return self.primary.reply(context)
        except CoachNotConfigured:
            self.primary = None  # for the rest of this container's life
            return self.fallback.reply(context)
        except CoachUnavailable as error:
            logger.warning("Language model unavailable; the offline coach answers", extra={"reason": error.reason})
            reply = self.fallback.reply(context)
            return CoachReply(
                text=reply.text,
                source=reply.source,
                model=reply.model,
                note=FALLBACK_NOTE,
                extra={**reply.extra, "llm_error": error.reason},
            )

"""A coach backed by any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, LM Studio, ...)."""

from __future__ import annotations

import logging
import time
from functools import cached_property

from shared.config import LLMSettings
from shared.llm.base import CoachContext, CoachNotConfigured, CoachReply, CoachUnavailable, OnDelta
from shared.llm.prompt import build_messages


# The value the CDK app gives the secret until the operator sets a key (infra/llm.py).
SECRET_PLACEHOLDER = "unset"
# A streamed reply may take this many client timeouts in all: the client's timeout bounds each read, not the whole
# stream, and the chat turn must still fit API Gateway's 30 seconds.
STREAM_BUDGET_TIMEOUTS = 2

log = logging.getLogger(__name__)


def _api_key(settings: LLMSettings) -> str:
    """The key, or "" when none is set (the deployed secret still holds its placeholder)."""
    if settings.api_key:
        return settings.api_key
    if settings.api_key_secret_arn:
        # Imported here: only functions that really call a model pay for it, and the value is cached.
        from aws_lambda_powertools.utilities.parameters import get_secret

        value = str(get_secret(settings.api_key_secret_arn, max_age=300)).strip()
        return "" if value == SECRET_PLACEHOLDER else value
    return ""


class OpenAICoach:
    name = "llm"

    def __init__(self, settings: LLMSettings):
        self.settings = settings

    @cached_property
    def client(self):
        # The openai package is imported on first use: it costs more at import than the rest of the handler.
        import openai

        key = _api_key(self.settings)
        if not key and not self.settings.base_url:
            # Deployed, but the operator has not set a key yet: the offline coach is the configured coach.
            raise CoachNotConfigured()
        return openai.OpenAI(
            base_url=self.settings.base_url or None,
            # Local OpenAI-compatible servers often need no key, but the client insists on one.
            api_key=key or "not-needed",
            timeout=self.settings.timeout_seconds,
            max_retries=self.settings.max_retries,
        )

    def self_harm_flags(self, text: str) -> tuple[str, ...]:
        """The provider's moderation model's self-harm flags for a member's text, when the operator turned it on."""
        if not self.settings.moderation_model:
            return ()
        from shared.llm.moderation import self_harm_flags

        return self_harm_flags(self.client, self.settings.moderation_model, text, self.settings.timeout_seconds)

    def reply(self, context: CoachContext, on_delta: OnDelta | None = None) -> CoachReply:
        """The model's reply; with `on_delta`, streamed (`stream=True`), each piece handed to it as it arrives."""
        if on_delta is not None:
            return self._streamed(context, on_delta)
        try:
            completion = self.client.chat.completions.create(
                model=self.settings.model,
                messages=build_messages(context),
                temperature=0.7,
                max_tokens=600,
            )
        except Exception as error:  # noqa: BLE001 - every failure of the model becomes a named reason
            raise _unavailable(error) from error

        choices = getattr(completion, "choices", None) or []
        text = (choices[0].message.content or "").strip() if choices and choices[0].message else ""
        if not text:
            raise CoachUnavailable("empty_reply")
        usage = getattr(completion, "usage", None)
        return CoachReply(
            text=text,
            source="llm",
            model=getattr(completion, "model", None) or self.settings.model,
            tokens_in=getattr(usage, "prompt_tokens", 0) or 0,
            tokens_out=getattr(usage, "completion_tokens", 0) or 0,
        )

    def _streamed(self, context: CoachContext, on_delta: OnDelta) -> CoachReply:
        messages = build_messages(context)
        deadline = time.monotonic() + self.settings.timeout_seconds * STREAM_BUDGET_TIMEOUTS
        parts: list[str] = []
        usage, model, finished = None, None, False
        try:
            stream = self.client.chat.completions.create(
                model=self.settings.model,
                messages=messages,
                temperature=0.7,
                max_tokens=600,
                stream=True,
                # The last chunk then carries the usage figures the token budget counts.
                stream_options={"include_usage": True},
            )
            with stream:
                for chunk in stream:
                    model = getattr(chunk, "model", None) or model
                    usage = getattr(chunk, "usage", None) or usage
                    for choice in getattr(chunk, "choices", None) or []:
                        finished = finished or bool(getattr(choice, "finish_reason", None))
                        piece = getattr(getattr(choice, "delta", None), "content", None)
                        if not piece:
                            continue
                        if not parts:
                            piece = piece.lstrip()  # the stored reply is stripped: so are its first pieces
                            if not piece:
                                continue
                        parts.append(piece)
                        _hand_out(on_delta, piece)
                    if time.monotonic() > deadline:
                        raise CoachUnavailable("timeout")
        except CoachUnavailable:
            raise
        except Exception as error:  # noqa: BLE001 - every failure of the model becomes a named reason
            raise _unavailable(error) from error

        if not finished:
            # The connection ended without the model saying it had finished: half a reply is no reply.
            raise CoachUnavailable("truncated")
        text = "".join(parts).strip()
        if not text:
            raise CoachUnavailable("empty_reply")
        prompt_chars = sum(len(str(m.get("content", ""))) for m in messages)
        return CoachReply(
            text=text,
            source="llm",
            model=model or self.settings.model,
            # Providers that ignore `include_usage` send none: estimate (4 characters a token) so the budget counts.
            tokens_in=getattr(usage, "prompt_tokens", 0) or prompt_chars // 4,
            tokens_out=getattr(usage, "completion_tokens", 0) or len(text) // 4,
        )


def _hand_out(on_delta: OnDelta, piece: str) -> None:
    try:
        on_delta(piece)
    except Exception:  # noqa: BLE001 - a push that fails must never cost the member their reply
        log.exception("a streamed piece of the reply could not be handed out")


def _unavailable(error: Exception) -> CoachUnavailable:
    """A failed call to the model, named for the logs and the fallback note (the member gets the offline coach)."""
    import openai

    if isinstance(error, openai.APITimeoutError):  # before APIConnectionError, of which it is a kind
        reason = "timeout"
    elif isinstance(error, openai.RateLimitError):
        reason = "rate_limited"
    elif isinstance(error, openai.APIStatusError):
        reason = f"http_{error.status_code}"
    elif isinstance(error, openai.APIConnectionError):
        reason = "unreachable"
    elif isinstance(error, (openai.APIResponseValidationError, ValueError, TypeError, KeyError)):
        reason = "malformed_response"  # a body that is not a chat completion
    else:
        # Mid-stream, the HTTP client's own errors arrive unwrapped.
        reason = "timeout" if "timeout" in type(error).__name__.lower() else "unreachable"
    return CoachUnavailable(reason)

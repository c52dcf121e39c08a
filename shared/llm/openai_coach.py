"""A coach backed by any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, LM Studio, ...)."""

from __future__ import annotations

from functools import cached_property

from shared.config import LLMSettings
from shared.llm.base import CoachContext, CoachNotConfigured, CoachReply, CoachUnavailable
from shared.llm.prompt import build_messages


# The value the CDK app gives the secret until the operator sets a key (infra/llm.py).
SECRET_PLACEHOLDER = "unset"


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

    def reply(self, context: CoachContext) -> CoachReply:
        import openai

        try:
            completion = self.client.chat.completions.create(
                model=self.settings.model,
                messages=build_messages(context),
                temperature=0.7,
                max_tokens=600,
            )
        except openai.APITimeoutError as error:
            raise CoachUnavailable("timeout") from error
        except openai.RateLimitError as error:
            raise CoachUnavailable("rate_limited") from error
        except openai.APIStatusError as error:
            raise CoachUnavailable(f"http_{error.status_code}") from error
        except (openai.APIConnectionError, openai.APIResponseValidationError) as error:
            raise CoachUnavailable("unreachable") from error
        except (ValueError, TypeError, KeyError) as error:  # a body that is not a chat completion
            raise CoachUnavailable("malformed_response") from error

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

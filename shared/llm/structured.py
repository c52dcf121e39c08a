"""Structured outputs: insight extraction through a language model, as a pydantic model.

The schema (`shared.context.extract.Extraction`) makes every shareable field an enum of the closed vocabulary, so
whatever a member wrote — including instructions aimed at the model — the model can only pick labels for what may
be shared. Any failure (timeout, refusal, a body that does not parse, budget or breaker) falls back to the offline
engine: extraction never blocks, and never delays a reply (it runs in the context function).
"""

from __future__ import annotations

from functools import cached_property

from aws_lambda_powertools import Logger

from shared.config import LLMSettings
from shared.context.extract import EXTRACTION_INSTRUCTIONS, Extraction, offline_extract
from shared.llm import usage as llm_usage
from shared.llm.budget import CircuitBreaker, TokenBudget

logger = Logger(child=True)

MESSAGE_CHARS = 1500


class LlmExtractor:
    def __init__(self, settings: LLMSettings, table: str | None = None, budget: TokenBudget | None = None,
                 breaker: CircuitBreaker | None = None, client=None):
        self.settings = settings
        self.table = table
        self.budget = budget or TokenBudget()
        self.breaker = breaker or CircuitBreaker()
        self._client = client
        self.member_id = ""

    @cached_property
    def openai(self):
        import openai

        from shared.llm.openai_coach import _api_key

        return openai.OpenAI(base_url=self.settings.base_url or None, api_key=_api_key(self.settings) or "not-needed",
                             timeout=self.settings.timeout_seconds, max_retries=self.settings.max_retries)

    def messages(self, previous_summary: str, messages: list[tuple[str, str]]) -> list[dict[str, str]]:
        listing = "\n".join(f"[{message_id}] {text[:MESSAGE_CHARS]}" for message_id, text in messages)
        return [
            {"role": "system", "content": EXTRACTION_INSTRUCTIONS},
            {"role": "user", "content": f"Previous summary:\n{previous_summary or '(none)'}\n\nNew messages:\n{listing}"},
        ]

    def __call__(self, previous_summary: str, messages: list[tuple[str, str]]) -> Extraction:
        if self.breaker.open:
            return offline_extract(messages)
        try:
            completion = self.openai.beta.chat.completions.parse(
                model=self.settings.model, messages=self.messages(previous_summary, messages),
                response_format=Extraction, temperature=0.2, max_tokens=700,
            )
            parsed = completion.choices[0].message.parsed
            if parsed is None:
                raise ValueError("no parsed output")
            result = Extraction.model_validate(parsed.model_dump())
        except Exception as error:  # noqa: BLE001 - any failure: the offline engine extracts instead
            self.breaker.failed()
            logger.warning("Structured extraction failed; offline extraction instead", extra={"error": type(error).__name__})
            return offline_extract(messages)
        self.breaker.succeeded()
        known = {message_id for message_id, _ in messages}
        result.attachment = [signal for signal in result.attachment if signal.message_id in known]
        usage = getattr(completion, "usage", None)
        if usage is not None:
            llm_usage.count(getattr(usage, "prompt_tokens", 0) or 0, getattr(usage, "completion_tokens", 0) or 0,
                            "extraction")
        if usage is not None and self.table and self.member_id:
            from shared.store.table import dynamodb_client

            self.budget.spend(self._client or dynamodb_client(), self.table, self.member_id, getattr(usage, "total_tokens", 0) or 0)
        return result

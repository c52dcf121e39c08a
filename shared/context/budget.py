"""The prompt's token budget: every section has a ceiling, so a turn costs the same on a long thread.

Tokens are estimated at four characters each (close to OpenAI's tokenizers for English; deliberately no tokenizer
dependency in the handler). The ceilings add up to `PROMPT_TOKENS`, the most a chat prompt can be.
"""

from __future__ import annotations

import math

CHARS_PER_TOKEN = 4
MEMBER_TEXT_TOKENS = 1200
SUMMARY_TOKENS = 200
PROFILE_TOKENS = 200
AGREEMENT_TOKENS = 150
FAMILY_TOKENS = 200
KNOWLEDGE_TOKENS = 350
RECENT_TOKENS = 1000
RECENT_MESSAGE_TOKENS = 250
STANCE_TOKENS = 400
PROMPT_TOKENS = (MEMBER_TEXT_TOKENS + SUMMARY_TOKENS + PROFILE_TOKENS + AGREEMENT_TOKENS + FAMILY_TOKENS
                 + KNOWLEDGE_TOKENS + RECENT_TOKENS + STANCE_TOKENS)


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def clip(text: str, tokens: int) -> str:
    """At most `tokens`: the head and the tail of a long text (the end of a message is often its point)."""
    limit = tokens * CHARS_PER_TOKEN
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    tail = limit - head - 5
    return f"{text[:head]} [...] {text[-tail:]}" if tail > 0 else text[:limit]


def fit(texts: list[str], tokens: int, each: int | None = None) -> list[str]:
    """As many of `texts` (in order of priority) as fit in `tokens`, each clipped to `each`."""
    kept, used = [], 0
    for text in texts:
        text = clip(text, each) if each else text
        cost = estimate_tokens(text)
        if used + cost > tokens:
            break
        kept.append(text)
        used += cost
    return kept

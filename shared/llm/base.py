"""What every coach implementation takes and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from shared.knowledge import Entry


@dataclass(frozen=True)
class Turn:
    author: str  # "member" or "coach"
    text: str


@dataclass(frozen=True)
class CoachContext:
    """Everything the coach may use for one reply — and nothing more.

    Only the member's own words, their own thread's summary and the knowledge base are here; what other
    members consented to share arrives as abstract insights (a later issue), never as their words.
    """

    member_text: str
    recent: tuple[Turn, ...] = ()
    summary: str = ""
    knowledge: tuple[Entry, ...] = ()
    # How many member messages this thread has seen: lets the offline coach vary its phrasing.
    turn_number: int = 0


@dataclass(frozen=True)
class CoachReply:
    text: str
    source: str  # "llm" or "offline"
    model: str
    tokens_in: int = 0
    tokens_out: int = 0
    note: str | None = None
    extra: dict = field(default_factory=dict)


class CoachUnavailable(Exception):
    """The language model could not give a usable reply (timeout, 5xx, 429, garbage)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class CoachNotConfigured(Exception):
    """No model is configured after all (e.g. the deployed key secret still holds its placeholder)."""


class Coach(Protocol):
    name: str

    def reply(self, context: CoachContext) -> CoachReply: ...

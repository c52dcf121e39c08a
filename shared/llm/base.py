"""What every coach implementation takes and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol, runtime_checkable

from shared.context.items import ContextItem
from shared.knowledge import Entry


@dataclass(frozen=True)
class Turn:
    author: str  # "member" or "coach"
    text: str


@dataclass(frozen=True)
class CoachContext:
    """Everything the coach may use for one reply — and nothing more.

    Only the member's own words, their own summary, profile and agreements, and the knowledge base are here; what
    other members consented to share arrives as `family` items composed from the closed vocabulary of
    `shared.context.vocab`, never as their words.
    """

    member_text: str
    recent: tuple[Turn, ...] = ()
    summary: str = ""
    knowledge: tuple[Entry, ...] = ()
    # How many member messages this thread has seen: lets the offline coach vary its phrasing.
    turn_number: int = 0
    # The member's own profile (goals, attachment tendencies with evidence, patterns, topics).
    profile: tuple[ContextItem, ...] = ()
    agreements: tuple[ContextItem, ...] = ()
    # Consented insights from other members (themes or summaries, never quotes).
    family: tuple[ContextItem, ...] = ()
    # Every context item this reply may draw on, for "why this reply".
    used: tuple[ContextItem, ...] = ()
    member_id: str = ""


@dataclass(frozen=True)
class CoachReply:
    text: str
    source: str  # "llm" or "offline"
    model: str
    tokens_in: int = 0
    tokens_out: int = 0
    note: str | None = None
    extra: dict = field(default_factory=dict)
    # Answers offered with one tap under the reply (the crisis protocol's screener question; a model never sets them).
    quick_replies: tuple[str, ...] = ()


class CoachUnavailable(Exception):
    """The language model could not give a usable reply (timeout, 5xx, 429, garbage)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class CoachNotConfigured(Exception):
    """No model is configured after all (e.g. the deployed key secret still holds its placeholder)."""


# Called with each piece of a reply as the model writes it (real-time push); never allowed to fail the reply.
OnDelta = Callable[[str], None]


class Coach(Protocol):
    name: str

    def reply(self, context: CoachContext) -> CoachReply: ...


class StreamingCoach(Coach, Protocol):
    """A coach that can also hand out its reply piece by piece while it writes it (the model does; the offline
    coach composes its reply at once, so it doesn't)."""

    def reply(self, context: CoachContext, on_delta: OnDelta | None = None) -> CoachReply: ...


@runtime_checkable
class ModeratingCoach(Coach, Protocol):
    """A coach backed by a provider that also has a moderation endpoint: it can give the crisis screen a second
    opinion on a text the screen let through (``shared.llm.moderation``). The offline coach has none."""

    def self_harm_flags(self, text: str) -> tuple[str, ...]: ...

"""The rules of a mediation, apart from how it is stored or run.

A mediation is between an initiator and one or more other members of the same circle, about a topic the initiator
names (the topic is shown to every party: it is written for them). Each party opts in, then gives a perspective
privately: feelings, needs and requests. What leaves a perspective is only ever *abstract*: the needs it names, as
labels from a fixed vocabulary (`NEEDS`), taken from the parts its author chose to share. Words never do — not into
another party's view, thread or advice prompt, nor into the agreement.

The safety gate (DESIGN.md §6, "Where abuse danger is present, joint mediation with the person concerned is not
offered"): an incident names only its author (`MEMBER#<sub>` / `INCIDENT#...`), not whom it is about. So "an open
high-danger abuse incident involving two members" is read as: an open incident of category abuse with danger high
whose author is one of the parties, while the other is in the same mediation. Any such incident blocks the
mediation — whoever the author, and whatever other parties there are — and nobody is told why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable

from shared.safety.vocab import ABUSE


class Phase(StrEnum):
    """What the workflow is waiting for or doing."""

    OPTIN = "optin"  # parties are asked to join
    PERSPECTIVE = "perspective"  # parties give their perspective privately
    SYNTHESIS = "synthesis"  # the coach works (needs, advice, draft)
    AGREEMENT = "agreement"  # parties accept, amend or decline the draft
    CLOSED = "closed"


class Status(StrEnum):
    ACTIVE = "active"
    AGREED = "agreed"
    CLOSED = "closed"


class CloseReason(StrEnum):
    DECLINED = "declined"  # a party refused to join, or declined the agreement
    CANCELLED = "cancelled"
    TIMED_OUT = "timed_out"
    NOT_OFFERED = "not_offered"  # the safety gate (never says why)
    NO_AGREEMENT = "no_agreement"  # the amendment rounds ran out
    FAILED = "failed"


# Task failures the API sends to a waiting party's task token; the state machine closes on them.
DECLINED_ERROR = "MediationDeclined"
CANCELLED_ERROR = "MediationCancelled"
TIMED_OUT_ERROR = "PartyTimedOut"
STOPPED_ERROR = "MediationStopped"  # the safety gate, tripped during the flow
ERROR_REASONS = {
    DECLINED_ERROR: CloseReason.DECLINED,
    CANCELLED_ERROR: CloseReason.CANCELLED,
    TIMED_OUT_ERROR: CloseReason.TIMED_OUT,
    STOPPED_ERROR: CloseReason.NOT_OFFERED,
    "States.Timeout": CloseReason.TIMED_OUT,
}

# What each party is told when a mediation closes. Neutral: nobody learns another's private reasons.
CLOSE_MESSAGES = {
    CloseReason.DECLINED: "The mediation about “{topic}” has closed: not everyone chose to continue with it. "
    "That's okay — the coach is here for you in your private chat whenever you want to talk it through.",
    CloseReason.CANCELLED: "The mediation about “{topic}” was cancelled by one of the parties. "
    "You can keep working on this with the coach in your private chat, and start a new mediation later.",
    CloseReason.TIMED_OUT: "The mediation about “{topic}” has closed because not everyone answered in time. "
    "You can start it again whenever everyone is ready.",
    CloseReason.NOT_OFFERED: "A joint mediation about “{topic}” can't go ahead right now. "
    "The coach is here for you individually, in your private chat, whenever you want.",
    CloseReason.NO_AGREEMENT: "The mediation about “{topic}” has closed without an agreement after several drafts. "
    "What each of you shared still matters; the coach can help you take a next step in your private chat.",
    CloseReason.FAILED: "The mediation about “{topic}” had to close because of a problem on our side. "
    "Nothing you shared was lost or shown to anyone; please try again later.",
}

MAX_TOPIC_CHARS = 200
MAX_PERSPECTIVE_CHARS = 2000
MAX_AMENDMENT_CHARS = 500
SHAREABLE = ("feelings", "needs", "requests")
DEFAULT_SHARE = ("needs", "requests")


@dataclass(frozen=True)
class Need:
    id: str
    label: str  # how the coach names it to others ("to feel heard")
    cues: tuple[str, ...]
    # One clause of an agreement that honours this need.
    clause: str


NEEDS: tuple[Need, ...] = (
    Need("heard", "to feel heard and understood",
         ("heard", "listen", "understand", "ignored", "dismiss", "interrupt", "talk over", "unheard", "validat"),
         "When one of us brings something up, the other listens and says back what they heard before answering."),
    Need("respect", "to be treated with respect",
         ("respect", "yell", "shout", "rude", "insult", "tone", "disrespect", "mock", "belittl"),
         "We keep our voices calm and take a short break, instead of shouting, when things heat up."),
    Need("autonomy", "some independence and trust to make their own choices",
         ("freedom", "independ", "privacy", "control", "trust me", "my own", "decide", "choices", "treated like a child",
          "micromanag", "autonomy"),
         "We agree together on a few clear expectations, and inside them each of us decides for ourselves."),
    Need("reliability", "to be able to count on each other",
         ("promise", "reliab", "rely", "depend", "follow through", "on time", "late", "forget", "curfew", "chores",
          "dishes", "homework", "share of"),
         "We each name one thing we'll do, and say early if we can't, so the other isn't left guessing."),
    Need("connection", "closeness and time together",
         ("close", "together", "connect", "lonely", "distant", "affection", "quality time", "miss", "date"),
         "We set aside a regular, protected time together, with phones away."),
    Need("space", "space and time to recharge",
         ("space", "alone", "breathing room", "time to myself", "recharge", "overwhelm", "pressure", "too much"),
         "Either of us can ask for a pause and name when we'll come back to the conversation."),
    Need("safety", "to feel safe and calm at home",
         ("safe", "calm", "peace", "scared", "afraid", "tension", "walking on eggshells"),
         "When a conversation gets tense, either of us can pause it, and we return to it once we're both calm."),
    Need("fairness", "fairness in how things are shared",
         ("fair", "unfair", "equal", "balance", "always me", "share the", "load", "split"),
         "We write down who does what this week and check together on Sunday whether it felt fair."),
    Need("appreciation", "to feel appreciated",
         ("apprecia", "thank", "notice", "recogni", "taken for granted", "grateful", "effort"),
         "Each day we tell each other one thing we noticed and appreciated."),
    Need("support", "support and reassurance",
         ("support", "help", "reassur", "encourag", "back me", "there for me", "stress", "worried", "anxious"),
         "We ask each other “what would help right now?” before offering solutions."),
)
_NEED_BY_ID = {need.id: need for need in NEEDS}
_WORDS = re.compile(r"[a-z']+")


def need(need_id: str) -> Need:
    return _NEED_BY_ID[need_id]


def needs_from_text(text: str) -> list[str]:
    """The needs a text names, as ids from the vocabulary (never its words), most cued first."""
    lowered = " " + " ".join(_WORDS.findall((text or "").lower())) + " "
    scored = []
    for position, candidate in enumerate(NEEDS):
        score = sum(1 for cue in candidate.cues if f" {cue}" in lowered)
        if score:
            scored.append((-score, position, candidate.id))
    return [need_id for _, _, need_id in sorted(scored)]


def needs_from_labels(text: str) -> list[str]:
    """Need ids a model named by id in its answer; anything else in the answer is ignored."""
    lowered = (text or "").lower()
    return [candidate.id for candidate in NEEDS if re.search(rf"\b{candidate.id}\b", lowered)]


def shared_text(perspective: dict) -> str:
    """The parts of a perspective its author agreed may inform the joint synthesis."""
    share = perspective.get("share") or list(DEFAULT_SHARE)
    return "\n".join(str(perspective.get(part) or "") for part in SHAREABLE if part in share)


# --- the safety gate --------------------------------------------------------------------------------------


def blocking_incidents(incidents_by_party: dict[str, Iterable[dict]]) -> list[str]:
    """Parties whose open incidents keep this mediation from being offered (see the module's docstring).

    Only meaningful with two or more parties: the incident of one party "involves" every other party of the
    same mediation, because incidents do not name whom they concern.
    """
    if len(incidents_by_party) < 2:
        return []
    return sorted(
        party
        for party, incidents in incidents_by_party.items()
        if any(
            incident.get("category") == ABUSE
            and incident.get("danger") == "high"
            and incident.get("status", "open") == "open"
            for incident in incidents
        )
    )


def may_mediate(incidents_by_party: dict[str, Iterable[dict]]) -> bool:
    return not blocking_incidents(incidents_by_party)


# --- what the coach says, without a model ---------------------------------------------------------------


def describe_needs(need_ids: Iterable[str]) -> str:
    labels = [need(n).label for n in need_ids if n in _NEED_BY_ID]
    if not labels:
        return "to find a way through this that works for everyone"
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def role_word(role: str) -> str:
    return {"partner": "your partner", "parent": "a parent", "teen": "your teen", "child": "a child",
            "sibling": "a sibling"}.get(role, "another member of your family")


def advice_entry_id(role: str, other_roles: Iterable[str]) -> str:
    """Which knowledge-base entry fits this party's place in the conflict."""
    others = set(other_roles)
    if role == "parent" and others & {"teen", "child"}:
        return "parent-teen"
    if role in {"teen", "child"}:
        return "parent-teen"
    return "acknowledge-feelings"


def tailored_opening(role: str, other_roles: Iterable[str]) -> str:
    others = set(other_roles)
    if role == "parent" and others & {"teen", "child"}:
        return ("As the parent here, start by acknowledging your teen's feelings — before explaining your reasons "
                "or the rule. Feeling heard first is what lets a teen hear you.")
    if role in {"teen", "child"}:
        return ("You have every right to feel frustrated. What helps most is saying what you feel and what you need "
                "in a calm sentence (\"I feel … when …, and I need …\"), rather than only what you're against.")
    return ("Try acknowledging how the other person feels before defending what you meant: the impact on them is "
            "real to them, whatever your intent.")


def fallback_agreement(topic: str, need_ids: Iterable[str], amendments: Iterable[str], round_number: int) -> str:
    """A draft agreement composed from the needs' clauses (never from anyone's words) and proposed amendments."""
    clauses = []
    for need_id in dict.fromkeys(need_ids):
        if need_id in _NEED_BY_ID:
            clauses.append(need(need_id).clause)
    if not clauses:
        clauses.append(need("heard").clause)
    clauses.append("We check in together in two weeks on how this agreement is going, and adjust it if we need to.")
    lines = [f"Our agreement about “{topic}”" + (f" (draft {round_number})" if round_number > 1 else "") + ":"]
    lines += [f"{i}. {clause}" for i, clause in enumerate(clauses, start=1)]
    proposed = [a for a in amendments if a]
    if proposed:
        lines.append("Added at a party's request:")
        lines += [f"- {a}" for a in proposed]
    return "\n".join(lines)

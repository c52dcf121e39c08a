"""What the coach writes in a mediation: needs, each party's advice, the draft agreement.

With a language model (through `CoachGateway`), the model writes; without one, or when it fails, the text is
composed from the knowledge base and the needs vocabulary. Either way, what reaches a prompt for one party is that
party's own words plus the *labels* of the others' needs — never another party's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from shared.knowledge import by_id
from shared.llm.base import CoachContext
from shared.llm.gateway import FALLBACK_NOTE, CoachGateway
from shared.mediation import (
    NEEDS,
    advice_entry_id,
    describe_needs,
    fallback_agreement,
    needs_from_labels,
    needs_from_text,
    role_word,
    tailored_opening,
)

OFFLINE_LABEL = "— Inetta's offline coach (no AI model is connected right now)"


@dataclass(frozen=True)
class Written:
    text: str
    source: str  # "llm" or "offline"
    model: str
    note: str | None = None


def _ask(gateway: CoachGateway, instruction: str, knowledge: tuple = ()) -> Written | None:
    """The model's answer, or None when there is no model or it could not answer (the caller composes)."""
    if gateway.primary is None:
        return None
    reply = gateway.reply(CoachContext(member_text=instruction, knowledge=knowledge))
    if reply.source != "llm":
        return Written(text="", source="offline", model="offline-coach", note=reply.note or FALLBACK_NOTE)
    return Written(text=reply.text, source="llm", model=reply.model)


def extract_needs(gateway: CoachGateway, shared: str) -> list[str]:
    """Need ids for one party, from the parts of their perspective they chose to share (and only those)."""
    found = needs_from_text(shared)
    if shared.strip():
        vocabulary = "\n".join(f"- {n.id}: {n.label}" for n in NEEDS)
        answer = _ask(
            gateway,
            "Task: read one person's description of a family conflict and name the needs underneath it. "
            f"Answer only with ids from this list, comma-separated, nothing else:\n{vocabulary}\n\n"
            f"Their words:\n{shared}",
        )
        if answer and answer.source == "llm":
            found = list(dict.fromkeys(needs_from_labels(answer.text) + found))
    return found[:4]


def advice(gateway: CoachGateway, *, topic: str, role: str, own: dict, others: list[tuple[str, list[str]]]) -> Written:
    """Private advice for one party: from their own perspective and the others' needs (labels only)."""
    other_roles = [r for r, _ in others]
    entry = by_id(advice_entry_id(role, other_roles))
    others_text = "; ".join(f"{role_word(r)} needs {describe_needs(n)}" for r, n in others)
    instruction = (
        "Task: you are mediating a conflict in a family or couple. Write private, tailored advice for ONE party, "
        "in under 160 words: acknowledge their feelings, name the other side's needs in general terms, suggest one "
        "concrete way to open the next conversation. Never quote anyone.\n"
        f"Topic: {topic}\nThis party's role: {role}\n"
        f"In their own words — feelings: {own.get('feelings', '')}\nneeds: {own.get('needs', '')}\n"
        f"requests: {own.get('requests', '')}\n"
        f"What the other parties need (the coach's synthesis): {others_text}"
    )
    answer = _ask(gateway, instruction, (entry,))
    if answer and answer.source == "llm":
        return answer
    own_needs = describe_needs(needs_from_text(" ".join(str(own.get(k) or "") for k in ("feelings", "needs", "requests"))))
    text = "\n\n".join([
        f"Thank you for sharing your side of “{topic}”. It sounds like what matters most to you is {own_needs}.",
        tailored_opening(role, other_roles),
        f"From what everyone shared, {others_text}." if others else "",
        f"One idea that may help: {entry.offer}",
        f"A small step: {entry.exercise}",
        OFFLINE_LABEL,
    ])
    return Written(text=text.replace("\n\n\n\n", "\n\n"), source="offline", model="offline-coach",
                   note=answer.note if answer else None)


def draft_agreement(gateway: CoachGateway, *, topic: str, needs_by_role: list[tuple[str, list[str]]],
                    amendments: Iterable[str], round_number: int) -> Written:
    amendments = [a for a in amendments if a]
    all_needs = [n for _, needs in needs_by_role for n in needs]
    instruction = (
        "Task: draft a short mutual agreement (3 to 6 numbered, concrete, positive commitments) for a family or "
        "couple, shifting from boundaries to agreements. It must honour every party's needs. Plain language.\n"
        f"Topic: {topic}\n"
        + "\n".join(f"A {role} needs {describe_needs(needs)}" for role, needs in needs_by_role)
        + ("\nChanges the parties asked for: " + "; ".join(amendments) if amendments else "")
    )
    answer = _ask(gateway, instruction, (by_id("boundaries-to-agreements"),))
    if answer and answer.source == "llm":
        return answer
    return Written(text=fallback_agreement(topic, all_needs, amendments, round_number), source="offline",
                   model="offline-coach", note=answer.note if answer else None)

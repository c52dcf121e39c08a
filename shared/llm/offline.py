"""The offline coach: an honest, useful reply with no language model at all.

It reflects what the member said, validates it, offers one technique and one small exercise from the
knowledge base, and asks one open question. Its replies always say that they come from the offline coach.
"""

from __future__ import annotations

import hashlib
import re

from shared.knowledge import retrieve
from shared.llm.base import CoachContext, CoachReply

LABEL = "— Inetta's offline coach (no AI model is connected right now)"

# Feeling words, mapped to how the coach names them back.
_FEELINGS = (
    ("lonely", "lonely"), ("alone", "alone"), ("hurt", "hurt"), ("frustrat", "frustrated"), ("angry", "angry"),
    ("furious", "really angry"), ("worried", "worried"), ("anxious", "anxious"), ("scared", "scared"),
    ("sad", "sad"), ("stuck", "stuck"), ("tired", "worn out"), ("exhausted", "exhausted"),
    ("overwhelm", "overwhelmed"), ("disconnect", "disconnected"), ("distant", "far apart"),
    ("ignored", "ignored"), ("unheard", "unheard"), ("confused", "confused"), ("guilty", "guilty"),
    ("stress", "stressed"), ("jealous", "jealous"), ("rejected", "rejected"),
)
_PEOPLE = (
    ("wife", "your wife"), ("husband", "your husband"), ("partner", "your partner"), ("boyfriend", "your boyfriend"),
    ("girlfriend", "your girlfriend"), ("fiance", "your fiancé(e)"), ("teen", "your teen"), ("son", "your son"),
    ("daughter", "your daughter"), ("kids", "your kids"), ("mom", "your mom"), ("mum", "your mum"),
    ("dad", "your dad"), ("parents", "your parents"), ("brother", "your brother"), ("sister", "your sister"),
    ("family", "your family"),
)
_WORD = re.compile(r"[a-z']+")

_REFLECTIONS = (
    "It sounds like you're feeling {feeling}{about}.",
    "I'm hearing that you feel {feeling}{about}.",
    "That sounds like a lot to carry — feeling {feeling}{about}.",
)
_REFLECTIONS_PLAIN = (
    "Thank you for telling me what's going on{about}.",
    "I'm glad you brought this here{about}.",
    "It sounds like this has been on your mind{about}.",
)
_VALIDATIONS = (
    "That makes sense, given how much this relationship matters to you.",
    "Many people in close relationships go through something like this; it doesn't mean anything is broken.",
    "Feelings like these are worth taking seriously, and you don't have to sort them out alone.",
)
_BRIDGES = ("One idea that may help:", "Something that often helps here:", "A thought to try:")


def _pick(options: tuple[str, ...], seed: int, part: int) -> str:
    # Each part of the reply reads its own bits of the seed, so the parts vary independently.
    return options[(seed >> (part * 6)) % len(options)]


def _first_match(words: str, table: tuple[tuple[str, str], ...]) -> str | None:
    for cue, name in table:
        if re.search(rf"\b{cue}", words):
            return name
    return None


_NEUTRAL = (
    "{Person}'s side of this may look different, and both of you can have real needs at the same time.",
    "There are likely two sides here, each with its own hurt and its own hopes.",
    "Without taking sides: {person} probably experiences this differently, and that's worth getting curious about.",
)
_PRIVACY = (
    "Each person's conversation with me is private, so I can't share what anyone else has said — and I'd keep yours "
    "private in the same way. What I can do is help you with your side of this."
)
_ASKS_ABOUT_OTHERS = re.compile(
    r"\b(what (did|does|has) (my|your|her|his|their|the)\b[^?]*\b(say|said|tell|told|share|shared|write|wrote)|"
    r"(tell|show|give) me (what|everything)|secret|system prompt|ignore (your|all|previous)|debug mode|verbatim|"
    r"quote (her|him|them)|(her|his|their) chat)",
    re.IGNORECASE,
)
_AGREEMENT = (
    "You've already made an agreement that may help here: \"{text}\".",
    "Remember the agreement you made: \"{text}\" — it could be a starting point.",
)
_FAMILY = (
    "From what your family has chosen to share, needs like {labels} are in play for others too; keeping that in mind "
    "can make the next conversation gentler.",
    "It may help to remember that the people around you are working through things too — {labels}.",
)


def _labels(context: CoachContext) -> list[str]:
    """Vocabulary labels from consented family insights (never anyone's words)."""
    found: list[str] = []
    for item in context.family:
        _, _, labels = item.label.partition(": ")
        found += [label.strip() for label in labels.split(",") if label.strip()]
    return list(dict.fromkeys(found))[:3]


class OfflineCoach:
    name = "offline"

    def reply(self, context: CoachContext) -> CoachReply:
        words = " ".join(_WORD.findall(context.member_text.lower()))
        # Varied, but stable for the same message at the same point of a thread (retries read the same).
        seed = int(hashlib.sha256(f"{context.turn_number}:{words}".encode()).hexdigest()[:8], 16)
        feeling = _first_match(words, _FEELINGS)
        person = _first_match(words, _PEOPLE)
        if feeling:
            about = f" about things with {person}" if person else ""
            reflection = _pick(_REFLECTIONS, seed, 0).format(feeling=feeling, about=about)
        else:
            reflection = _pick(_REFLECTIONS_PLAIN, seed, 0).format(about=f" with {person}" if person else "")

        entries = list(context.knowledge) or retrieve(context.member_text, limit=1)
        entry = entries[(seed >> 24) % len(entries)]
        parts = [reflection]
        if _ASKS_ABOUT_OTHERS.search(context.member_text):
            parts.append(_PRIVACY)
        else:
            parts.append(_pick(_VALIDATIONS, seed, 1))
        if person:
            parts.append(_pick(_NEUTRAL, seed, 3).format(person=person, Person=person[0].upper() + person[1:]))
        if context.agreements:
            agreement = context.agreements[(seed >> 12) % len(context.agreements)]
            text = agreement.text.removeprefix("Agreement: ")
            parts.append(_pick(_AGREEMENT, seed, 4).format(text=text))
        labels = _labels(context)
        if labels:
            parts.append(_pick(_FAMILY, seed, 5).format(labels=", ".join(labels)))
        exercises, questions = entry.exercises(), entry.questions()
        parts += [
            f"{_pick(_BRIDGES, seed, 2)} {entry.offer}",
            f"A small exercise: {exercises[(seed >> 20) % len(exercises)]}",
            questions[(seed >> 16) % len(questions)],
            LABEL,
        ]
        return CoachReply(
            text="\n\n".join(parts),
            source="offline",
            model="offline-coach",
            extra={"knowledge": [entry.id]},
        )

"""The coaching knowledge base: curated, cited entries the coach retrieves by the member's situation.

Each entry says when it applies, what to offer, one small exercise, and where the idea comes from. The offline
coach composes from these; with a language model, the retrieved entries go into the prompt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    # Words and phrases that suggest the entry applies (matched on word starts, case-insensitive).
    applies_when: tuple[str, ...]
    offer: str
    exercise: str
    question: str
    source: str


ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="pursue-withdraw",
        title="Attachment styles and the pursue–withdraw cycle",
        applies_when=(
            "distant", "distance", "withdraw", "pull away", "pulls away", "shut down", "shuts down", "ignore",
            "cold", "clingy", "needy", "suffocat", "space", "anxious", "avoid", "reassur", "abandon", "disconnect",
        ),
        offer=(
            "When one partner reaches for closeness and the other pulls back, each move tends to feed the other: "
            "the more one pursues, the more the other withdraws. Naming the cycle as the shared problem, rather "
            "than either person, often softens it."
        ),
        exercise=(
            "Next time you feel the urge to push for a talk, pause and name your need in one sentence "
            "(\"I'm missing feeling close to you\") instead of asking for a resolution right now."
        ),
        question="When the distance shows up, what do you find yourself doing next?",
        source="Attachment theory (anxious, avoidant, secure styles); Inetta, \"Why Every Effort to Save Your Relationship Feels Like It's Backfiring\" (2024)",
    ),
    Entry(
        id="acknowledge-feelings",
        title="Acknowledging feelings without defending your intent",
        applies_when=(
            "controlling", "accus", "misunderst", "defend", "blame", "criticiz", "criticis", "hurt", "unfair",
            "argument", "argue", "fight", "fought", "misinterpret", "meant well",
        ),
        offer=(
            "Even when you didn't mean to come across a certain way, the impact on the other person is real to "
            "them. Acknowledging how they felt — before explaining what you intended — is often what reopens the "
            "conversation."
        ),
        exercise=(
            "Try one sentence that only reflects their experience, with no \"but\": \"It sounds like you felt "
            "pressured when I kept bringing it up.\" Then stop and listen."
        ),
        question="What do you imagine they felt in that moment, apart from what you intended?",
        source="Inetta, \"Why Every Effort to Save Your Relationship Feels Like It's Backfiring\" (2024); Gottman Institute on repair attempts",
    ),
    Entry(
        id="respect-space",
        title="Respecting a need for space",
        applies_when=("space", "alone", "overwhelm", "need time", "leave me", "pressure", "pushing", "too much"),
        offer=(
            "Pressing for resolution can feel like pressure to someone who needs space to feel safe. Giving room "
            "on purpose — and saying when you'll reconnect — often lowers the tension on both sides."
        ),
        exercise=(
            "Agree on a pause with a time attached: \"Let's take a break and come back to this after dinner.\" "
            "Use the pause for something that steadies you."
        ),
        question="What would help you feel okay while they take some space?",
        source="Inetta, \"Why Every Effort to Save Your Relationship Feels Like It's Backfiring\" (2024)",
    ),
    Entry(
        id="boundaries-to-agreements",
        title="From boundaries to agreements",
        applies_when=("boundar", "rule", "not allowed", "friends", "phone", "jealous", "trust", "agree", "promise", "deal"),
        offer=(
            "A boundary imposed on someone else can feel like control; an agreement made together honours both "
            "people's needs. Shifting from \"you can't\" to \"what could we both live with?\" keeps autonomy and "
            "connection on the same side."
        ),
        exercise=(
            "Write down the need under the rule you want (for example, \"I need to feel I matter to you\"), then "
            "suggest two or three agreements that would meet it, and ask which one works for them."
        ),
        question="What is the need underneath the boundary you've been trying to set?",
        source="Inetta, \"Why Every Effort to Save Your Relationship Feels Like It's Backfiring\" (2024)",
    ),
    Entry(
        id="supporting-depression",
        title="Supporting a loved one with depression",
        applies_when=(
            "depress", "low mood", "sad all", "won't get out of bed", "tired all", "fatigue", "hopeless about",
            "withdrawn", "irritable", "no energy", "therapy", "diagnos",
        ),
        offer=(
            "Depression is a medical condition, not laziness. What helps most: learning about it, listening "
            "without judging or fixing, open questions, practical help done together (\"with you\"), tiny goals, "
            "and looking after yourself too, with compassionate limits."
        ),
        exercise=(
            "Offer one small \"with you\" task this week — \"Would it help if we made a meal plan together?\" — "
            "and celebrate a micro-goal like a five-minute walk."
        ),
        question="What has your loved one seemed to need most from you lately, and what do you need?",
        source="Inetta, \"How to Support a Loved One with Depression\" (2024); National Institute of Mental Health; NAMI",
    ),
    Entry(
        id="parent-teen",
        title="Parent and teen communication",
        applies_when=(
            "teen", "teenager", "son", "daughter", "kid", "child", "curfew", "grounded", "slammed", "homework",
            "my mom", "my dad", "my parents", "school",
        ),
        offer=(
            "Teens open up when they feel heard before they feel managed. For parents: acknowledge the teen's "
            "feelings first, then address the issue. For teens: say what you feel and what you need, not only "
            "what you're against."
        ),
        exercise=(
            "Try a low-pressure moment (a drive, a walk) and one open question, such as \"What's been the hardest "
            "part of this week?\" — then listen without correcting."
        ),
        question="What do you think the other person most needs to hear from you right now?",
        source="Inetta, \"How to Balance Between Your Family and Yourself\" (2024); American Academy of Pediatrics guidance on talking with teens",
    ),
    Entry(
        id="stress-regulation",
        title="Stress and emotional regulation",
        applies_when=(
            "stress", "anxious", "angry", "furious", "overwhelm", "can't calm", "snapped", "yell", "burnout",
            "exhausted", "work", "panic",
        ),
        offer=(
            "When stress runs high, the body's alarm makes every conversation harder. Calming the body first — "
            "then talking — is a skill anyone can practise."
        ),
        exercise=(
            "Before the next hard conversation, take two minutes of slow breathing (in for 4, out for 6), and name "
            "the feeling to yourself in one word."
        ),
        question="What usually tells you that you're reaching your limit?",
        source="American Psychological Association, stress management; Inetta, \"How to Balance Between Your Family and Yourself\" (2024)",
    ),
    Entry(
        id="gratitude",
        title="Small positive steps: gratitude and micro-goals",
        applies_when=("grateful", "gratitude", "better", "progress", "small step", "goal", "habit", "good day"),
        offer=(
            "Small, achievable steps and noticing what went well build momentum — for you and for the people "
            "you care about."
        ),
        exercise="Jot down one thing each day that you appreciated about someone in your family, and tell them once this week.",
        question="What is one small thing that went a little better this week?",
        source="Inetta, \"How to Support a Loved One with Depression\" (2024); research on gratitude journaling",
    ),
)

_WORD = re.compile(r"[a-z']+")


def retrieve(text: str, limit: int = 2) -> list[Entry]:
    """The entries that best fit what the member wrote; a general one when nothing matches."""
    lowered = " " + " ".join(_WORD.findall(text.lower())) + " "
    scored = []
    for position, entry in enumerate(ENTRIES):
        score = sum(1 for cue in entry.applies_when if f" {cue}" in lowered)
        if score:
            scored.append((-score, position, entry))
    scored.sort()
    chosen = [entry for _, _, entry in scored[:limit]]
    return chosen or [by_id("acknowledge-feelings")]


def by_id(entry_id: str) -> Entry:
    for entry in ENTRIES:
        if entry.id == entry_id:
            return entry
    raise KeyError(entry_id)

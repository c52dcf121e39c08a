"""The closed vocabulary of insights.

What context building shares with another member (themes, a summary) is composed from these labels alone: a
member's own words never cross to someone else's prompt, whatever they wrote (a secret, an instruction to the
model, a quote). With a language model the extraction schema is an enum of these ids, so the model cannot put
free text where a label belongs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    id: str
    # How the coach names it, in the third person, with no one's words: "feeling unheard".
    plain: str
    cues: tuple[str, ...]


THEMES: tuple[Label, ...] = (
    Label("unheard", "feeling unheard", ("unheard", "not listening", "doesn't listen", "don't listen", "never listen", "ignored", "ignores me", "dismiss")),
    Label("lonely", "feeling lonely or disconnected", ("lonely", "alone", "disconnect", "distant", "far apart", "miss us")),
    Label("overwhelmed", "feeling overwhelmed", ("overwhelm", "too much", "can't cope", "drowning", "exhausted", "burnt out", "burnout")),
    Label("criticised", "feeling criticised or blamed", ("criticiz", "criticis", "blame", "nag", "accus", "always wrong", "controlling")),
    Label("unappreciated", "feeling unappreciated", ("unappreciated", "taken for granted", "never thank", "no one notices", "do everything")),
    Label("worried", "worry about the relationship", ("worried", "worry", "afraid", "scared", "anxious")),
    Label("frustrated", "frustration with recurring arguments", ("frustrat", "fight", "fought", "argue", "argument", "again and again", "same fight")),
    Label("hurt", "feeling hurt", ("hurt", "betray", "let down", "disappoint")),
    Label("stressed", "stress from outside the relationship", ("stress", "work", "deadline", "money worries", "job")),
    Label("hopeful", "hope and wish to improve things", ("hope", "want to fix", "want to make it work", "better", "try harder", "love")),
)

NEEDS: tuple[Label, ...] = (
    Label("closeness", "a need for closeness and reassurance", ("reassur", "closer", "closeness", "affection", "miss", "lonely", "distant", "attention")),
    Label("space", "a need for space and time to recharge", ("space", "alone time", "need time", "leave me", "breathe", "too much", "pressure")),
    Label("respect", "a need to feel respected", ("respect", "disrespect", "talk down", "treated like a child", "controlling")),
    Label("autonomy", "a need for independence", ("independen", "my own", "my friends", "freedom", "privacy", "not allowed", "curfew")),
    Label("support", "a need for practical support", ("help me", "alone with", "do everything", "support", "chores", "housework")),
    Label("understanding", "a need to be understood", ("understand", "unheard", "listen", "get me", "hear me")),
)

# Attachment tendencies: what each looks like in someone's own account (their evidence is their own words).
ATTACHMENT: tuple[Label, ...] = (
    Label("anxious", "anxious (seeks reassurance, fears distance)", ("reassur", "clingy", "needy", "afraid he", "afraid she", "afraid they", "leave me", "abandon", "texted again", "keep texting", "need to know", "keep asking", "doesn't love me", "does not love me")),
    Label("avoidant", "avoidant (pulls back under pressure, needs space)", ("need space", "need my space", "shut down", "shut off", "pull away", "withdraw", "don't want to talk", "leave me alone", "suffocat", "smothered", "walk away")),
    Label("secure", "secure (names feelings, repairs after conflict)", ("we talked it through", "talked it out", "told her how i felt", "told him how i felt", "apologi", "made up", "calmly", "we worked it out")),
)

# Relationship patterns seen from one member's account.
PURSUE_CUES = ("try to talk", "keep trying", "chase", "pursue", "keep asking", "keep texting", "need to talk", "want to talk", "reassur")
WITHDRAW_CUES = ("pulls away", "pull away", "shuts down", "shut down", "withdraw", "goes quiet", "silent", "walks away", "won't talk", "doesn't talk", "ignores", "distant", "need space", "leave me alone")
PATTERNS: tuple[Label, ...] = (
    Label("pursue-withdraw", "a pursue–withdraw cycle (one reaches for closeness, the other pulls back)", ()),
    Label("escalation", "arguments that escalate quickly", ("yell", "scream", "shout", "slammed", "blew up", "explode")),
    Label("stonewalling", "shutting down in conflict", ("silent treatment", "stonewall", "won't talk", "walks away")),
)

TOPICS: tuple[Label, ...] = (
    Label("money", "money", ("money", "spend", "budget", "debt", "bills")),
    Label("chores", "household chores", ("chore", "dishes", "laundry", "housework", "cleaning", "tidy")),
    Label("screens", "phones and screen time", ("phone", "screen", "gaming", "instagram", "tiktok", "social media")),
    Label("parenting", "parenting", ("parenting", "the kids", "our son", "our daughter", "bedtime", "discipline")),
    Label("school", "school", ("school", "homework", "grades", "exam")),
    Label("curfew", "curfew and going out", ("curfew", "going out", "party", "late home")),
    Label("in-laws", "extended family", ("in-law", "inlaw", "mother-in-law", "his mom", "her mom", "his parents", "her parents")),
    Label("intimacy", "intimacy and affection", ("intimacy", "affection", "sex", "cuddle", "touch")),
    Label("work", "work and time together", ("work", "job", "overtime", "late at the office", "time together")),
    Label("health", "health and mood", ("depress", "anxiety", "therapy", "sick", "illness", "mood")),
)

BY_ID: dict[str, Label] = {label.id: label for group in (THEMES, NEEDS, ATTACHMENT, PATTERNS, TOPICS) for label in group}

_WORD = re.compile(r"[a-z0-9']+")


def normalise(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.lower().replace("’", "'"))) + " "


def hits(normalised: str, cues: tuple[str, ...]) -> int:
    return sum(1 for cue in cues if f" {cue}" in normalised)


def plain(label_id: str) -> str:
    return BY_ID[label_id].plain

"""What a check-in says. Plain, short, warm; composed from the member's own data and what others consented to.

- follow-ups (crisis, agreement) and reminders come from their items;
- micro-goals and gratitude prompts from the curated lists below (the seed's depression and attachment advice);
- the weekly insight from the member's own chat only (counts and vocabulary labels, never anyone else's words);
- conflict anticipation (`rising_tension`) names a topic label from the closed vocabulary below — never a person,
  never a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

GREETING = "Hi, it's your coach checking in."
# Under "why this reply", per kind of content: what brought it, never whose words or whose tension.
WHY_WORDS = {
    "crisis_follow_up": "a follow-up Inetta books a day after a difficult moment you shared",
    "reminder": "a reminder you asked for",
    "agreement_follow_up": "a follow-up of an agreement you made in a mediation",
    "conflict_anticipation": "a topic that seems tense in your circle lately (no one's words are used)",
    "weekly_insight": "patterns in your own chat this week",
    "gratitude": "your check-in schedule: a gratitude prompt",
    "micro_goal": "your check-in schedule: a small goal for today",
}

MICRO_GOALS = (
    "A micro-goal for the next day or two: one ten-minute walk or coffee together, phones away. Small counts.",
    "A micro-goal: the next time someone close to you shares something hard, try acknowledging the feeling first "
    "(\"that sounds really frustrating\") before explaining your side.",
    "A micro-goal: offer one practical bit of help \"with\" someone rather than \"for\" them — doing a task together "
    "says more than advice.",
    "A micro-goal: ask one open question today (\"what was the best part of your day?\") and just listen to the answer.",
    "A micro-goal: if a conversation starts to heat up, suggest a short break and name a time to come back to it. "
    "Space given kindly is not distance.",
    "A micro-goal: notice one moment today when you felt close to someone, and tell them about it.",
    "A micro-goal for you alone: ten minutes of something that recharges you. Looking after yourself is part of "
    "looking after your relationships.",
)

GRATITUDE_PROMPTS = (
    "A gratitude prompt: what is one small thing someone in your family did this week that you appreciated? "
    "Consider telling them.",
    "A gratitude prompt: write down three things that went well today, however small.",
    "A gratitude prompt: think of a moment recently when you felt supported. Who was it, and what did they do?",
    "A gratitude prompt: what is something about your partner or family you're glad hasn't changed?",
    "A gratitude prompt: name one thing you did well this week in how you showed up for the people you love.",
)

CRISIS_FOLLOW_UP = (
    "I wanted to check in after our conversation yesterday. How are you doing today? You don't have to have it "
    "all figured out — I'm here to listen, whenever you want to talk. If you're not safe right now, please call "
    "your local emergency number or a crisis line (in the US, call or text 988); ask me and I'll share the "
    "numbers for where you are."
)

# The closed vocabulary of tension signals: a topic label and its cues; tension words that mark a message as tense.
TOPICS: dict[str, tuple[str, tuple[str, ...]]] = {
    "money": ("money", ("money", "spend", "spending", "budget", "debt", "bills", "rent")),
    "chores": ("household chores", ("chore", "dishes", "laundry", "housework", "cleaning", "tidy", "mess")),
    "screens": ("phones and screen time", ("phone", "screen", "gaming", "video games", "instagram", "tiktok")),
    "school": ("school and homework", ("school", "homework", "grades", "exam", "teacher")),
    "curfew": ("curfew and going out", ("curfew", "going out", "party", "late home", "came home late")),
    "in-laws": ("extended family", ("in-law", "in-laws", "his mom", "her mom", "his parents", "her parents")),
    "work": ("work and time together", ("work", "job", "overtime", "office", "time together")),
    "parenting": ("parenting", ("parenting", "the kids", "bedtime", "discipline")),
    "intimacy": ("intimacy and affection", ("intimacy", "affection", "sex", "cuddle")),
}
TENSION_CUES = ("argue", "argument", "fight", "fought", "angry", "furious", "yell", "shout", "scream", "upset",
                "frustrat", "annoyed", "unfair", "sick of", "tired of", "fed up", "again", "blow up", "blew up",
                "slammed", "hate", "resent", "tense", "tension")
WARM_CUES = ("thank", "grateful", "appreciat", "better", "calm", "closer", "laughed", "fun", "talked it through",
             "made up", "hug", "proud", "happy")

_WORD = re.compile(r"[a-z0-9'\-]+")


def _normal(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.lower().replace("’", "'"))) + " "


def _has(normal: str, cues: tuple[str, ...]) -> bool:
    return any((" " + cue) in normal for cue in cues)


def topics_in(text: str) -> list[str]:
    normal = _normal(text)
    return [topic for topic, (_, cues) in TOPICS.items() if _has(normal, cues)]


def tense(text: str) -> bool:
    return _has(_normal(text), TENSION_CUES)


def topic_label(topic: str) -> str:
    return TOPICS[topic][0] if topic in TOPICS else topic


def pick(options: tuple[str, ...], seed: int) -> str:
    return options[seed % len(options)]


@dataclass
class Week:
    messages: int = 0
    tense: int = 0
    warm: int = 0
    topics: dict[str, int] = field(default_factory=dict)
    tense_topics: dict[str, int] = field(default_factory=dict)


def weeks(messages: list[dict[str, Any]], now: datetime) -> tuple[Week, Week]:
    """The member's own messages of the last 7 days and of the 7 before, counted (author = member only)."""
    this, last = Week(), Week()
    for message in messages:
        if message.get("author") != "member":
            continue
        at = datetime.strptime(message["created_at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=now.tzinfo)
        age = now - at
        week = this if age <= timedelta(days=7) else last if age <= timedelta(days=14) else None
        if week is None:
            continue
        text = message.get("text", "")
        week.messages += 1
        is_tense = tense(text)
        week.tense += is_tense
        week.warm += _has(_normal(text), WARM_CUES)
        for topic in topics_in(text):
            week.topics[topic] = week.topics.get(topic, 0) + 1
            if is_tense:
                week.tense_topics[topic] = week.tense_topics.get(topic, 0) + 1
    return this, last


def rising_topics(this: Week, last: Week) -> list[str]:
    """Topics that came up tense at least twice this week, and more often than the week before."""
    return sorted(t for t, n in this.tense_topics.items() if n >= 2 and n > last.tense_topics.get(t, 0))


def weekly_insight(this: Week, last: Week) -> str | None:
    if this.messages == 0:
        return None
    parts = [f"Your week, from our conversations: you wrote to me {this.messages} "
             f"time{'s' if this.messages != 1 else ''}."]
    if this.topics:
        top = max(sorted(this.topics), key=lambda t: this.topics[t])
        parts.append(f"What came up most was {topic_label(top)}.")
    if last.messages:
        if this.tense < last.tense:
            parts.append("There were fewer tense moments than the week before — something you're doing is working.")
        elif this.tense > last.tense:
            parts.append("There were more tense moments than the week before. Be gentle with yourself; "
                         "noticing it is the first step.")
    if this.warm > last.warm and this.warm:
        parts.append("You also mentioned more warm moments than before. Worth holding on to.")
    return " ".join(parts)


def nudge(topic: str, circle_kind: str, own: bool) -> str:
    where = "between the two of you" if circle_kind == "couple" else "in your family"
    mine = " You've mentioned it yourself, too." if own else ""
    return (f"A gentle heads-up: {topic_label(topic)} seems to be a sore spot {where} right now.{mine} "
            "Conflicts are easier to handle before they flare: you might pick a calm moment, start with how you "
            "feel rather than what they did, and look for an agreement that works for everyone. Would you like "
            "to plan that conversation with me?")


def agreement_follow_up(topic: str | None, text: str | None) -> str:
    about = f" about {topic}" if topic else ""
    quoted = f" (\"{text[:280]}\")" if text else ""
    return (f"Following up on the agreement you made{about}{quoted}: how is it going? What is working, and is "
            "there anything you'd like to adjust together?")

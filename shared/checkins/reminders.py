"""Reminders a member asks for in chat: "remind me on Friday to ask Sam about her exam".

`parse_reminder(text, now, tz)` recognises the request and resolves when (in the member's time zone) and what
("ask Sam about her exam", turned to the second person for the check-in: "call my mum" → "call your mum").
`remember_if_asked(table, member_id, text)` is the one call the chat turn makes after storing the member's message:
it reads the member's time zone, parses, and stores the reminder with its wake-up (idempotent: a retried turn
stores nothing twice). The check-in that delivers it lands in the member's thread at the resolved time (or at the
end of their quiet hours).

Understood: today, tonight, tomorrow, (on|this|next) <weekday>, in N minutes|hours|days|weeks, "at 5pm" /
"at 17:30" / "at 9", "in the morning|afternoon|evening", the day and the time in either order, before or after
the "to ..." part. A day without a time means 09:00 local (tonight: 19:00). Anything else: None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from shared.checkins.schedule import zone

UTC = timezone.utc
DEFAULT_TIME = time(9, 0)
MAX_AHEAD = timedelta(days=366)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PARTS_OF_DAY = {"morning": time(9, 0), "afternoon": time(14, 0), "evening": time(19, 0), "tonight": time(19, 0)}
_UNITS = {"minute": 60, "min": 60, "hour": 3600, "day": 86400, "week": 7 * 86400}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}

_REQUEST = re.compile(r"\bremind\s+me\b(?P<rest>.*)", re.IGNORECASE | re.DOTALL)
_DAY = re.compile(
    r"\b(?:(?P<rel>today|tonight|tomorrow)|(?:(?:on|this|next)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")s?)\b",
    re.IGNORECASE)
_IN = re.compile(r"\bin\s+(?P<n>\d+|an?|one|two|three|four|five|six|seven|ten)\s+(?P<unit>minute|min|hour|day|week)s?\b",
                 re.IGNORECASE)
_AT = re.compile(r"\bat\s+(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?(?=\W|$)", re.IGNORECASE)
_PART = re.compile(r"\b(?:in\s+the\s+)?(?P<part>morning|afternoon|evening)\b", re.IGNORECASE)
_SECOND_PERSON = {"my": "your", "me": "you", "i": "you", "i'm": "you're", "myself": "yourself", "mine": "yours",
                  "i've": "you've", "i'll": "you'll", "am": "are"}


@dataclass(frozen=True)
class Reminder:
    what: str  # in the second person, as the coach will say it: "ask Sam about her exam"
    due_at: datetime  # UTC
    time_zone: str

    @property
    def text(self) -> str:
        return f"You asked me to remind you to {self.what}." if not self.what.lower().startswith(("about", "that")) \
            else f"You asked me to remind you {self.what}."


def _second_person(words: str) -> str:
    def swap(match: re.Match) -> str:
        word = match.group(0)
        replacement = _SECOND_PERSON.get(word.lower())
        if replacement is None:
            return word
        return replacement.capitalize() if word[0].isupper() and word.lower() != "i" else replacement
    return re.sub(r"[A-Za-z']+", swap, words)


def _clock(match: re.Match) -> time | None:
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    elif not ampm and 1 <= hour <= 7:
        hour += 12  # "at 5" means the afternoon
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_reminder(text: str, now: datetime, tz: str = "UTC") -> Reminder | None:
    """The reminder `text` asks for, resolved in time zone `tz` from `now` (aware); None if it asks for none."""
    request = _REQUEST.search(text or "")
    if not request:
        return None
    rest = request.group("rest")
    local_zone = zone(tz)
    local_now = now.astimezone(local_zone)
    when: datetime | None = None
    spans: list[tuple[int, int]] = []

    relative = _IN.search(rest)
    if relative:
        amount = int(relative.group("n")) if relative.group("n").isdigit() else _NUMBERS[relative.group("n").lower()]
        when = now.astimezone(UTC) + timedelta(seconds=amount * _UNITS[relative.group("unit").lower()])
        spans.append(relative.span())
    else:
        day_match, at_match, part_match = _DAY.search(rest), _AT.search(rest), _PART.search(rest)
        if not (day_match or at_match or part_match):
            return None
        clock = _clock(at_match) if at_match else None
        if at_match and clock is None:
            return None
        if clock is None and part_match:
            clock = PARTS_OF_DAY[part_match.group("part").lower()]
        day = local_now.date()
        if day_match:
            spans.append(day_match.span())
            if day_match.group("rel"):
                relative_day = day_match.group("rel").lower()
                if relative_day == "tomorrow":
                    day += timedelta(days=1)
                if relative_day == "tonight" and clock is None:
                    clock = PARTS_OF_DAY["tonight"]
            else:
                wanted = WEEKDAYS.index(day_match.group("weekday").lower())
                ahead = (wanted - local_now.weekday()) % 7
                if day_match.group(0).lower().startswith("next") and ahead == 0:
                    ahead = 7
                day += timedelta(days=ahead)
        for match in (at_match, part_match):
            if match:
                spans.append(match.span())
        clock = clock or DEFAULT_TIME
        local = datetime.combine(day, clock, tzinfo=local_zone).astimezone(UTC)
        if local <= now:
            if day_match and day_match.group("rel"):
                return None  # "today at 8" asked at ten: not guessed
            step = 7 if day_match else 1  # "on Friday" said on Friday evening: next Friday
            local = datetime.combine(day + timedelta(days=step), clock, tzinfo=local_zone).astimezone(UTC)
        when = local

    what = _what(rest, spans)
    if not what or when is None or when - now > MAX_AHEAD:
        return None
    return Reminder(what=_second_person(what), due_at=when.astimezone(UTC), time_zone=tz)


def _what(rest: str, spans: list[tuple[int, int]]) -> str:
    """The thing to be reminded of: the "to ..." (or "about ...", "that ...") part, without the time words."""
    cleaned = list(rest)
    for start, end in spans:
        for index in range(start, end):
            cleaned[index] = " "
    plain = re.sub(r"\s+", " ", "".join(cleaned)).strip()
    found = re.search(r"\b(to|about|that)\s+(.+)", plain, re.IGNORECASE)
    if not found:
        return ""
    keyword, body = found.group(1).lower(), found.group(2)
    body = re.sub(r"\s+(on|at|in|by)\s*$", "", body.strip(" .!?,;"), flags=re.IGNORECASE).strip(" .!?,;")
    if not body:
        return ""
    return body[:300] if keyword == "to" else f"{keyword} {body[:300]}"


def remember_if_asked(table: str, member_id: str, text: str, now: datetime | None = None, client=None) -> Reminder | None:
    """For the chat turn: if the member's message asks for a reminder, store it (with its wake-up). Idempotent."""
    from shared.store.checkins import CheckinStore

    if not _REQUEST.search(text or ""):
        return None  # the common case costs nothing: no read at all
    store = CheckinStore(table, client)
    preferences = store.preferences(member_id)
    now = now or datetime.now(UTC)
    reminder = parse_reminder(text, now, preferences.time_zone)
    if reminder is not None:
        store.add_reminder(member_id, reminder, now)
    return reminder

"""Domain models shared by the services: what a member, a thread and a message are."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field, StrictBool, field_validator

# A message longer than this is refused: it bounds prompt size and storage per item.
MAX_MESSAGE_CHARS = 8000


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """ISO-8601 with microseconds and a fixed width, so that string order is time order."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Author(StrEnum):
    MEMBER = "member"
    COACH = "coach"


class ReplySource(StrEnum):
    """Who composed a coach message: the language model, the offline coach, the safety protocol or a check-in."""

    LLM = "llm"
    OFFLINE = "offline"
    # The crisis protocol: a reviewed safe-messaging reply with resources, never a language model's.
    SAFETY = "safety"
    # A check-in the coach sent on its own (schedule, follow-up, reminder, nudge), not a reply to a message.
    CHECKIN = "checkin"


class Message(BaseModel):
    id: str
    thread_id: str
    author: Author
    text: str
    created_at: str
    source: ReplySource | None = None
    model: str | None = None
    # Shown to the member beside a reply, e.g. why the offline coach answered.
    note: str | None = None
    # The screener's question of a crisis reply offers shared.safety.question.QUICK_ANSWERS.
    quick_replies: list[str] = Field(
        default_factory=list,
        description="Answers the member can send with one tap, offered while this reply is the thread's last message",
    )


class Thread(BaseModel):
    id: str
    kind: str = "private"
    title: str = "My coach"
    created_at: str
    last_message_at: str | None = None
    message_count: int = 0
    summary: str = ""


class ChatTurn(BaseModel):
    """What a member gets back for one message: their stored message and the coach's reply."""

    message: Message
    reply: Message
    replayed: bool = Field(default=False, description="True when this answers a retried request")


class MessagePage(BaseModel):
    messages: list[Message]
    next_cursor: str | None = None


# --- circles, consent and data rights (issue 3) ---------------------------------------------------------


class CircleKind(StrEnum):
    COUPLE = "couple"
    FAMILY = "family"


class Role(StrEnum):
    """A member's place in a circle. Roles describe relationships; what a member may do is `admin`."""

    PARTNER = "partner"
    PARENT = "parent"
    TEEN = "teen"
    CHILD = "child"
    SIBLING = "sibling"
    OTHER = "other"


class ConsentLevel(StrEnum):
    """How much of what a member says may inform the coach in someone else's chat. Ordered: private < themes < summary."""

    PRIVATE = "private"  # nothing
    THEMES = "themes"  # abstract needs and patterns
    SUMMARY = "summary"  # a short summary the member can read first


class CircleMember(BaseModel):
    member_id: str
    role: Role
    admin: bool = False
    minor: bool = False
    display_name: str = ""
    joined_at: str


class Circle(BaseModel):
    id: str
    kind: CircleKind
    name: str
    created_at: str
    member_count: int
    # The caller's own place in the circle.
    me: CircleMember


class CircleDetail(Circle):
    members: list[CircleMember]


class Invite(BaseModel):
    """Shown once, to the admin who made it: the code is stored only as a hash."""

    code: str
    circle_id: str
    role: Role
    minor: bool
    expires_at: str


class ConsentRule(BaseModel):
    """What the caller lets inform the coach for one other member: their own rule, and what applies in effect."""

    member_id: str
    role: Role
    minor: bool
    rule: ConsentLevel | None = Field(default=None, description="The caller's rule for this member; None: the default")
    effective: ConsentLevel


class SharedWithMe(BaseModel):
    """What another member lets inform the coach in the caller's chat."""

    member_id: str
    role: Role
    effective: ConsentLevel


class CircleConsents(BaseModel):
    circle_id: str
    default: ConsentLevel
    members: list[ConsentRule]
    shared_with_me: list[SharedWithMe]


class ConsentChange(BaseModel):
    """One entry of a member's consent audit trail: who changed what, when."""

    at: str
    actor: str = Field(description="`self`, or `system` when a rule went because someone left the circle")
    action: str
    circle_id: str
    # None for the circle-wide default, or once that member has left the circle or deleted their account.
    member_id: str | None = None
    member_role: Role | None = None
    previous: ConsentLevel | None = None
    level: ConsentLevel | None = None


class ConsentAuditPage(BaseModel):
    changes: list[ConsentChange]
    next_cursor: str | None = None


class MemberSettings(BaseModel):
    message_retention_days: int | None = Field(
        default=None, description="Messages older than this are deleted; None keeps them until the member deletes them"
    )


# --- check-ins (issue 7) ---------------------------------------------------------------------------------------


class CheckinFrequency(StrEnum):
    DAILY = "daily"
    FEW_TIMES_WEEK = "few_times_week"  # Monday, Wednesday and Friday
    WEEKLY = "weekly"
    OFF = "off"


_HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class QuietHours(BaseModel):
    """Local times between which no check-in arrives (it waits until `end`); may span midnight (22:00–07:00)."""

    start: str = Field(pattern=_HHMM)
    end: str = Field(pattern=_HHMM)


class CheckinChannels(BaseModel):
    # Strict, as every boolean a client sends: `0` or "no" is refused (422), never read as false.
    thread: StrictBool = Field(default=True, description="The check-in is written into the member's private thread")
    push: StrictBool = Field(default=True, description="An `inetta.checkins` event on the default bus, for mobile push")


class CheckinPreferences(BaseModel):
    """A member's check-in preferences (`GET/PUT /me/checkins`). Off until the member turns check-ins on."""

    frequency: CheckinFrequency = CheckinFrequency.OFF
    time: str = Field(default="19:00", pattern=_HHMM, description="Preferred local time, HH:MM")
    time_zone: str = Field(default="UTC", max_length=64, description="IANA time zone, e.g. Europe/Paris")
    weekday: int = Field(default=6, ge=0, le=6, description="For `weekly`: 0 = Monday … 6 = Sunday")
    quiet_hours: QuietHours | None = Field(default_factory=lambda: QuietHours(start="22:00", end="07:00"))
    channels: CheckinChannels = Field(default_factory=CheckinChannels)
    next_check_in_at: str | None = Field(default=None, description="Read-only: the next routine check-in (UTC)")

    @field_validator("weekday", mode="before")
    @classmethod
    def _whole_number(cls, value):
        # `false` or "3" from a client is refused (422), not read as Monday; the table gives Decimals.
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise ValueError("must be a whole number from 0 (Monday) to 6 (Sunday)")
        return value

"""Domain models shared by the services: what a member, a thread and a message are."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum

from pydantic import BaseModel, Field

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
    """Who composed a coach message: the language model, or the offline coach."""

    LLM = "llm"
    OFFLINE = "offline"


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

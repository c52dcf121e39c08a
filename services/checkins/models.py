"""Request bodies of the check-ins routes (responses are `shared.models.CheckinPreferences`)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class NewReminder(BaseModel):
    """`POST /me/reminders`: the member's own words, as they would say them in chat."""

    text: str = Field(min_length=1, max_length=500, description='e.g. "remind me on Friday to ask Sam about her exam"')


class ReminderCreated(BaseModel):
    reminder_id: str
    what: str = Field(description="What the coach will remind the member of, in the second person")
    due_at: str = Field(description="When (UTC); the check-in waits for the end of the member's quiet hours")
    status: str

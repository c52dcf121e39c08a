"""What the chat API accepts."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from shared.models import MAX_MESSAGE_CHARS

MessageText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_MESSAGE_CHARS)]


class NewMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: MessageText

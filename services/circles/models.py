"""What the circles and account routes accept."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints

from shared.models import CircleKind, Role

CircleName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]
# What `secrets.token_urlsafe(24)` gives: 32 URL-safe characters.
InviteCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_\-]{32}$")]


class NewCircle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: CircleKind
    name: CircleName
    role: Role | None = Field(default=None, description="The creator's role; partner in a couple, parent in a family")
    minor: StrictBool | None = None
    display_name: DisplayName = ""


class NewInvite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role
    minor: StrictBool | None = Field(default=None, description="Under 18; teens and children are unless told otherwise")


class AcceptInvite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: InviteCode
    display_name: DisplayName = ""
    minor: StrictBool | None = None


class AdminChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    admin: StrictBool


class SettingsChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Required, but may be null: null removes the limit.
    message_retention_days: Annotated[StrictInt, Field(ge=1, le=3650)] | None

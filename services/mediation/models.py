"""Request bodies of the mediation routes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator

from shared.mediation import MAX_AMENDMENT_CHARS, MAX_PERSPECTIVE_CHARS, MAX_TOPIC_CHARS

MemberId = str


class NewMediation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    circle_id: str = Field(pattern=r"^c_[0-9a-f]{20}$")
    parties: list[MemberId] = Field(min_length=1, max_length=19, description="The other members, not yourself")
    topic: str = Field(min_length=1, max_length=MAX_TOPIC_CHARS)

    @field_validator("topic")
    @classmethod
    def _topic(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @field_validator("parties")
    @classmethod
    def _parties(cls, value: list[str]) -> list[str]:
        for party in value:
            if not (1 <= len(party) <= 64) or not all(c.isalnum() or c == "-" for c in party):
                raise ValueError("each party is a member id")
        return value


class Participation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    join: StrictBool


class Perspective(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feelings: str = Field(default="", max_length=MAX_PERSPECTIVE_CHARS)
    needs: str = Field(default="", max_length=MAX_PERSPECTIVE_CHARS)
    requests: str = Field(default="", max_length=MAX_PERSPECTIVE_CHARS)
    # Which parts may inform the joint synthesis (as abstract needs, never as words); the rest informs only the
    # coach's advice to you.
    share: list[Literal["feelings", "needs", "requests"]] = Field(default_factory=lambda: ["needs", "requests"])

    @model_validator(mode="after")
    def _something(self) -> "Perspective":
        if not (self.feelings.strip() or self.needs.strip() or self.requests.strip()):
            raise ValueError("say at least one of feelings, needs or requests")
        return self


class AgreementResponse(BaseModel):
    model_config = ConfigDict(extra="forbid")

    response: Literal["accept", "amend", "decline"]
    amendment: str | None = Field(default=None, max_length=MAX_AMENDMENT_CHARS)

    @model_validator(mode="after")
    def _amendment(self) -> "AgreementResponse":
        if self.response == "amend" and not (self.amendment or "").strip():
            raise ValueError("an amendment needs its text")
        if self.response != "amend" and self.amendment:
            raise ValueError("only an amendment carries text")
        return self

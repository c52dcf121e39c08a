"""What the consent routes accept."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from shared.models import ConsentLevel


class LevelChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: ConsentLevel

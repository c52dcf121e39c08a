"""One piece of context a reply may use, with its plain-words explanation for "why this reply"."""

from __future__ import annotations

from dataclasses import dataclass

# Kinds, in the order the prompt presents them.
KINDS = ("summary", "recent", "goal", "attachment", "pattern", "topic", "agreement", "insight", "knowledge")


@dataclass(frozen=True)
class ContextItem:
    kind: str
    id: str
    # What the prompt gets.
    text: str
    # What the member reads under "why this reply". Never another member's words: for insights, vocabulary labels.
    label: str

    def record(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "label": self.label}

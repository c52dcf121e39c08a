"""Crisis screening for every member-authored text, before any LLM sees it.

    from shared.safety import screen
    r = screen("he choked me last night", locale="en-US")
    r.escalate, r.category, r.severity, r.danger, r.signals

Layered, cheapest first, all in-process and offline:

1. reviewed rules (``rules.py``): C-SSRS statements, the LAP danger items, child safety, harm to others, medical
   emergencies, with idiom and negation guards. A strong rule decides on its own.
2. a linear head over hashed TF-IDF features (``model.py``), trained by ``scripts/train_crisis_head.py``; consulted
   only when no strong rule fired. Weak rule cues ("I can't do this anymore") lower its threshold.

``screen`` is thread-safe; the head (a few MB in memory) is loaded once, on first use. ``locale`` is accepted for
the callers' convenience (resources are chosen by the reply layer); detection is English-only today.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .rules import laughing, match, negated_spans_removed, normalise, suicide_severity
from .vocab import (
    ABUSE,
    CATEGORIES,
    CATEGORY_PRIORITY,
    CHILD_SAFETY,
    DANGER,
    DANGER_LEVELS,
    HARM_TO_OTHERS,
    MEDICAL_EMERGENCY,
    SEVERITIES,
    SUICIDE_SELF_HARM,
    danger_rank,
    severity_rank,
)

__all__ = [
    "screen", "ScreenResult", "CATEGORIES", "SEVERITIES", "DANGER_LEVELS",
    "SUICIDE_SELF_HARM", "ABUSE", "CHILD_SAFETY", "HARM_TO_OTHERS", "MEDICAL_EMERGENCY", "warm_up",
]

# Rules whose statements are often jokes when they come with "lol", "haha", an emoji... ("he said he'd kill me if I
# spoiled the finale haha"): with a laugh marker they only count as weak cues.
_LAUGH_SENSITIVE = {"abu.threat_to_kill", "har.intent", "har.thoughts"}
_MODEL_CLASSES = {"suicide": SUICIDE_SELF_HARM, "abuse": ABUSE}
_SHORT_WORDS = 40


@dataclass(frozen=True)
class ScreenResult:
    escalate: bool
    category: str | None = None
    severity: str | None = None
    danger: str | None = None
    signals: list[str] = field(default_factory=list)   # rule / model ids only, never user text
    categories: list[str] = field(default_factory=list)  # every category that fired, the reported one first
    scores: dict[str, float] = field(default_factory=dict)  # classifier probabilities, when it was consulted

    def as_dict(self) -> dict:
        return {"escalate": self.escalate, "category": self.category, "severity": self.severity,
                "danger": self.danger, "signals": list(self.signals), "categories": list(self.categories)}


NO_CRISIS = ScreenResult(escalate=False)


def warm_up() -> None:
    """Compile the rules and load the classifier now (e.g. at Lambda init) instead of on the first message."""
    from .model import get_head

    match("warm up: i want to kill myself")
    get_head()


def screen(text: str, locale: str = "en-US") -> ScreenResult:
    """Screen one member-authored text. Never raises on odd input; an empty text does not escalate."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    norm = normalise(text)
    if not norm:
        return NO_CRISIS
    hits, masked = match(norm)
    signals = [h.rule.id for h in hits]
    joking = laughing(masked) and len(masked) < 280

    found: dict[str, str | None] = {}  # category -> severity
    weak: set[str] = set()
    for h in hits:
        cat = h.rule.category
        if not h.rule.strong or (joking and h.rule.id in _LAUGH_SENSITIVE):
            weak.add(cat)
            continue
        if cat not in found or severity_rank(cat, h.rule.severity) > severity_rank(cat, found[cat]):
            found[cat] = h.rule.severity

    scores: dict[str, float] = {}
    if not found:
        # Layer 2, only where the rules are unsure.
        from .model import get_head

        head = get_head()
        scores = head.proba(negated_spans_removed(masked))
        short = len(masked.split()) < _SHORT_WORDS
        for cls, cat in _MODEL_CLASSES.items():
            if cls == "abuse" and short and cat not in weak:
                # Trained mostly on long posts, the abuse class over-reads short messages about a partner
                # ("he hurt my feelings"): there it needs a cue from the rules as well.
                continue
            t = head.thresholds[cls]["weak" if cat in weak else "strong"]
            if scores.get(cls, 0.0) >= t:
                found[cat] = None
                signals.append(f"model.{cls}" + (".cued" if cat in weak else ""))
    if not found:
        return ScreenResult(escalate=False, signals=signals, scores=scores)

    dangers: dict[str, str] = {}
    for cat, sev in list(found.items()):
        if cat == SUICIDE_SELF_HARM:
            sev, cues = suicide_severity(sev, masked)
            found[cat] = sev
            signals.extend(cues)
        if sev is None:
            dangers[cat] = "moderate"  # a disclosure the rules could not grade: let a human grade it
        else:
            dangers[cat] = DANGER.get((cat, sev), "moderate")

    ordered = sorted(found, key=lambda c: (-danger_rank(dangers[c]), CATEGORY_PRIORITY.index(c)))
    top = ordered[0]
    return ScreenResult(escalate=True, category=top, severity=found[top], danger=dangers[top],
                        signals=signals, categories=ordered, scores=scores)

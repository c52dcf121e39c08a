"""The crisis-screen vocabulary: categories, severity tiers and danger levels.

Severity tiers are ordered from least to most severe within each category.

- ``suicide_self_harm`` follows the C-SSRS screener (wish to be dead -> thoughts -> method -> intent -> plan ->
  behaviour).
- ``abuse`` follows the Lethality Assessment Program (LAP) danger items, from coercive control up to the three
  items that alone mean high danger (strangulation, weapon, threat to kill).
- ``child_safety``, ``harm_to_others`` and ``medical_emergency`` use small sets of their own.
"""

from __future__ import annotations

SUICIDE_SELF_HARM = "suicide_self_harm"
ABUSE = "abuse"
CHILD_SAFETY = "child_safety"
HARM_TO_OTHERS = "harm_to_others"
MEDICAL_EMERGENCY = "medical_emergency"

CATEGORIES: tuple[str, ...] = (SUICIDE_SELF_HARM, ABUSE, CHILD_SAFETY, HARM_TO_OTHERS, MEDICAL_EMERGENCY)

SEVERITIES: dict[str, tuple[str, ...]] = {
    SUICIDE_SELF_HARM: ("wish_to_be_dead", "thoughts", "method", "intent", "plan", "behaviour"),
    ABUSE: ("controlling", "stalking", "threats", "physical", "sexual", "strangulation", "weapon", "threat_to_kill"),
    CHILD_SAFETY: ("at_risk", "neglect", "physical_abuse", "sexual_abuse"),
    HARM_TO_OTHERS: ("thoughts", "intent", "plan", "behaviour"),
    MEDICAL_EMERGENCY: ("injury", "urgent_symptoms", "overdose", "unresponsive"),
}

DANGER_LEVELS: tuple[str, ...] = ("low", "moderate", "high")

# Coarse danger of each tier. Suicide: the C-SSRS screener triage (items 1-2 low, 3 moderate, 4-6 high).
# Abuse: LAP (weapon, threat to kill and strangulation alone screen in as high danger).
DANGER: dict[tuple[str, str], str] = {
    (SUICIDE_SELF_HARM, "wish_to_be_dead"): "low",
    (SUICIDE_SELF_HARM, "thoughts"): "low",
    (SUICIDE_SELF_HARM, "method"): "moderate",
    (SUICIDE_SELF_HARM, "intent"): "high",
    (SUICIDE_SELF_HARM, "plan"): "high",
    (SUICIDE_SELF_HARM, "behaviour"): "high",
    (ABUSE, "controlling"): "moderate",
    (ABUSE, "stalking"): "moderate",
    (ABUSE, "threats"): "moderate",
    (ABUSE, "physical"): "moderate",
    (ABUSE, "sexual"): "high",
    (ABUSE, "strangulation"): "high",
    (ABUSE, "weapon"): "high",
    (ABUSE, "threat_to_kill"): "high",
    (CHILD_SAFETY, "at_risk"): "moderate",
    (CHILD_SAFETY, "neglect"): "moderate",
    (CHILD_SAFETY, "physical_abuse"): "high",
    (CHILD_SAFETY, "sexual_abuse"): "high",
    (HARM_TO_OTHERS, "thoughts"): "moderate",
    (HARM_TO_OTHERS, "intent"): "high",
    (HARM_TO_OTHERS, "plan"): "high",
    (HARM_TO_OTHERS, "behaviour"): "high",
    (MEDICAL_EMERGENCY, "injury"): "high",
    (MEDICAL_EMERGENCY, "urgent_symptoms"): "high",
    (MEDICAL_EMERGENCY, "overdose"): "high",
    (MEDICAL_EMERGENCY, "unresponsive"): "high",
}

# When one message touches several categories, the reported one is the most dangerous; ties go in this order.
CATEGORY_PRIORITY: tuple[str, ...] = (
    SUICIDE_SELF_HARM, MEDICAL_EMERGENCY, CHILD_SAFETY, ABUSE, HARM_TO_OTHERS,
)


def severity_rank(category: str, severity: str | None) -> int:
    """Position of ``severity`` in its category's tiers (-1 when unknown or None)."""
    if severity is None:
        return -1
    try:
        return SEVERITIES[category].index(severity)
    except (KeyError, ValueError):
        return -1


def danger_rank(danger: str | None) -> int:
    return DANGER_LEVELS.index(danger) if danger in DANGER_LEVELS else -1

"""Key shapes of circles, consent, insights and profiles (docs/architecture.md, "DynamoDB").

Every item carries `owner` (the member it belongs to) so that the `by_owner` index finds it for export and
deletion.
"""

from __future__ import annotations

PROFILE_SK = "PROFILE"
CIRCLE_SK = "CIRCLE"
INVITE_SK = "INVITE"
# In the member's partition: their precomputed context (`shared.context.build`).
CONTEXT_SK = "CONTEXT"
# The circle-wide default in place of a member id: sorts before any member's rule.
DEFAULT_AUDIENCE = "*"


def member_pk(member_id: str) -> str:
    return f"MEMBER#{member_id}"


def circle_pk(circle_id: str) -> str:
    return f"CIRCLE#{circle_id}"


def membership_sk(member_id: str) -> str:
    """In the circle's partition: one member's place in it (role, admin, minor)."""
    return f"MEMBER#{member_id}"


def my_circle_sk(circle_id: str) -> str:
    """In the member's partition: that they belong to the circle (so "my circles" is a consistent query)."""
    return f"CIRCLE#{circle_id}"


def invite_pk(code_hash: str) -> str:
    return f"INVITE#{code_hash}"


def consent_sk(circle_id: str, audience: str = DEFAULT_AUDIENCE) -> str:
    return f"CONSENT#{circle_id}#{audience}"


def consent_prefix(circle_id: str) -> str:
    return f"CONSENT#{circle_id}#"


AUDIT_PREFIX = "AUDIT#"


def audit_sk(at: str, entry_id: str) -> str:
    return f"{AUDIT_PREFIX}{at}#{entry_id}"


def insights_pk(audience: str) -> str:
    """Insights are stored with the member they may inform: a chat turn reads its own partition."""
    return f"INSIGHTS#{audience}"


def insight_prefix(circle_id: str, source: str | None = None) -> str:
    return f"INSIGHT#{circle_id}#{source}#" if source else f"INSIGHT#{circle_id}#"


def insight_sk(circle_id: str, source: str, insight_id: str) -> str:
    return f"{insight_prefix(circle_id, source)}{insight_id}"

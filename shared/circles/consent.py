"""What a member lets inform the coach in another member's chat.

Each member decides, per circle, a circle-wide default and, if they like, a rule per other member; a rule for a
member overrides the default. With neither, nothing is shared (`private`). One rule stands above all: a minor's
content never reaches a parent, whatever either of them has set.

Services ask `effective_consent(source_member, audience_member, circle_id)` (reads the table, strongly
consistent, so a change counts from the very next request) or, with the facts in hand, `resolve_level(...)`.
"""

from __future__ import annotations

from shared.circles.rules import Membership
from shared.models import ConsentLevel, Role

RANK = {ConsentLevel.PRIVATE: 0, ConsentLevel.THEMES: 1, ConsentLevel.SUMMARY: 2}


class ConsentRefused(Exception):
    code = "consent_not_allowed"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def at_most(level: ConsentLevel, ceiling: ConsentLevel) -> bool:
    return RANK[level] <= RANK[ceiling]


def lowered(previous: ConsentLevel, new: ConsentLevel) -> bool:
    return RANK[new] < RANK[previous]


def never_shared(source: Membership, audience: Membership) -> bool:
    """A minor's words never inform a parent's coach (the seed: a teenager's chat is never shown to parents)."""
    return source.minor and audience.role is Role.PARENT


def resolve_level(
    source: Membership | None,
    audience: Membership | None,
    pair_rule: ConsentLevel | None,
    circle_default: ConsentLevel | None,
) -> ConsentLevel:
    if source is None or audience is None or source.member_id == audience.member_id:
        return ConsentLevel.PRIVATE  # not both in the circle: nothing flows
    if never_shared(source, audience):
        return ConsentLevel.PRIVATE
    return pair_rule or circle_default or ConsentLevel.PRIVATE


def check_rule(source: Membership, audience: Membership, level: ConsentLevel) -> None:
    """Refuse a rule that could never take effect, rather than store a promise the system won't keep."""
    if level is not ConsentLevel.PRIVATE and never_shared(source, audience):
        raise ConsentRefused("Nothing from a member under 18 is shared with a parent; this cannot be changed.")


def effective_consent(source_member: str, audience_member: str, circle_id: str, store=None) -> ConsentLevel:
    """The level at which `source_member`'s content may inform the coach for `audience_member` in `circle_id`.

    One strongly consistent read. `store` is a `shared.store.consent.ConsentStore`; by default, the function's table.
    """
    if store is None:
        from shared.config import settings
        from shared.store.consent import ConsentStore

        store = ConsentStore(settings().table_name)
    return store.effective_consent(source_member, audience_member, circle_id)

"""A member's consent: what of theirs may inform the coach for the others in a circle. No HTTP here.

A member changes only their own rules, only in circles they are in, only about members of that circle. Lowering a
level (or removing a rule so that a lower default applies) purges the insights already derived from them above the
new level, for each member concerned.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.circles.consent import ConsentRefused, check_rule, lowered, resolve_level
from shared.circles.rules import Membership
from shared.models import CircleConsents, ConsentAuditPage, ConsentLevel, ConsentRule, SharedWithMe
from shared.store.circles import CircleNotFound, CircleState, CircleStore, MemberNotFound
from shared.store.consent import ConsentStore
from shared.store.keys import DEFAULT_AUDIENCE

__all__ = ["CircleNotFound", "ConsentRefused", "ConsentService", "MemberNotFound"]


@dataclass
class ConsentService:
    circles: CircleStore
    consent: ConsentStore

    def view(self, me: str, circle_id: str) -> CircleConsents:
        state, mine = self._as_member(me, circle_id)
        rules = self.consent.rules_of(me, circle_id)
        default = rules.get(DEFAULT_AUDIENCE)
        peers = self._peers(state, me)
        shared = self.consent.levels_toward(mine, peers)
        return CircleConsents(
            circle_id=circle_id,
            default=default or ConsentLevel.PRIVATE,
            members=[
                ConsentRule(member_id=p.member_id, role=p.role, minor=p.minor, rule=rules.get(p.member_id),
                            effective=resolve_level(mine, p, rules.get(p.member_id), default))
                for p in peers
            ],
            shared_with_me=[SharedWithMe(member_id=p.member_id, role=p.role, effective=shared[p.member_id])
                            for p in peers],
        )

    def set_default(self, me: str, circle_id: str, level: ConsentLevel) -> CircleConsents:
        return self._change(me, circle_id, None, level)

    def set_for_member(self, me: str, circle_id: str, member_id: str, level: ConsentLevel) -> CircleConsents:
        return self._change(me, circle_id, member_id, level)

    def clear_for_member(self, me: str, circle_id: str, member_id: str) -> CircleConsents:
        return self._change(me, circle_id, member_id, None)

    def audit_trail(self, me: str, limit: int, cursor: str | None) -> ConsentAuditPage:
        return self.consent.audit_trail(me, limit, cursor)

    # --- helpers -------------------------------------------------------------------------------------

    def _change(self, me: str, circle_id: str, member_id: str | None, level: ConsentLevel | None) -> CircleConsents:
        state, mine = self._as_member(me, circle_id)
        audience = None
        if member_id is not None:
            audience = state.member(member_id)
            if audience is None:
                raise MemberNotFound(member_id)
            if audience.member_id == me:
                raise ConsentRefused("A rule is about another member of the circle, not yourself.")
            if level is not None:
                check_rule(mine, audience, level)
        rules = self.consent.rules_of(me, circle_id)
        key = member_id or DEFAULT_AUDIENCE
        previous = rules.get(key)
        if previous != level:
            peers = self._peers(state, me)
            before = {p.member_id: resolve_level(mine, p, rules.get(p.member_id), rules.get(DEFAULT_AUDIENCE))
                      for p in peers}
            self.consent.set_rule(mine, audience, level, previous)
            after_rules = {**rules, key: level}
            for peer in peers:
                now = resolve_level(mine, peer, after_rules.get(peer.member_id), after_rules.get(DEFAULT_AUDIENCE))
                if lowered(before[peer.member_id], now):
                    self.consent.purge_insights(me, peer.member_id, circle_id, now)
        return self.view(me, circle_id)

    def _as_member(self, me: str, circle_id: str) -> tuple[CircleState, Membership]:
        state = self.circles.load(circle_id)
        mine = state.member(me) if state else None
        if state is None or mine is None:
            raise CircleNotFound(circle_id)
        return state, mine

    @staticmethod
    def _peers(state: CircleState, me: str) -> list[Membership]:
        return [m for m in state.members if m.member_id != me]

"""Circles: create, invite, join, leave, remove, admins. Knows nothing of HTTP; the handler translates.

Who may do what: members see their circle and its members; admins invite, remove and appoint admins. To anyone
else a circle does not exist (`CircleNotFound`): a stranger cannot even learn that a circle id is real.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from shared.circles import rules
from shared.circles.rules import Membership
from shared.models import Circle, CircleDetail, CircleKind, CircleMember, Invite, Role, iso, utc_now
from shared.store.circles import (
    AlreadyMember,
    CircleFullNow,
    CircleNotFound,
    CircleState,
    CircleStore,
    ConcurrentChange,
    InviteExpired,
    InviteNotFound,
    InviteUsed,
    MemberNotFound,
)
from shared.store.consent import ConsentStore

# Membership changes condition on the circle not having changed since it was read; on a clash, read and retry.
ATTEMPTS = 3

__all__ = [
    "AlreadyMember", "CircleNotFound", "CirclesService", "InviteExpired", "InviteNotFound", "InviteUsed",
    "MemberNotFound", "NotAdmin", "Departure",
]


class NotAdmin(Exception):
    """Only the circle's admins may do this."""


@dataclass(frozen=True)
class Departure:
    circle_id: str
    circle_deleted: bool


@dataclass
class CirclesService:
    circles: CircleStore
    consent: ConsentStore

    # --- reading -------------------------------------------------------------------------------------

    def my_circles(self, me: str) -> list[Circle]:
        return self.circles.circles_of(me)

    def circle(self, me: str, circle_id: str) -> CircleDetail:
        return self._as_member(me, circle_id)[0].view(me, with_members=True)

    # --- creating and joining ------------------------------------------------------------------------

    def create(self, me: str, kind: CircleKind, name: str, role: Role | None, minor: bool | None,
               display_name: str = "") -> CircleDetail:
        role = role or rules.default_role(kind)
        rules.check_role(kind, role)
        state = self.circles.create(me, kind, name, role, rules.is_minor(role, minor), display_name)
        return state.view(me, with_members=True)

    def invite(self, me: str, circle_id: str, role: Role, minor: bool | None) -> Invite:
        state, mine = self._as_member(me, circle_id)
        if not mine.admin:
            raise NotAdmin()
        rules.check_role(state.circle.kind, role)
        rules.check_room(state.circle.kind, state.circle.member_count)
        code, record = self.circles.create_invite(circle_id, me, role, rules.is_minor(role, minor))
        return Invite(code=code, circle_id=circle_id, role=record.role, minor=record.minor,
                      expires_at=iso(datetime.fromtimestamp(record.expires_at, timezone.utc)))

    def accept(self, me: str, code: str, display_name: str = "", minor: bool | None = None) -> CircleDetail:
        invite = self.circles.find_invite(code)
        if invite is None:
            raise InviteNotFound()
        if invite.used:
            raise InviteUsed()
        if invite.expired:
            raise InviteExpired()
        state = self.circles.load(invite.circle_id)
        if state is None:  # the circle was deleted after the invite was made
            raise InviteNotFound()
        if state.member(me):
            raise AlreadyMember()
        rules.check_room(state.circle.kind, state.circle.member_count)
        newcomer = Membership(
            circle_id=state.circle.id, member_id=me, role=invite.role, admin=False,
            # The invitee may say they are under 18 even if the invite did not; never the other way round.
            minor=invite.minor or bool(minor), joined_at=iso(utc_now()), display_name=display_name,
        )
        try:
            self.circles.join(invite, state, newcomer)
        except CircleFullNow:
            raise rules.CircleFull(f"The {state.circle.kind.value} circle is full.")
        return self.circle(me, state.circle.id)

    # --- admins and departures -----------------------------------------------------------------------

    def set_admin(self, me: str, circle_id: str, member_id: str, admin: bool) -> CircleMember:
        for attempt in range(ATTEMPTS):
            state, mine = self._as_member(me, circle_id)
            if not mine.admin:
                raise NotAdmin()
            target = self._target(state, member_id)
            if not admin:
                rules.check_can_demote(target, state.members)
            try:
                updated = self.circles.set_admin(state, target, admin)
                return CircleMember(**{k: v for k, v in updated.__dict__.items() if k != "circle_id"})
            except ConcurrentChange:
                if attempt == ATTEMPTS - 1:
                    raise

    def leave(self, me: str, circle_id: str) -> Departure:
        return self._depart(me, circle_id, me)

    def remove(self, me: str, circle_id: str, member_id: str) -> Departure:
        return self._depart(me, circle_id, member_id)

    def leave_all(self, me: str) -> list[Departure]:
        """For account deletion: leave every circle. Where the member is the last admin of a circle others stay
        in, the longest-standing of them becomes admin first; a circle they are alone in goes with them."""
        departures = []
        for circle_id in self.circles.circle_ids_of(me):
            for attempt in range(ATTEMPTS):
                state = self.circles.load(circle_id)
                mine = state.member(me) if state else None
                if mine is None:
                    break
                try:
                    heir = rules.successor(mine, state.members)
                    if mine.admin and heir is not None and not heir.admin:
                        self.circles.set_admin(state, heir, True)
                        continue  # read the circle again, now with its new admin
                    departures.append(self._commit_departure(state, mine))
                    break
                except ConcurrentChange:
                    if attempt == ATTEMPTS - 1:
                        raise
        return departures

    def _depart(self, me: str, circle_id: str, member_id: str) -> Departure:
        for attempt in range(ATTEMPTS):
            state, mine = self._as_member(me, circle_id)
            leaving = mine if member_id == me else self._target(state, member_id)
            if leaving is not mine and not mine.admin:
                raise NotAdmin()
            rules.check_can_go(leaving, state.members)
            try:
                return self._commit_departure(state, leaving)
            except ConcurrentChange:
                if attempt == ATTEMPTS - 1:
                    raise

    def _commit_departure(self, state: CircleState, leaving: Membership) -> Departure:
        heir = rules.successor(leaving, state.members)
        items = self.circles.departure_items(state, leaving, heir.member_id if heir else None)
        items += self.consent.departure_items(state.members, leaving)
        self.circles.commit(items)
        # After the commit, not in it: unbounded (queries), idempotent, and nothing new can be derived for the
        # leaver meanwhile, since every reader checks consent, which now resolves to private.
        self.consent.after_departure(state.members, leaving)
        return Departure(circle_id=state.circle.id, circle_deleted=len(state.members) == 1)

    # --- helpers -------------------------------------------------------------------------------------

    def _as_member(self, me: str, circle_id: str) -> tuple[CircleState, Membership]:
        state = self.circles.load(circle_id)
        mine = state.member(me) if state else None
        if state is None or mine is None:
            raise CircleNotFound(circle_id)
        return state, mine

    @staticmethod
    def _target(state: CircleState, member_id: str) -> Membership:
        target = state.member(member_id)
        if target is None:
            raise MemberNotFound(member_id)
        return target

"""The rules of circles, apart from how they are stored.

A circle is a couple or a family. Whoever creates it is its first admin; others join with an invite code that an
admin made for a given role. Members under 18 are flagged (`minor`): their content never reaches a parent.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from shared.models import CircleKind, Role

INVITE_LIFETIME = timedelta(days=7)
# 24 random bytes: unguessable, and short enough to paste or put in a link.
INVITE_CODE_BYTES = 24
# A couple is two partners; a family is bounded so that leaving a circle fits in one transaction (DynamoDB allows
# 100 items; leaving touches about two per member).
MAX_MEMBERS = {CircleKind.COUPLE: 2, CircleKind.FAMILY: 20}
# Roles whose members are under 18 unless the invite says otherwise.
MINOR_ROLES = {Role.TEEN, Role.CHILD}


class CircleRuleBroken(Exception):
    """A request that the circle's rules refuse. `code` names the rule for the API."""

    code = "circle_rule"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RoleNotAllowed(CircleRuleBroken):
    code = "role_not_allowed"


class CircleFull(CircleRuleBroken):
    code = "circle_full"


class LastAdmin(CircleRuleBroken):
    code = "last_admin"


@dataclass(frozen=True)
class Membership:
    """One member's place in one circle, as the rules see it."""

    circle_id: str
    member_id: str
    role: Role
    admin: bool
    minor: bool
    joined_at: str
    display_name: str = ""


def new_invite_code() -> str:
    return secrets.token_urlsafe(INVITE_CODE_BYTES)


def invite_key(code: str) -> str:
    # Stored as a hash: a copy of the table (a backup, an export) holds no code anyone could still use.
    return hashlib.sha256(code.encode()).hexdigest()


def default_role(kind: CircleKind) -> Role:
    return Role.PARTNER if kind is CircleKind.COUPLE else Role.PARENT


def check_role(kind: CircleKind, role: Role) -> None:
    if kind is CircleKind.COUPLE and role is not Role.PARTNER:
        raise RoleNotAllowed("A couple's members are partners; create a family circle for other roles.")


def is_minor(role: Role, declared: bool | None) -> bool:
    """Teens and children are minors unless said otherwise; anyone may be declared a minor."""
    return declared if declared is not None else role in MINOR_ROLES


def check_room(kind: CircleKind, member_count: int) -> None:
    if member_count >= MAX_MEMBERS[kind]:
        raise CircleFull(f"A {kind.value} circle has at most {MAX_MEMBERS[kind]} members.")


def check_can_go(leaving: Membership, members: list[Membership]) -> None:
    """A member may leave (or be removed) unless they are the last admin of a circle that others stay in."""
    others = [m for m in members if m.member_id != leaving.member_id]
    if leaving.admin and others and not any(m.admin for m in others):
        raise LastAdmin("The circle needs an admin: make another member admin first.")


def check_can_demote(target: Membership, members: list[Membership]) -> None:
    if target.admin and not any(m.admin for m in members if m.member_id != target.member_id):
        raise LastAdmin("The circle needs an admin: make another member admin first.")


def successor(leaving: Membership, members: list[Membership]) -> Membership | None:
    """Who takes over when `leaving` goes: another admin if there is one, else the longest-standing member."""
    others = sorted((m for m in members if m.member_id != leaving.member_id), key=lambda m: (m.joined_at, m.member_id))
    admins = [m for m in others if m.admin]
    return (admins or others or [None])[0]

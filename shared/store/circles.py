"""Circles, their members and invites.

A circle's partition (`CIRCLE#<id>`) holds the circle (`CIRCLE`) and one item per member (`MEMBER#<sub>`), so one
strongly consistent query answers "who is in this circle, with which role" and every authorization check. The
member's partition holds `CIRCLE#<id>` for each circle they are in, so "my circles" is a consistent query too. The
two are written together in transactions: nobody is ever half in a circle.

The circle item counts its members and admins; every change of membership conditions on those counts, so two
concurrent changes can never leave a circle without an admin (the loser gets `ConcurrentChange` and retries).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from aws_lambda_powertools import Logger

from shared.circles.rules import INVITE_LIFETIME, MAX_MEMBERS, Membership, invite_key, new_invite_code
from shared.models import Circle, CircleDetail, CircleKind, CircleMember, Role, iso, utc_now
from shared.store import keys
from shared.store.batch import TransactionCancelled, batch_get, query, transact
from shared.store.table import TableStore, from_item, to_item, to_value

logger = Logger(child=True)


class CircleNotFound(Exception):
    """No such circle, or the caller is not in it (the two are not told apart)."""


class MemberNotFound(Exception):
    """The member named is not in the circle."""


class InviteNotFound(Exception):
    pass


class InviteUsed(Exception):
    pass


class InviteExpired(Exception):
    pass


class AlreadyMember(Exception):
    pass


class CircleFullNow(Exception):
    """The circle filled up between reading it and joining."""


class ConcurrentChange(Exception):
    """Someone else changed the circle's membership at the same moment; nothing was written."""


@dataclass
class CircleRecord:
    id: str
    kind: CircleKind
    name: str
    created_at: str
    member_count: int
    admin_count: int
    steward: str  # the item's `owner`: an admin, so the circle is found (and handed over) with its owner's data


@dataclass
class CircleState:
    circle: CircleRecord
    members: list[Membership] = field(default_factory=list)

    def member(self, member_id: str) -> Membership | None:
        return next((m for m in self.members if m.member_id == member_id), None)

    def view(self, member_id: str, with_members: bool = False) -> Circle | CircleDetail:
        me = self.member(member_id)
        assert me is not None
        values: dict[str, Any] = dict(
            id=self.circle.id, kind=self.circle.kind, name=self.circle.name, created_at=self.circle.created_at,
            member_count=self.circle.member_count, me=_public(me),
        )
        if with_members:
            return CircleDetail(**values, members=[_public(m) for m in self.members])
        return Circle(**values)


@dataclass
class InviteRecord:
    code_hash: str
    circle_id: str
    role: Role
    minor: bool
    expires_at: int
    used: bool

    @property
    def expired(self) -> bool:
        return self.expires_at <= int(time.time())


def _public(membership: Membership) -> CircleMember:
    return CircleMember(
        member_id=membership.member_id, role=membership.role, admin=membership.admin, minor=membership.minor,
        display_name=membership.display_name, joined_at=membership.joined_at,
    )


def _membership(values: dict[str, Any]) -> Membership:
    return Membership(
        circle_id=values["circle_id"], member_id=values["member_id"], role=Role(values["role"]),
        admin=bool(values.get("admin")), minor=bool(values.get("minor")), joined_at=values["joined_at"],
        display_name=values.get("display_name", ""),
    )


def _circle(values: dict[str, Any]) -> CircleRecord:
    return CircleRecord(
        id=values["circle_id"], kind=CircleKind(values["kind"]), name=values["name"], created_at=values["created_at"],
        member_count=int(values["member_count"]), admin_count=int(values["admin_count"]), steward=values["owner"],
    )


def membership_item(m: Membership) -> dict[str, Any]:
    return {
        "pk": keys.circle_pk(m.circle_id), "sk": keys.membership_sk(m.member_id), "owner": m.member_id,
        "circle_id": m.circle_id, "member_id": m.member_id, "role": m.role.value, "admin": m.admin,
        "minor": m.minor, "joined_at": m.joined_at, "display_name": m.display_name or None,
    }


def my_circle_item(m: Membership) -> dict[str, Any]:
    return {"pk": keys.member_pk(m.member_id), "sk": keys.my_circle_sk(m.circle_id), "owner": m.member_id,
            "circle_id": m.circle_id, "joined_at": m.joined_at}


def minor_for_crisis_reply(circles: CircleStore, member_id: str) -> bool:
    """``CircleStore.is_minor`` for a crisis reply, which must not wait on, or fail with, a read: a failed read answers
    as for an adult (the same lines and emergency number, without the line for young people)."""
    try:
        return circles.is_minor(member_id)
    except Exception:  # noqa: BLE001 - the crisis reply goes out whatever this read does
        logger.exception("Whether the member is a minor could not be read; answering as for an adult")
        return False


class CircleStore(TableStore):
    # --- reading -------------------------------------------------------------------------------------

    def load(self, circle_id: str) -> CircleState | None:
        """The circle and all its members: one strongly consistent query."""
        circle, members = None, []
        for values in query(self.client, self.table, keys.circle_pk(circle_id)):
            if values["sk"] == keys.CIRCLE_SK:
                circle = _circle(values)
            elif values["sk"].startswith("MEMBER#"):
                members.append(_membership(values))
        if circle is None:
            return None
        return CircleState(circle=circle, members=sorted(members, key=lambda m: (m.joined_at, m.member_id)))

    def circle_ids_of(self, member_id: str) -> list[str]:
        return [v["circle_id"] for v in query(self.client, self.table, keys.member_pk(member_id), "CIRCLE#")]

    def is_minor(self, member_id: str) -> bool:
        """Whether the member is flagged as under 18 in any of their circles: their memberships, found through the
        owner index in one request (for on-call's notice and the crisis reply)."""
        response = self.client.query(
            TableName=self.table,
            IndexName="by_owner",
            KeyConditionExpression="#owner = :me AND begins_with(sk, :membership)",
            FilterExpression="minor = :yes",
            ExpressionAttributeNames={"#owner": "owner"},
            ExpressionAttributeValues={
                ":me": to_value(member_id),
                ":membership": to_value(keys.membership_sk(member_id)),
                ":yes": to_value(True),
            },
        )
        return bool(response.get("Items"))

    def circles_of(self, member_id: str) -> list[Circle]:
        """The member's circles with their own place in each: two requests, however many circles."""
        circle_ids = self.circle_ids_of(member_id)
        wanted = [(keys.circle_pk(c), keys.CIRCLE_SK) for c in circle_ids]
        wanted += [(keys.circle_pk(c), keys.membership_sk(member_id)) for c in circle_ids]
        found = batch_get(self.client, self.table, wanted)
        circles = []
        for circle_id in circle_ids:
            circle = found.get((keys.circle_pk(circle_id), keys.CIRCLE_SK))
            mine = found.get((keys.circle_pk(circle_id), keys.membership_sk(member_id)))
            if circle and mine:
                record = _circle(circle)
                circles.append(CircleState(record, [_membership(mine)]).view(member_id))
        return sorted(circles, key=lambda c: (c.me.joined_at, c.id))

    # --- creating and joining ------------------------------------------------------------------------

    def create(self, member_id: str, kind: CircleKind, name: str, role: Role, minor: bool,
               display_name: str) -> CircleState:
        now = iso(utc_now())
        circle_id = "c_" + uuid.uuid4().hex[:20]
        creator = Membership(circle_id=circle_id, member_id=member_id, role=role, admin=True, minor=minor,
                             joined_at=now, display_name=display_name)
        circle = {
            "pk": keys.circle_pk(circle_id), "sk": keys.CIRCLE_SK, "owner": member_id, "circle_id": circle_id,
            "kind": kind.value, "name": name, "created_at": now, "member_count": 1, "admin_count": 1,
        }
        transact(self.client, [
            {"Put": {"TableName": self.table, "Item": to_item(circle), "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Put": {"TableName": self.table, "Item": to_item(membership_item(creator))}},
            {"Put": {"TableName": self.table, "Item": to_item(my_circle_item(creator))}},
        ])
        return CircleState(circle=_circle(circle), members=[creator])

    def create_invite(self, circle_id: str, inviter: str, role: Role, minor: bool) -> tuple[str, InviteRecord]:
        code = new_invite_code()
        expires = datetime.now(timezone.utc) + INVITE_LIFETIME
        record = InviteRecord(code_hash=invite_key(code), circle_id=circle_id, role=role, minor=minor,
                              expires_at=int(expires.timestamp()), used=False)
        self.client.put_item(
            TableName=self.table,
            Item=to_item({
                "pk": keys.invite_pk(record.code_hash), "sk": keys.INVITE_SK, "owner": inviter,
                "circle_id": circle_id, "role": role.value, "minor": minor, "created_at": iso(utc_now()),
                # Also the TTL: DynamoDB deletes it some time after it lapses; acceptance checks it exactly.
                "expires_at": record.expires_at,
            }),
            ConditionExpression="attribute_not_exists(pk)",
        )
        return code, record

    def find_invite(self, code: str) -> InviteRecord | None:
        return self.find_invite_by_hash(invite_key(code))

    def join(self, invite: InviteRecord, state: CircleState, newcomer: Membership) -> None:
        """One transaction: the invite is spent, the member is in, the circle counts them. Or none of it."""
        now = int(time.time())
        try:
            transact(self.client, [
                {"Update": {
                    "TableName": self.table,
                    "Key": to_item({"pk": keys.invite_pk(invite.code_hash), "sk": keys.INVITE_SK}),
                    # The invitee is not recorded on the invite: their membership says they joined.
                    "UpdateExpression": "SET used_at = :at",
                    "ConditionExpression": "attribute_exists(pk) AND attribute_not_exists(used_at) AND expires_at > :now",
                    "ExpressionAttributeValues": {":at": to_value(iso(utc_now())), ":now": to_value(now)},
                }},
                {"Put": {"TableName": self.table, "Item": to_item(membership_item(newcomer)),
                         "ConditionExpression": "attribute_not_exists(pk)"}},
                {"Put": {"TableName": self.table, "Item": to_item(my_circle_item(newcomer))}},
                {"Update": {
                    "TableName": self.table,
                    "Key": to_item({"pk": keys.circle_pk(state.circle.id), "sk": keys.CIRCLE_SK}),
                    "UpdateExpression": "SET member_count = member_count + :one",
                    "ConditionExpression": "attribute_exists(pk) AND member_count < :max",
                    "ExpressionAttributeValues": {":one": to_value(1),
                                                  ":max": to_value(MAX_MEMBERS[state.circle.kind])},
                }},
            ])
        except TransactionCancelled as cancelled:
            invite_failed, already_in, _, circle_failed = (cancelled.failed + [False] * 4)[:4]
            if already_in:
                raise AlreadyMember() from cancelled
            if invite_failed:
                current = self.find_invite_by_hash(invite.code_hash)
                if current is None:
                    raise InviteNotFound() from cancelled
                raise (InviteUsed() if current.used else InviteExpired()) from cancelled
            if circle_failed:
                raise CircleFullNow() from cancelled
            raise

    def find_invite_by_hash(self, code_hash: str) -> InviteRecord | None:
        response = self.client.get_item(
            TableName=self.table, Key=to_item({"pk": keys.invite_pk(code_hash), "sk": keys.INVITE_SK}),
            ConsistentRead=True,
        )
        if "Item" not in response:
            return None
        values = from_item(response["Item"])
        return InviteRecord(code_hash=code_hash, circle_id=values["circle_id"], role=Role(values["role"]),
                            minor=bool(values["minor"]), expires_at=int(values["expires_at"]),
                            used="used_at" in values)

    # --- admins and departures -----------------------------------------------------------------------

    def set_admin(self, state: CircleState, target: Membership, admin: bool) -> Membership:
        if target.admin == admin:
            return target
        updated = Membership(**{**target.__dict__, "admin": admin})
        circle_update = self._circle_guard(state, "SET admin_count = admin_count + :delta", {":delta": 1 if admin else -1})
        self._transact_guarded([
            {"Update": {
                "TableName": self.table,
                "Key": to_item({"pk": keys.circle_pk(state.circle.id), "sk": keys.membership_sk(target.member_id)}),
                "UpdateExpression": "SET #admin = :admin",
                "ConditionExpression": "attribute_exists(pk)",
                "ExpressionAttributeNames": {"#admin": "admin"},
                "ExpressionAttributeValues": {":admin": to_value(admin)},
            }},
            circle_update,
        ])
        return updated

    def departure_items(self, state: CircleState, leaving: Membership, steward: str | None) -> list[dict[str, Any]]:
        """The writes that take `leaving` out of the circle (the caller adds the consent side, then commits).

        The last member out takes the circle with them. A departing steward hands the circle item to `steward`.
        """
        circle_key = to_item({"pk": keys.circle_pk(state.circle.id), "sk": keys.CIRCLE_SK})
        items: list[dict[str, Any]] = [
            {"Delete": {"TableName": self.table,
                        "Key": to_item({"pk": keys.circle_pk(state.circle.id), "sk": keys.membership_sk(leaving.member_id)}),
                        "ConditionExpression": "attribute_exists(pk)"}},
            {"Delete": {"TableName": self.table,
                        "Key": to_item({"pk": keys.member_pk(leaving.member_id), "sk": keys.my_circle_sk(state.circle.id)})}},
        ]
        if len(state.members) == 1:
            items.append({"Delete": {
                "TableName": self.table, "Key": circle_key,
                "ConditionExpression": "member_count = :one",
                "ExpressionAttributeValues": {":one": to_value(1)},
            }})
            return items
        update = "SET member_count = member_count - :one, admin_count = admin_count - :admins"
        values: dict[str, Any] = {":one": 1, ":admins": 1 if leaving.admin else 0}
        if state.circle.steward == leaving.member_id and steward:
            update += ", #owner = :steward"
            values[":steward"] = steward
        items.append(self._circle_guard(state, update, values, names={"#owner": "owner"} if ":steward" in values else None))
        return items

    def commit(self, items: list[dict[str, Any]]) -> None:
        self._transact_guarded(items)

    # --- helpers -------------------------------------------------------------------------------------

    def _circle_guard(self, state: CircleState, update: str, values: dict[str, Any],
                      names: dict[str, str] | None = None) -> dict[str, Any]:
        """An update of the circle item that holds only if nobody joined, left or changed admins since `state`."""
        expression_values = {key: to_value(value) for key, value in values.items()}
        expression_values[":members_then"] = to_value(state.circle.member_count)
        expression_values[":admins_then"] = to_value(state.circle.admin_count)
        update_item: dict[str, Any] = {
            "TableName": self.table,
            "Key": to_item({"pk": keys.circle_pk(state.circle.id), "sk": keys.CIRCLE_SK}),
            "UpdateExpression": update,
            "ConditionExpression": "member_count = :members_then AND admin_count = :admins_then",
            "ExpressionAttributeValues": expression_values,
        }
        if names:
            update_item["ExpressionAttributeNames"] = names
        return {"Update": update_item}

    def _transact_guarded(self, items: list[dict[str, Any]]) -> None:
        try:
            transact(self.client, items)
        except TransactionCancelled as cancelled:
            raise ConcurrentChange() from cancelled

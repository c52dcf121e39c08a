"""Circles against DynamoDB (moto, in process): who may create, invite, join, leave and remove, and that a refused
request leaves nothing half-written."""

import pytest

from services.circles.service import CirclesService, NotAdmin
from shared.circles import rules
from shared.models import CircleKind, Role
from shared.store import keys
from shared.store.circles import (
    AlreadyMember,
    CircleNotFound,
    CircleStore,
    InviteExpired,
    InviteNotFound,
    InviteUsed,
    MemberNotFound,
)
from shared.store.consent import ConsentStore
from shared.store.table import to_item, to_value

pytestmark = pytest.mark.consent

TABLE = "inetta-test"


@pytest.fixture
def circles(dynamodb):
    return CirclesService(circles=CircleStore(TABLE, client=dynamodb), consent=ConsentStore(TABLE, client=dynamodb))


def table_items(dynamodb):
    return dynamodb.scan(TableName=TABLE)["Items"]


def family_of(circles, admin="mum", **others):
    """A family circle made by `admin`, joined by each of `others` (name=role)."""
    circle = circles.create(admin, CircleKind.FAMILY, "The Carters", None, None)
    for name, role in others.items():
        invite = circles.invite(admin, circle.id, role, None)
        circles.accept(name, invite.code)
    return circle.id


def test_the_creator_of_a_circle_is_its_admin_with_a_default_role(circles):
    couple = circles.create("ana", CircleKind.COUPLE, "Ana & Ben", None, None)
    family = circles.create("ana", CircleKind.FAMILY, "My family", None, None)
    assert (couple.me.role, couple.me.admin) == (Role.PARTNER, True)
    assert (family.me.role, family.me.admin) == (Role.PARENT, True)
    assert [c.id for c in circles.my_circles("ana")] == [couple.id, family.id]


def test_an_invitee_joins_with_the_role_the_invite_names_and_teens_are_flagged_as_minors(circles):
    circle_id = family_of(circles, "mum", dad=Role.PARENT, zoe=Role.TEEN, max=Role.SIBLING)
    members = {m.member_id: m for m in circles.circle("zoe", circle_id).members}
    assert (members["zoe"].role, members["zoe"].minor, members["zoe"].admin) == (Role.TEEN, True, False)
    assert (members["max"].minor, members["dad"].minor) == (False, False)
    assert members["mum"].admin


def test_an_invitee_may_say_they_are_a_minor_but_never_the_reverse(circles):
    circle = circles.create("mum", CircleKind.FAMILY, "Carters", None, None)
    sibling = circles.invite("mum", circle.id, Role.SIBLING, None)
    teen = circles.invite("mum", circle.id, Role.TEEN, None)
    assert circles.accept("sam", sibling.code, minor=True).me.minor is True
    assert circles.accept("zoe", teen.code, minor=False).me.minor is True


def test_a_member_can_belong_to_several_circles(circles):
    first = family_of(circles, "mum", dad=Role.PARENT)
    second = family_of(circles, "stepmum", dad=Role.PARENT)
    assert {c.id for c in circles.my_circles("dad")} == {first, second}
    assert [c.id for c in circles.my_circles("mum")] == [first]


def test_an_invite_code_works_once(circles):
    circle = circles.create("ana", CircleKind.FAMILY, "Family", None, None)
    invite = circles.invite("ana", circle.id, Role.SIBLING, None)
    circles.accept("ben", invite.code)
    with pytest.raises(InviteUsed):
        circles.accept("cleo", invite.code)
    assert [m.member_id for m in circles.circle("ana", circle.id).members] == ["ana", "ben"]


def test_an_expired_or_unknown_invite_code_lets_nobody_in(circles, dynamodb):
    circle = circles.create("ana", CircleKind.FAMILY, "Family", None, None)
    invite = circles.invite("ana", circle.id, Role.SIBLING, None)
    dynamodb.update_item(
        TableName=TABLE, Key=to_item({"pk": keys.invite_pk(rules.invite_key(invite.code)), "sk": keys.INVITE_SK}),
        UpdateExpression="SET expires_at = :past", ExpressionAttributeValues={":past": to_value(1)},
    )
    with pytest.raises(InviteExpired):
        circles.accept("ben", invite.code)
    with pytest.raises(InviteNotFound):
        circles.accept("ben", "x" * 32)
    assert circles.my_circles("ben") == []


def test_invite_codes_are_random_and_stored_only_as_a_hash(circles, dynamodb):
    circle = circles.create("ana", CircleKind.FAMILY, "Family", None, None)
    codes = {circles.invite("ana", circle.id, Role.OTHER, None).code for _ in range(5)}
    assert len(codes) == 5 and all(len(code) == 32 for code in codes)
    stored = str(table_items(dynamodb))
    assert not any(code in stored for code in codes)


def test_joining_a_circle_twice_is_refused_and_spends_nothing(circles):
    circle_id = family_of(circles, "ana", ben=Role.SIBLING)
    again = circles.invite("ana", circle_id, Role.SIBLING, None)
    with pytest.raises(AlreadyMember):
        circles.accept("ben", again.code)
    circles.accept("cleo", again.code)  # the refused attempt did not use the invite up
    assert circles.circle("ana", circle_id).member_count == 3


def test_a_couple_is_two_partners(circles):
    couple = circles.create("ana", CircleKind.COUPLE, "Us", None, None)
    with pytest.raises(rules.RoleNotAllowed):
        circles.invite("ana", couple.id, Role.PARENT, None)
    first = circles.invite("ana", couple.id, Role.PARTNER, None)
    second = circles.invite("ana", couple.id, Role.PARTNER, None)
    circles.accept("ben", first.code)
    with pytest.raises(rules.CircleFull):
        circles.invite("ana", couple.id, Role.PARTNER, None)
    with pytest.raises(rules.CircleFull):
        circles.accept("cleo", second.code)
    assert circles.circle("ana", couple.id).member_count == 2


def test_a_stranger_cannot_tell_a_circle_exists(circles):
    circle_id = family_of(circles, "ana", ben=Role.SIBLING)
    for attempt in (
        lambda: circles.circle("eve", circle_id),
        lambda: circles.invite("eve", circle_id, Role.OTHER, None),
        lambda: circles.remove("eve", circle_id, "ben"),
        lambda: circles.leave("eve", circle_id),
        lambda: circles.set_admin("eve", circle_id, "eve", True),
    ):
        with pytest.raises(CircleNotFound):
            attempt()
    with pytest.raises(CircleNotFound):
        circles.circle("ana", "c_" + "0" * 20)


def test_only_admins_invite_remove_and_appoint(circles):
    circle_id = family_of(circles, "mum", dad=Role.PARENT, zoe=Role.TEEN)
    for attempt in (
        lambda: circles.invite("dad", circle_id, Role.OTHER, None),
        lambda: circles.remove("dad", circle_id, "zoe"),
        lambda: circles.set_admin("dad", circle_id, "dad", True),
    ):
        with pytest.raises(NotAdmin):
            attempt()
    assert circles.circle("mum", circle_id).member_count == 3


def test_an_admin_removes_a_member_who_then_sees_nothing_of_the_circle(circles):
    circle_id = family_of(circles, "mum", dad=Role.PARENT, zoe=Role.TEEN)
    circles.remove("mum", circle_id, "dad")
    assert [m.member_id for m in circles.circle("mum", circle_id).members] == ["mum", "zoe"]
    assert circles.my_circles("dad") == []
    with pytest.raises(CircleNotFound):
        circles.circle("dad", circle_id)
    with pytest.raises(MemberNotFound):
        circles.remove("mum", circle_id, "dad")


def test_the_last_admin_cannot_leave_or_step_down_while_others_stay(circles):
    circle_id = family_of(circles, "mum", dad=Role.PARENT)
    with pytest.raises(rules.LastAdmin):
        circles.leave("mum", circle_id)
    with pytest.raises(rules.LastAdmin):
        circles.set_admin("mum", circle_id, "mum", False)
    circles.set_admin("mum", circle_id, "dad", True)
    circles.leave("mum", circle_id)
    detail = circles.circle("dad", circle_id)
    assert [(m.member_id, m.admin) for m in detail.members] == [("dad", True)]


def test_the_last_member_out_takes_the_circle_with_them(circles, dynamodb):
    circle_id = family_of(circles, "mum")
    assert circles.leave("mum", circle_id).circle_deleted
    assert not [i for i in table_items(dynamodb) if circle_id in str(i)]


def test_a_departing_admin_who_created_the_circle_hands_it_to_another_admin(circles, dynamodb):
    circle_id = family_of(circles, "mum", dad=Role.PARENT)
    circles.set_admin("mum", circle_id, "dad", True)
    circles.leave("mum", circle_id)
    item = dynamodb.get_item(TableName=TABLE, Key=to_item({"pk": keys.circle_pk(circle_id), "sk": keys.CIRCLE_SK}))
    assert item["Item"]["owner"] == {"S": "dad"}
    assert item["Item"]["admin_count"] == {"N": "1"} and item["Item"]["member_count"] == {"N": "1"}

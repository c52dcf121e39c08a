"""Consent: the rules of who lets what inform whose coach, changes that count from the next read, revocation that
purges what was derived, and an audit trail of every change."""

import pytest

from services.circles.service import CirclesService
from services.consent.service import ConsentService
from shared.circles.consent import ConsentRefused, effective_consent, resolve_level
from shared.circles.rules import Membership
from shared.models import CircleKind, ConsentLevel, Role
from shared.store import keys
from shared.store.circles import CircleNotFound, CircleStore, MemberNotFound
from shared.store.consent import ConsentStore, Insight

pytestmark = pytest.mark.consent

TABLE = "inetta-test"
PRIVATE, THEMES, SUMMARY = ConsentLevel.PRIVATE, ConsentLevel.THEMES, ConsentLevel.SUMMARY


def member(member_id, role=Role.PARENT, minor=False):
    return Membership(circle_id="c", member_id=member_id, role=role, admin=False, minor=minor, joined_at="t")


# --- the rule itself ----------------------------------------------------------------------------------


def test_nothing_is_shared_unless_the_member_says_so():
    assert resolve_level(member("a"), member("b"), None, None) is PRIVATE


def test_a_rule_for_one_member_overrides_the_circle_default_both_ways():
    assert resolve_level(member("a"), member("b"), THEMES, SUMMARY) is THEMES
    assert resolve_level(member("a"), member("b"), SUMMARY, PRIVATE) is SUMMARY
    assert resolve_level(member("a"), member("b"), None, THEMES) is THEMES


def test_a_minors_content_never_reaches_a_parent_whatever_is_set():
    teen, parent, sibling = member("t", Role.TEEN, minor=True), member("p", Role.PARENT), member("s", Role.SIBLING)
    assert resolve_level(teen, parent, SUMMARY, SUMMARY) is PRIVATE
    assert resolve_level(teen, sibling, THEMES, None) is THEMES
    assert resolve_level(parent, teen, THEMES, None) is THEMES  # the other way is the parent's choice


def test_someone_outside_the_circle_gets_nothing():
    assert resolve_level(member("a"), None, SUMMARY, SUMMARY) is PRIVATE
    assert resolve_level(None, member("b"), SUMMARY, SUMMARY) is PRIVATE


# --- against the table --------------------------------------------------------------------------------


@pytest.fixture
def stores(dynamodb):
    return CircleStore(TABLE, client=dynamodb), ConsentStore(TABLE, client=dynamodb)


@pytest.fixture
def consent(stores):
    return ConsentService(*stores)


@pytest.fixture
def family(stores):
    """mum (admin, parent), dad (parent), zoe (teen, minor), max (sibling, adult)."""
    circles = CirclesService(*stores)
    circle = circles.create("mum", CircleKind.FAMILY, "Carters", None, None)
    for name, role in {"dad": Role.PARENT, "zoe": Role.TEEN, "max": Role.SIBLING}.items():
        circles.accept(name, circles.invite("mum", circle.id, role, None).code)
    return circle.id


def insights(dynamodb, audience, circle_id, source):
    found = dynamodb.query(
        TableName=TABLE, KeyConditionExpression="pk = :pk AND begins_with(sk, :p)",
        ExpressionAttributeValues={":pk": {"S": keys.insights_pk(audience)},
                                   ":p": {"S": keys.insight_prefix(circle_id, source)}},
    )["Items"]
    return sorted(item["level"]["S"] for item in found)


def plant(stores, circle_id, source, audience, *levels):
    for level in levels:
        stores[1].add_insight(Insight(circle_id, source, audience, level, f"{source} needs space ({level})"))


def test_a_change_counts_from_the_very_next_read(consent, stores, family):
    store = stores[1]
    assert effective_consent("dad", "mum", family, store=store) is PRIVATE
    consent.set_for_member("dad", family, "mum", SUMMARY)
    assert effective_consent("dad", "mum", family, store=store) is SUMMARY
    consent.set_default("dad", family, THEMES)
    assert effective_consent("dad", "max", family, store=store) is THEMES
    assert effective_consent("dad", "mum", family, store=store) is SUMMARY
    consent.clear_for_member("dad", family, "mum")
    assert effective_consent("dad", "mum", family, store=store) is THEMES


def test_the_view_shows_my_rules_and_what_others_share_with_me(consent, family):
    consent.set_default("dad", family, THEMES)
    consent.set_for_member("dad", family, "zoe", SUMMARY)
    consent.set_default("zoe", family, SUMMARY)
    mine = consent.view("dad", family)
    assert mine.default is THEMES
    assert {r.member_id: (r.rule, r.effective) for r in mine.members} == {
        "mum": (None, THEMES), "zoe": (SUMMARY, SUMMARY), "max": (None, THEMES)}
    # Zoe's default is summary, but she is a minor and dad is a parent.
    assert {s.member_id: s.effective for s in mine.shared_with_me} == {"mum": PRIVATE, "zoe": PRIVATE, "max": PRIVATE}
    assert {s.member_id: s.effective for s in consent.view("max", family).shared_with_me}["zoe"] is SUMMARY


def test_a_minor_cannot_open_their_content_to_a_parent(consent, family):
    with pytest.raises(ConsentRefused):
        consent.set_for_member("zoe", family, "mum", THEMES)
    consent.set_for_member("zoe", family, "mum", PRIVATE)  # saying no is always fine


def test_rules_are_only_about_members_of_circles_i_am_in(consent, family):
    with pytest.raises(CircleNotFound):
        consent.set_default("eve", family, SUMMARY)
    with pytest.raises(MemberNotFound):
        consent.set_for_member("dad", family, "eve", SUMMARY)
    with pytest.raises(ConsentRefused):
        consent.set_for_member("dad", family, "dad", SUMMARY)


def test_revoking_purges_what_was_derived_above_the_new_level_and_nothing_else(consent, stores, dynamodb, family):
    consent.set_for_member("dad", family, "mum", SUMMARY)
    consent.set_for_member("max", family, "mum", SUMMARY)
    plant(stores, family, "dad", "mum", THEMES, SUMMARY)
    plant(stores, family, "max", "mum", THEMES, SUMMARY)
    consent.set_for_member("dad", family, "mum", THEMES)
    assert insights(dynamodb, "mum", family, "dad") == ["themes"]
    consent.set_for_member("dad", family, "mum", PRIVATE)
    assert insights(dynamodb, "mum", family, "dad") == []
    assert insights(dynamodb, "mum", family, "max") == ["summary", "themes"]  # max's consent did not change


def test_lowering_the_default_purges_for_members_without_their_own_rule(consent, stores, dynamodb, family):
    consent.set_default("dad", family, SUMMARY)
    consent.set_for_member("dad", family, "max", SUMMARY)
    plant(stores, family, "dad", "mum", SUMMARY)
    plant(stores, family, "dad", "max", SUMMARY)
    consent.set_default("dad", family, PRIVATE)
    assert insights(dynamodb, "mum", family, "dad") == []
    assert insights(dynamodb, "max", family, "dad") == ["summary"]


def test_every_change_is_in_the_members_audit_trail_newest_first(consent, family):
    consent.set_default("dad", family, THEMES)
    consent.set_for_member("dad", family, "mum", SUMMARY)
    consent.set_for_member("dad", family, "mum", SUMMARY)  # no change: nothing to audit
    consent.clear_for_member("dad", family, "mum")
    page = consent.audit_trail("dad", limit=2, cursor=None)
    assert [(c.action, c.member_id, c.previous, c.level) for c in page.changes] == [
        ("cleared", "mum", SUMMARY, None), ("set", "mum", None, SUMMARY)]
    rest = consent.audit_trail("dad", limit=10, cursor=page.next_cursor)
    assert [(c.action, c.member_id, c.member_role, c.level) for c in rest.changes] == [("set", None, None, THEMES)]
    assert all(c.actor == "self" for c in page.changes + rest.changes)
    assert consent.audit_trail("mum", limit=10, cursor=None).changes == []


def test_leaving_drops_the_rules_and_insights_between_the_leaver_and_the_circle(consent, stores, dynamodb, family):
    circles = CirclesService(*stores)
    consent.set_for_member("max", family, "mum", SUMMARY)
    consent.set_for_member("mum", family, "max", SUMMARY)
    plant(stores, family, "max", "mum", SUMMARY)
    plant(stores, family, "mum", "max", SUMMARY)
    circles.leave("max", family)
    assert insights(dynamodb, "mum", family, "max") == [] and insights(dynamodb, "max", family, "mum") == []
    assert consent.view("mum", family).members and all(r.member_id != "max" for r in consent.view("mum", family).members)
    mum_trail = consent.audit_trail("mum", limit=10, cursor=None).changes
    assert mum_trail[0].action == "member_left" and mum_trail[0].member_role is Role.SIBLING
    assert "max" not in str(dynamodb.query(
        TableName=TABLE, KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": keys.member_pk("mum")}})["Items"])

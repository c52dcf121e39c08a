"""A member's data rights against DynamoDB (moto, in process): retention setting, export, deletion."""

import pytest

from services.circles.accounts import AccountService
from services.circles.service import CirclesService
from services.consent.service import ConsentService
from shared.models import CircleKind, ConsentLevel, MemberSettings, Role
from shared.store.accounts import DAY_SECONDS, AccountStore
from shared.store.circles import CircleStore
from shared.store.consent import ConsentStore, Insight
from shared.store.threads import ThreadStore

pytestmark = pytest.mark.consent

TABLE = "inetta-test"


class FakeDirectory:
    def __init__(self):
        self.deleted = []

    def delete_member(self, member_id):
        self.deleted.append(member_id)
        return True


@pytest.fixture
def world(dynamodb):
    circles = CirclesService(CircleStore(TABLE, client=dynamodb), ConsentStore(TABLE, client=dynamodb))
    directory = FakeDirectory()
    return circles, AccountService(circles, AccountStore(TABLE, client=dynamodb), directory), directory


def test_the_retention_setting_gives_new_messages_their_expiry(world):
    _, accounts, _ = world
    assert accounts.settings("ana").message_retention_days is None
    assert accounts.accounts.message_expiry("ana") is None
    accounts.save_settings("ana", MemberSettings(message_retention_days=30))
    assert accounts.accounts.message_expiry("ana", now=1000) == 1000 + 30 * DAY_SECONDS
    accounts.save_settings("ana", MemberSettings(message_retention_days=None))
    assert accounts.settings("ana").message_retention_days is None


def test_export_holds_what_i_own_and_not_what_others_let_me_see(world, dynamodb):
    circles, accounts, _ = world
    circle = circles.create("ana", CircleKind.FAMILY, "Family", None, None)
    circles.accept("ben", circles.invite("ana", circle.id, Role.SIBLING, None).code)
    threads = ThreadStore(TABLE, client=dynamodb)
    thread = threads.ensure_private_thread("ana")
    threads.record_member_message("ana", thread.id, "ana's own words", "k1")
    consent = circles.consent
    consent.add_insight(Insight(circle.id, "ben", "ana", ConsentLevel.THEMES, "BEN-SECRET"))
    consent.add_insight(Insight(circle.id, "ana", "ben", ConsentLevel.THEMES, "derived from ana"))
    export = accounts.export("ana")
    assert [m["text"] for t in export["threads"] for m in t["messages"]] == ["ana's own words"]
    assert [i["text"] for i in export["insights_from_me"]] == ["derived from ana"]
    assert [c["role"] for c in export["circles"]] == ["parent"]
    assert "BEN-SECRET" not in str(export)


def test_deleting_an_account_leaves_no_trace_and_the_circle_a_new_admin(world, dynamodb):
    circles, accounts, directory = world
    family = circles.create("ana", CircleKind.FAMILY, "Family", None, None)
    for name in ("ben", "cleo"):
        circles.accept(name, circles.invite("ana", family.id, Role.SIBLING, None).code)
    solo = circles.create("ana", CircleKind.COUPLE, "Alone", None, None)
    circles.consent.add_insight(Insight(family.id, "ben", "ana", ConsentLevel.THEMES, "from ben"))
    circles.consent.add_insight(Insight(family.id, "ana", "ben", ConsentLevel.THEMES, "from ana"))
    # Rules both ways, so both members' audit trails name ana.
    consent = ConsentService(circles.circles, circles.consent)
    consent.set_for_member("ana", family.id, "ben", ConsentLevel.SUMMARY)
    consent.set_for_member("ben", family.id, "ana", ConsentLevel.THEMES)
    ThreadStore(TABLE, client=dynamodb).ensure_private_thread("ana")
    accounts.save_settings("ana", MemberSettings(message_retention_days=7))

    outcome = accounts.delete("ana")
    assert outcome["circles_left"] == [family.id] and outcome["circles_deleted"] == [solo.id]
    assert directory.deleted == ["ana"]
    everything = dynamodb.scan(TableName=TABLE)["Items"]
    assert not [item for item in everything if "ana" in str(item).replace("Family", "")]
    detail = circles.circle("ben", family.id)
    assert [(m.member_id, m.admin) for m in detail.members] == [("ben", True), ("cleo", False)]
    assert accounts.delete("ana")["items_deleted"] == 0  # asking again is harmless


def test_each_coach_message_in_my_export_carries_why_this_reply_as_i_see_it(dynamodb):
    from shared.context.why import explain
    from tests.support.family import make_family

    couple = make_family(dynamodb, TABLE, {"ana": ("partner", False), "ben": ("partner", False)}, kind="couple")
    couple.share("ana", "themes", "ben")
    couple.say("ana", "He pulls away and goes quiet when I try to talk; I feel unheard. ANA-CANARY")
    first = couple.say("ben", "She keeps wanting to talk and I freeze")
    second = couple.say("ben", "What could I say tonight?", offline=True)

    export = AccountStore(TABLE, client=dynamodb).export(couple.subs["ben"])
    coach = [m for t in export["threads"] for m in t["messages"] if m["author"] == "coach"]
    assert [m["id"] for m in coach] == [first.reply.id, second.reply.id]
    for message in coach:  # exactly what the "why this reply" route tells ben
        assert message["why"] == explain(dynamodb, TABLE, couple.subs["ben"], message["thread_id"], message["id"])
    kinds = {item["kind"] for item in coach[0]["why"]["items"]}
    assert "insight" in kinds and "your partner chose to share" in coach[0]["why"]["summary"]
    assert "offline coach" in coach[1]["why"]["summary"]
    assert "ANA-CANARY" not in str(export) and "goes quiet" not in str(export)
    assert all("why" not in m for t in export["threads"] for m in t["messages"] if m["author"] == "member")

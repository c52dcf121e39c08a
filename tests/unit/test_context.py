"""Context building (in-process, moto): precomputed context, consented insights, the turn's bounded reads, budget."""

import time

import pytest

from shared.context import budget
from shared.context.build import ContextBuilder
from shared.llm.prompt import build_messages, prompt_tokens
from shared.models import MemberSettings
from shared.store import keys
from shared.store.accounts import AccountStore
from shared.store.table import from_item, to_item
from tests.support.family import make_family

pytestmark = pytest.mark.context


@pytest.fixture
def couple(dynamodb):
    return make_family(dynamodb, "inetta-test", {"ana": ("partner", False), "ben": ("partner", False)}, kind="couple")


@pytest.fixture
def family(dynamodb):
    return make_family(dynamodb, "inetta-test", {"mum": ("parent", False), "dad": ("parent", False),
                                                 "zoe": ("teen", True)})


def insights_for(f, name):
    response = f.client.query(TableName=f.table, KeyConditionExpression="pk = :pk",
                              ExpressionAttributeValues={":pk": {"S": keys.insights_pk(f.subs[name])}})
    return [from_item(i) for i in response["Items"]]


PURSUIT = "I keep trying to talk but he pulls away and goes quiet. I feel unheard and lonely. I want to feel close again."


def test_the_profile_holds_summary_goals_attachment_with_evidence_and_patterns(couple):
    couple.say("ana", PURSUIT)
    couple.say("ana", "I texted again for reassurance, I'm afraid he will leave me. We fought about money.")
    own = couple.builder.load(couple.subs["ana"])
    assert "I want to feel close again" in own.goals[0]
    style, count, evidence = own.attachment()[0]
    assert style == "anxious" and count >= 1 and "reassurance" in evidence[-1]["excerpt"]
    assert "pursue-withdraw" in own.top("pattern", 3) and "money" in own.top("topic", 3)
    assert own.summary and "money" in own.summary
    # The thread shows its owner the summary too.
    assert couple.store.get_thread(couple.subs["ana"], couple.thread("ana")).summary == own.summary


def test_a_build_counts_nothing_twice(couple):
    couple.say("ana", PURSUIT)
    before = couple.builder.load(couple.subs["ana"]).counts
    couple.builder.build(couple.subs["ana"], couple.thread("ana"))  # a stream batch delivered again
    assert couple.builder.load(couple.subs["ana"]).counts == before


def test_nothing_is_shared_without_consent_and_themes_only_with_themes(couple):
    couple.say("ana", PURSUIT)
    assert insights_for(couple, "ben") == []
    couple.share("ana", "themes", "ben")
    couple.say("ana", "Still the same.")
    found = insights_for(couple, "ben")
    assert [i["level"] for i in found] == ["themes"]
    assert "feeling unheard" in found[0]["text"] and "goes quiet" not in found[0]["text"]
    couple.share("ana", "summary", "ben")
    couple.say("ana", "And again.")
    assert sorted(i["level"] for i in insights_for(couple, "ben")) == ["summary", "themes"]


def test_consented_themes_inform_the_other_members_reply_and_revocation_stops_them_at_once(couple):
    couple.share("ana", "themes")
    couple.say("ana", PURSUIT)
    couple.say("ben", "She keeps wanting to talk and I don't know what to do")
    context = couple.coach.contexts[-1]
    assert any("feeling unheard" in item.text for item in context.family)
    couple.share("ana", "private")  # no build in between: the purge and the read-time check both hold
    couple.say("ben", "What should I do tonight?", build=False)
    assert couple.coach.contexts[-1].family == ()
    assert insights_for(couple, "ben") == []


def test_an_insight_not_yet_purged_is_still_refused_at_read_time(couple):
    couple.share("ana", "summary", "ben")
    couple.say("ana", PURSUIT)
    leftover = insights_for(couple, "ben")
    couple.share("ana", "private", "ben")
    for item in leftover:  # as if the purge had not happened yet
        couple.client.put_item(TableName=couple.table, Item=to_item(item))
    couple.say("ben", "Hello", build=False)
    assert couple.coach.contexts[-1].family == ()


def test_a_teens_chat_never_informs_a_parent_even_with_a_circle_wide_default(family):
    family.share("zoe", "summary")
    family.say("zoe", "My parents never listen and I feel unheard about curfew")
    assert insights_for(family, "mum") == [] and insights_for(family, "dad") == []
    family.share("mum", "themes")
    family.say("mum", "I worry about Zoe and curfew; I feel unheard")
    assert [i["level"] for i in insights_for(family, "zoe")] == ["themes"]


def test_active_agreements_reach_the_members_context(couple):
    couple.client.put_item(TableName=couple.table, Item=to_item({
        "pk": keys.member_pk(couple.subs["ana"]), "sk": "AGREEMENT#2026-01-01T00:00:00.000000Z#m1",
        "owner": couple.subs["ana"], "mediation_id": "m1", "text": "Phone-free dinners on weekdays",
        "kind": "agreement"}))
    couple.say("ana", "We argued about phones at dinner")
    couple.say("ana", "How do I bring it up?", build=False)
    context = couple.coach.contexts[-1]
    assert [a.text for a in context.agreements] == ["Agreement: Phone-free dinners on weekdays"]


def test_a_turn_reads_in_a_bounded_number_of_requests(couple):
    couple.share("ana", "summary")
    couple.say("ana", PURSUIT)
    thread, chat = couple.thread("ben"), couple.chat
    calls = []
    couple.client.meta.events.register("before-call.dynamodb", lambda model, **_: calls.append(model.name))
    chat.take_turn(couple.subs["ben"], thread, "hi", "k1")
    assert calls == ["TransactWriteItems", "Query", "Query", "BatchGetItem", "TransactWriteItems"]


def test_the_prompt_stays_within_the_budget_however_long_the_messages(couple):
    couple.share("ana", "summary")
    for _ in range(3):
        couple.say("ana", PURSUIT * 40)
    couple.say("ana", "x" * 8000, build=False)
    messages = couple.coach.prompts[-1]
    assert prompt_tokens(messages) <= budget.PROMPT_TOKENS + 4 * len(messages)
    assert prompt_tokens(messages) < 4000


def test_prompt_tokens_stay_flat_as_the_thread_grows(dynamodb):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import context_bench

    short, short_calls = context_bench.measure(10)
    long, long_calls = context_bench.measure(1000)
    assert long / short <= 1.2 and short_calls == long_calls <= 5


def test_nothing_is_derived_from_a_message_the_crisis_screen_flags(couple):
    couple.share("ana", "summary")
    couple.say("ana", "I feel hopeless and I want to kill myself, I feel unheard")
    assert couple.builder.load(couple.subs["ana"]).counts == {}
    assert insights_for(couple, "ben") == []


# --- retention: the context is made of the member's messages and lives no longer than they do -------------------


def stored(f, pk, sk):
    found = f.client.get_item(TableName=f.table, Key=to_item({"pk": pk, "sk": sk})).get("Item")
    return from_item(found) if found else None


def days_left(expires_at) -> float:
    return (int(expires_at) - time.time()) / 86400


def test_the_context_expires_with_the_members_messages_and_follows_a_change_of_retention(couple):
    ana = couple.subs["ana"]
    accounts = AccountStore(couple.table, client=couple.client)
    accounts.save_settings(ana, MemberSettings(message_retention_days=30))
    couple.say("ana", PURSUIT)
    context = stored(couple, keys.member_pk(ana), "CONTEXT")
    messages = [from_item(i) for i in couple.client.scan(TableName=couple.table)["Items"]
                if i["sk"]["S"].startswith("MSG#") and i["owner"]["S"] == ana]
    assert context["summary"] and all(abs(int(m["expires_at"]) - int(context["expires_at"])) < 60 for m in messages)
    assert 29.9 < days_left(context["expires_at"]) <= 30
    thread = stored(couple, f"THREAD#{couple.thread('ana')}", "THREAD")
    assert thread["summary_expires_at"] == context["expires_at"]

    accounts.save_settings(ana, MemberSettings(message_retention_days=7))  # shorter: from now on
    assert 6.9 < days_left(stored(couple, keys.member_pk(ana), "CONTEXT")["expires_at"]) <= 7
    assert 6.9 < days_left(stored(couple, f"THREAD#{couple.thread('ana')}", "THREAD")["summary_expires_at"]) <= 7
    accounts.save_settings(ana, MemberSettings(message_retention_days=None))  # kept again
    assert "expires_at" not in stored(couple, keys.member_pk(ana), "CONTEXT")
    assert "summary_expires_at" not in stored(couple, f"THREAD#{couple.thread('ana')}", "THREAD")


def test_without_retention_the_context_is_kept_and_a_setting_creates_nothing_for_a_member_without_one(couple):
    couple.say("ana", PURSUIT)
    assert "expires_at" not in stored(couple, keys.member_pk(couple.subs["ana"]), "CONTEXT")
    AccountStore(couple.table, client=couple.client).save_settings(couple.subs["ben"], MemberSettings(message_retention_days=3))
    assert stored(couple, keys.member_pk(couple.subs["ben"]), "CONTEXT") is None


def test_an_expired_context_not_yet_removed_by_dynamodb_is_not_used(couple):
    ana = couple.subs["ana"]
    AccountStore(couple.table, client=couple.client).save_settings(ana, MemberSettings(message_retention_days=1))
    couple.say("ana", PURSUIT)
    # A day later, the TTL has passed but DynamoDB has not deleted the items yet (it takes up to a few days).
    past = int(time.time()) - 60
    couple.client.update_item(TableName=couple.table, Key=to_item({"pk": keys.member_pk(ana), "sk": "CONTEXT"}),
                              UpdateExpression="SET expires_at = :t", ExpressionAttributeValues={":t": {"N": str(past)}})
    couple.client.update_item(TableName=couple.table, Key=to_item({"pk": f"THREAD#{couple.thread('ana')}", "sk": "THREAD"}),
                              UpdateExpression="SET summary_expires_at = :t",
                              ExpressionAttributeValues={":t": {"N": str(past)}})
    assert couple.store.get_thread(ana, couple.thread("ana")).summary == ""
    couple.say("ana", "Hello again", build=False)
    context = couple.coach.contexts[-1]
    assert context.summary == "" and context.profile == ()
    # The next build starts afresh: nothing of the expired profile is counted on.
    couple.say("ana", "We argued about money")
    own = couple.builder.load(ana)
    assert "theme:unheard" not in own.counts and own.counts.get("topic:money") == 1 and "goes quiet" not in own.summary


def test_deleting_the_member_removes_their_context(couple):
    ana, thread = couple.subs["ana"], couple.thread("ana")
    couple.say("ana", PURSUIT)
    assert stored(couple, keys.member_pk(ana), "CONTEXT") is not None
    AccountStore(couple.table, client=couple.client).delete_everything(ana)
    assert stored(couple, keys.member_pk(ana), "CONTEXT") is None
    assert stored(couple, f"THREAD#{thread}", "THREAD") is None  # and the thread that held its summary

"""Context building (in-process, moto): precomputed context, consented insights, the turn's bounded reads, budget."""

import pytest

from shared.context import budget
from shared.context.build import ContextBuilder
from shared.llm.prompt import build_messages, prompt_tokens
from shared.store import keys
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

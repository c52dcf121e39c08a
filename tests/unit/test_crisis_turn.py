"""A crisis in chat: screened before any model, answered by the crisis protocol, one incident per crisis."""

import pytest

from services.chat.turn import ChatService
from shared.config import LLMSettings
from shared.http import locale_of
from shared.safety import screen
from shared.llm.gateway import CoachGateway
from shared.store.incidents import IncidentStore
from shared.store.threads import ThreadStore

pytestmark = [pytest.mark.crisis, pytest.mark.spine]


@pytest.fixture
def store(dynamodb):
    return ThreadStore("inetta-test", client=dynamodb)


def chat_with_model(store, base_url: str, moderation_model: str = "") -> ChatService:
    settings = LLMSettings(base_url=base_url, model="m", api_key="k", timeout_seconds=1, max_retries=0,
                           moderation_model=moderation_model)
    return ChatService(store=store, coach=CoachGateway.from_settings(settings))


def test_a_crisis_reply_arrives_with_the_model_down_and_names_local_resources(store):
    chat = chat_with_model(store, "http://127.0.0.1:9/v1")  # nothing listens on the discard port
    thread = store.ensure_private_thread("ana")
    us = chat.take_turn("ana", thread.id, "I want to kill myself tonight, I have the pills ready", "k1", "en-US")
    assert us.reply.source == "safety" and "988" in us.reply.text and "911" in us.reply.text
    uk = chat.take_turn("ana", thread.id, "I don't want to be alive anymore", "k2", "en-GB")
    assert "Samaritans" in uk.reply.text and "116 123" in uk.reply.text
    elsewhere = chat.take_turn("ana", thread.id, "I want to end my life", "k3", "de-DE")
    assert "findahelpline.com" in elsewhere.reply.text


def test_no_model_ever_sees_a_crisis_message(store, fake_llm):
    chat = chat_with_model(store, fake_llm.base_url)
    thread = store.ensure_private_thread("ana")
    chat.take_turn("ana", thread.id, "he choked me last night and said he'd kill me if I leave", "k1")
    assert fake_llm.requests == []
    chat.take_turn("ana", thread.id, "we fought about the dishes again", "k2")
    assert len(fake_llm.requests) == 1  # ordinary conflict goes to the model as usual


def test_abuse_gets_safety_resources_and_no_advice_to_compromise(store):
    chat = ChatService(store=store, coach=CoachGateway(primary=None))
    thread = store.ensure_private_thread("ana")
    reply = chat.take_turn("ana", thread.id, "he choked me last night and said he'd kill me if I leave", "k1").reply
    assert "1-800-799-7233" in reply.text and "not your fault" in reply.text
    assert "compromise" not in reply.text.lower() and "partner's feelings" not in reply.text.lower()


def test_an_incident_is_recorded_once_per_crisis(store, dynamodb):
    chat = ChatService(store=store, coach=CoachGateway(primary=None))
    thread = store.ensure_private_thread("ana")
    first = chat.take_turn("ana", thread.id, "I want to kill myself", "k1")
    chat.take_turn("ana", thread.id, "I really mean it, I want to die", "k2")
    incidents = IncidentStore("inetta-test", client=dynamodb).list_for_member("ana")
    assert len(incidents) == 1
    incident = incidents[0]
    assert incident["category"] == "suicide_self_harm" and incident["status"] == "open"
    assert incident["message_id"] == first.message.id and incident["owner"] == "ana"
    # Both messages and both safe replies are in the thread.
    assert len(store.list_messages("ana", thread.id, 10, None).messages) == 4


def test_a_parent_told_of_a_child_s_suicidal_thoughts_gets_help_to_help_them_and_on_call_is_told_whose(store, dynamodb):
    """The one at risk is the member's son: the reply is for the one who worries (how to keep him safe, the crisis line
    that helps people worried about someone else), not a reply to the member's own thoughts; the incident says whose.
    The member's own suicidal thoughts, told next, are a crisis of their own: a second incident, not the same one."""
    chat = ChatService(store=store, coach=CoachGateway(primary=None))
    thread = store.ensure_private_thread("ana")
    son = chat.take_turn("ana", thread.id, "my son told me last night he wants to kill himself", "k1", "en-US").reply
    assert son.source == "safety" and "someone you love" in son.text and "worried about someone else" in son.text
    assert "988" in son.text and "911" in son.text and "What you're feeling matters" not in son.text
    assert son.quick_replies == []  # a rule named it: nothing to ask
    chat.take_turn("ana", thread.id, "he also said he has been cutting himself", "k2")
    incidents = IncidentStore("inetta-test", client=dynamodb).list_for_member("ana")
    assert [(i["category"], i["someone_else"]) for i in incidents] == [("suicide_self_harm", True)]
    assert incidents[0]["danger"] == "high"  # raised: self-harm is behaviour on the C-SSRS ladder
    own = chat.take_turn("ana", thread.id, "honestly i want to die too", "k3").reply
    assert "What you're feeling matters" in own.text
    incidents = IncidentStore("inetta-test", client=dynamodb).list_for_member("ana")
    assert sorted(i["someone_else"] for i in incidents) == [False, True]


PLAN = "I want to kill myself tonight, I have the pills ready"


def test_a_worse_danger_later_in_the_same_crisis_raises_the_open_incident_and_a_lesser_one_does_not(store, dynamodb):
    chat = ChatService(store=store, coach=CoachGateway(primary=None))
    thread = store.ensure_private_thread("ana")
    assert screen("I want to kill myself").danger == "low" and screen(PLAN).danger == "high"
    chat.take_turn("ana", thread.id, "I want to kill myself", "k1")
    plan = chat.take_turn("ana", thread.id, PLAN, "k2")
    chat.take_turn("ana", thread.id, "I really mean it, I want to die", "k3")  # low again: the danger stays high

    [incident] = IncidentStore("inetta-test", client=dynamodb).list_for_member("ana")  # still one crisis
    assert incident["danger"] == "high" and incident["severity"] == "plan" and incident["raised_from"] == "low"
    assert incident["raised_message_id"] == plan.message.id and "danger_raised_at" in incident
    assert len(store.list_messages("ana", thread.id, 10, None).messages) == 6  # every reply went out


def test_two_messages_raising_the_danger_at_once_keep_the_first_raise_and_both_replies(store, dynamodb):
    from shared.store.batch import transact

    class AtTheSameMoment(IncidentStore):
        def raise_writes(self, member_id, screening, message_id):
            writes = super().raise_writes(member_id, screening, message_id)  # read while the danger is still low
            transact(self.client, super().raise_writes(member_id, screen(PLAN), "the other message"))
            return writes

    chat = ChatService(store=store, coach=CoachGateway(primary=None),
                       incidents=AtTheSameMoment("inetta-test", client=dynamodb))
    thread = store.ensure_private_thread("ana")
    chat.take_turn("ana", thread.id, "I want to kill myself", "k1")
    reply = chat.take_turn("ana", thread.id, "I have the pills ready and I'm going to take them all tonight", "k2")
    assert reply.reply.source == "safety"
    [incident] = IncidentStore("inetta-test", client=dynamodb).list_for_member("ana")
    assert incident["danger"] == "high" and incident["raised_message_id"] == "the other message"


def test_ordinary_conflict_and_idioms_open_no_incident(store, dynamodb):
    chat = ChatService(store=store, coach=CoachGateway(primary=None))
    thread = store.ensure_private_thread("ana")
    for n, text in enumerate([
        "we fought about the dishes again",
        "my teen slammed the door and won't talk to me",
        "this commute is killing me",
        "how do I kill a Python process",
    ]):
        assert chat.take_turn("ana", thread.id, text, f"k{n}").reply.source == "offline"
    assert IncidentStore("inetta-test", client=dynamodb).list_for_member("ana") == []


@pytest.mark.parametrize("header, locale", [
    ("en-GB,en;q=0.8", "en-GB"),      # the first tag picks the country of the crisis resources
    ("en_AU", "en_AU"),
    ("fr-CA;q=0.9", "fr-CA"),
    (None, "en-US"),                  # no header: the international default's country
    ("", "en-US"),
    ("*", "en-US"),                   # a wildcard or junk never reaches the resource table
    ("<script>", "en-US"),
])
def test_the_locale_is_the_first_language_tag_of_the_request(header, locale):
    assert locale_of(header) == locale


# --- The provider's moderation endpoint as a second opinion (shared.llm.moderation) ---

QUIET = "I need a very long rest"  # the screen lets this through (asserted below)


def chat_with_moderation(store, base_url: str) -> ChatService:
    return chat_with_model(store, base_url, moderation_model="omni-moderation-latest")


def test_a_self_harm_flag_from_the_moderation_endpoint_gets_the_crisis_reply_and_an_incident(store, dynamodb, fake_llm):
    assert not screen(QUIET).escalate
    fake_llm.moderation_flags = {QUIET: ["self-harm", "self-harm/intent"]}
    chat = chat_with_moderation(store, fake_llm.base_url)
    thread = store.ensure_private_thread("ana")
    turn = chat.take_turn("ana", thread.id, QUIET, "k1", "en-GB")
    assert turn.reply.source == "safety" and "Samaritans" in turn.reply.text
    assert fake_llm.requests == []  # the coach's model never wrote to someone the provider flagged
    assert [r["input"] for r in fake_llm.moderation_requests] == [QUIET]
    [incident] = IncidentStore("inetta-test", client=dynamodb).list_for_member("ana")
    assert incident["category"] == "suicide_self_harm" and incident["message_id"] == turn.message.id
    assert "moderation.self-harm/intent" in incident["signals"]  # on-call can see where the escalation came from


def test_violence_flags_from_the_moderation_endpoint_are_not_taken_for_a_crisis(store, dynamodb, fake_llm):
    # Moderation models flag violence in a disclosure of abuse as readily as in a threat: only self-harm is taken.
    fake_llm.moderation_flags = {"the dishes": ["violence", "harassment/threatening"]}
    chat = chat_with_moderation(store, fake_llm.base_url)
    thread = store.ensure_private_thread("ana")
    turn = chat.take_turn("ana", thread.id, "we fought about the dishes again", "k1")
    assert turn.reply.source == "llm" and len(fake_llm.moderation_requests) == 1
    assert IncidentStore("inetta-test", client=dynamodb).list_for_member("ana") == []


def test_moderation_is_asked_only_when_turned_on_and_never_for_what_the_screen_decided(store, fake_llm):
    fake_llm.moderation_flags = {QUIET: ["self-harm"]}
    thread = store.ensure_private_thread("ana")
    off = chat_with_model(store, fake_llm.base_url)
    assert off.take_turn("ana", thread.id, QUIET, "k1").reply.source == "llm"
    assert fake_llm.moderation_requests == []
    on = chat_with_moderation(store, fake_llm.base_url)
    assert on.take_turn("ana", thread.id, "I want to kill myself", "k2").reply.source == "safety"
    assert fake_llm.moderation_requests == []  # the screen escalated on its own, offline


@pytest.mark.parametrize("mode", ["error500", "slow", "garbage"])
def test_a_moderation_endpoint_that_fails_leaves_the_screen_s_decision_and_the_member_gets_a_reply(
        store, dynamodb, fake_llm, mode):
    fake_llm.mode, fake_llm.slow_seconds = mode, 3
    fake_llm.moderation_flags = {QUIET: ["self-harm"]}
    chat = chat_with_moderation(store, fake_llm.base_url)
    thread = store.ensure_private_thread("ana")
    turn = chat.take_turn("ana", thread.id, QUIET, "k1")
    assert len(fake_llm.moderation_requests) == 1
    assert turn.reply.source == "offline" and turn.reply.text  # the model failed the same way: the offline coach
    assert IncidentStore("inetta-test", client=dynamodb).list_for_member("ana") == []

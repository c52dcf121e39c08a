"""A chat turn against DynamoDB (moto, in process): stored first, exactly once, only in the member's own thread."""

import time

import pytest

from services.chat.turn import RECENT_MESSAGES, ChatService, ReplyNotSaved
from shared.llm.gateway import CoachGateway
from shared.store.threads import (
    IdempotencyKeyReused,
    InvalidCursor,
    ThreadNotFound,
    ThreadStore,
    TurnInProgress,
)

pytestmark = pytest.mark.spine


class ExplodingCoach:
    """A coach whose process dies mid-turn (not a model outage: the whole attempt is lost)."""

    name = "llm"

    def reply(self, context):
        raise RuntimeError("the function ran out of time")


@pytest.fixture
def store(dynamodb):
    return ThreadStore("inetta-test", client=dynamodb)


@pytest.fixture
def chat(store):
    return ChatService(store=store, coach=CoachGateway(primary=None))


def all_items(dynamodb):
    return dynamodb.scan(TableName="inetta-test")["Items"]


def test_a_turn_stores_the_message_and_the_reply_in_order(chat, store):
    thread = store.ensure_private_thread("ana")
    turn = chat.take_turn("ana", thread.id, "We fought about the dishes again", "key-1")
    assert turn.message.text == "We fought about the dishes again" and turn.reply.author == "coach"
    page = store.list_messages("ana", thread.id, limit=10, cursor=None)
    assert [m.id for m in page.messages] == [turn.reply.id, turn.message.id]  # newest first


def test_a_retry_with_the_same_key_duplicates_nothing(chat, store, dynamodb):
    thread = store.ensure_private_thread("ana")
    first = chat.take_turn("ana", thread.id, "Hello coach", "key-1")
    items_after_first = len(all_items(dynamodb))
    again = chat.take_turn("ana", thread.id, "Hello coach", "key-1")
    assert again.replayed and again.reply.id == first.reply.id and again.message.id == first.message.id
    assert len(all_items(dynamodb)) == items_after_first
    assert store.get_thread("ana", thread.id).message_count == 2


def test_the_same_key_with_another_message_is_refused(chat, store):
    thread = store.ensure_private_thread("ana")
    chat.take_turn("ana", thread.id, "Hello coach", "key-1")
    with pytest.raises(IdempotencyKeyReused):
        chat.take_turn("ana", thread.id, "Something else", "key-1")


def test_another_members_thread_is_not_found_and_nothing_is_written(chat, store, dynamodb):
    theirs = store.ensure_private_thread("ben")
    before = all_items(dynamodb)
    with pytest.raises(ThreadNotFound):
        chat.take_turn("ana", theirs.id, "Let me in", "key-1")
    with pytest.raises(ThreadNotFound):
        chat.take_turn("ana", "t_does_not_exist", "Anyone?", "key-2")
    assert all_items(dynamodb) == before


def test_the_message_is_kept_when_the_attempt_dies_and_a_retry_answers_it(store, dynamodb):
    thread = store.ensure_private_thread("ana")
    dying = ChatService(store=store, coach=CoachGateway(primary=ExplodingCoach()))
    with pytest.raises(RuntimeError):
        dying.take_turn("ana", thread.id, "Please don't lose this", "key-1")
    history = store.list_messages("ana", thread.id, limit=10, cursor=None).messages
    assert [m.text for m in history] == ["Please don't lose this"]

    healthy = ChatService(store=store, coach=CoachGateway(primary=None))
    with pytest.raises(TurnInProgress):  # the first attempt may still be running
        healthy.take_turn("ana", thread.id, "Please don't lose this", "key-1")
    dynamodb.update_item(  # the first attempt's lease runs out
        TableName="inetta-test",
        Key={"pk": {"S": "IDEMPOTENCY#ana#key-1"}, "sk": {"S": "IDEMPOTENCY"}},
        UpdateExpression="SET lease_until = :past",
        ExpressionAttributeValues={":past": {"N": "0"}},
    )
    turn = healthy.take_turn("ana", thread.id, "Please don't lose this", "key-1")
    history = store.list_messages("ana", thread.id, limit=10, cursor=None).messages
    assert [m.id for m in history] == [turn.reply.id, turn.message.id]


def test_a_reply_that_cannot_be_saved_is_reported_and_the_message_stays(store, dynamodb, monkeypatch):
    thread = store.ensure_private_thread("ana")
    chat = ChatService(store=store, coach=CoachGateway(primary=None))

    def broken(*args, **kwargs):
        raise RuntimeError("throttled")

    monkeypatch.setattr(store, "record_coach_reply", broken)
    with pytest.raises(ReplyNotSaved):
        chat.take_turn("ana", thread.id, "Still here?", "key-1")
    assert [m.text for m in store.list_messages("ana", thread.id, 10, None).messages] == ["Still here?"]

    # Told to retry with the same key, the member gets their answer at once (no "still being answered").
    monkeypatch.undo()
    turn = chat.take_turn("ana", thread.id, "Still here?", "key-1")
    assert turn.reply.author == "coach"
    assert [m.author for m in store.list_messages("ana", thread.id, 10, None).messages] == ["coach", "member"]


def test_history_pages_newest_first_with_a_cursor(chat, store):
    thread = store.ensure_private_thread("ana")
    for n in range(5):
        chat.take_turn("ana", thread.id, f"message {n}", f"key-{n}")
    seen, cursor = [], None
    while True:
        page = store.list_messages("ana", thread.id, limit=3, cursor=cursor)
        seen += page.messages
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert len(seen) == 10
    member_texts = [m.text for m in seen if m.author == "member"]
    assert member_texts == [f"message {n}" for n in reversed(range(5))]
    assert [m.created_at for m in seen] == sorted((m.created_at for m in seen), reverse=True)


def test_a_forged_cursor_is_refused(store):
    thread = store.ensure_private_thread("ana")
    for cursor in ["not-base64!!", "eyJzayI6IFRIUkVBRH0", "eyJzayI6ICJJREVNUE9URU5DWSJ9"]:
        with pytest.raises(InvalidCursor):
            store.list_messages("ana", thread.id, limit=3, cursor=cursor)


def test_the_turn_context_is_bounded_whatever_the_history(chat, store):
    thread = store.ensure_private_thread("ana")
    for n in range(RECENT_MESSAGES + 6):
        chat.take_turn("ana", thread.id, f"message {n}", f"key-{n}")
    context = store.load_turn_context("ana", thread.id, RECENT_MESSAGES)
    assert len(context.recent) == RECENT_MESSAGES
    assert context.recent[-1].author == "coach" and context.recent[-2].text == f"message {RECENT_MESSAGES + 5}"


def test_two_first_requests_make_one_private_thread(store):
    assert store.ensure_private_thread("ana").id == store.ensure_private_thread("ana").id
    assert len(store.list_threads("ana")) == 1


def test_a_member_with_a_retention_setting_gets_messages_that_expire(chat, store, dynamodb):
    from shared.models import MemberSettings
    from shared.store.accounts import AccountStore

    AccountStore("inetta-test", client=dynamodb).save_settings("ana", MemberSettings(message_retention_days=30))
    thread = store.ensure_private_thread("ana")
    chat.take_turn("ana", thread.id, "Please forget this in a month", "key-1")
    messages = [item for item in all_items(dynamodb) if item["sk"]["S"].startswith("MSG#")]
    assert len(messages) == 2
    for item in messages:
        days = (int(item["expires_at"]["N"]) - time.time()) / 86400
        assert 29.9 < days <= 30


def test_without_a_retention_setting_messages_are_kept(chat, store, dynamodb):
    thread = store.ensure_private_thread("ana")
    chat.take_turn("ana", thread.id, "Keep this", "key-1")
    assert all("expires_at" not in item for item in all_items(dynamodb) if item["sk"]["S"].startswith("MSG#"))


def test_a_reminder_asked_for_in_chat_is_booked_once(chat, store, dynamodb):
    thread = store.ensure_private_thread("ana")
    chat.take_turn("ana", thread.id, "Remind me on Friday to ask Sam about her exam", "key-1")
    chat.take_turn("ana", thread.id, "Remind me on Friday to ask Sam about her exam", "key-1")  # a retry
    reminders = [i for i in all_items(dynamodb) if "REMINDER" in i["sk"]["S"] and i.get("owner", {}).get("S") == "ana"]
    assert len(reminders) == 1

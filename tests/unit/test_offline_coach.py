"""The offline coach answers usefully and honestly with no language model."""

import pytest

from shared.knowledge import ENTRIES, retrieve
from shared.llm.base import CoachContext
from shared.llm.offline import LABEL, OfflineCoach

pytestmark = pytest.mark.spine


def reply_to(text: str, turn: int = 0) -> str:
    return OfflineCoach().reply(CoachContext(member_text=text, knowledge=tuple(retrieve(text)), turn_number=turn)).text


def test_the_reply_says_it_comes_from_the_offline_coach():
    reply = reply_to("We keep arguing about money.")
    assert reply.rstrip().endswith(LABEL)


def test_the_reply_reflects_the_feeling_and_person_the_member_named():
    reply = reply_to("I feel so lonely, my husband barely talks to me anymore")
    assert "lonely" in reply and "your husband" in reply


def test_the_reply_offers_an_exercise_and_ends_its_coaching_with_one_open_question():
    body = reply_to("My teen slammed the door and won't talk to me").replace(LABEL, "")
    assert "exercise" in body.lower()
    assert body.rstrip().endswith("?")


def test_the_technique_fits_the_situation():
    reply = reply_to("My wife pulls away whenever I try to talk and I feel anxious and clingy")
    pursue_withdraw = next(entry for entry in ENTRIES if entry.id == "pursue-withdraw")
    assert pursue_withdraw.offer in reply


def test_similar_messages_do_not_get_identical_replies():
    replies = {reply_to("I feel hurt that my partner forgot our anniversary", turn) for turn in range(6)}
    assert len(replies) >= 3


def test_the_same_message_at_the_same_point_gets_the_same_reply():
    # A retried request must not read differently.
    assert reply_to("We fought about the dishes again", 4) == reply_to("We fought about the dishes again", 4)

"""The knowledge base is curated and cited, and retrieval picks entries by the member's situation."""

import pytest

from shared.knowledge import ENTRIES, retrieve

pytestmark = pytest.mark.spine


def test_every_entry_says_when_it_applies_what_to_offer_an_exercise_and_its_source():
    for entry in ENTRIES:
        assert entry.applies_when and entry.offer and entry.exercise and entry.question, entry.id
        assert len(entry.source) > 10, entry.id


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        ("My husband shuts down and pulls away every time I want to talk", "pursue-withdraw"),
        ("My wife has depression and won't get out of bed, how do I help", "supporting-depression"),
        ("My teenager slammed the door after I took her phone", "parent-teen"),
        ("I keep setting boundaries about his friends and he says I'm controlling", "boundaries-to-agreements"),
        ("Work stress makes me snap at everyone", "stress-regulation"),
    ],
)
def test_retrieval_picks_the_entry_for_the_situation(situation, expected):
    assert expected in [entry.id for entry in retrieve(situation)]


def test_a_message_that_matches_nothing_still_gets_general_guidance():
    assert retrieve("hello") != []

"""Crisis words as people type them (issue 5): a teenager's "i want to dieee", "he chocked me" or "sh urges" is read
as what it says, and the repair never touches an ordinary word."""

from __future__ import annotations

import pytest
from spellchecker import SpellChecker

from shared.safety import screen
from shared.safety.rules import normalise
from shared.safety.spelling import NOT_SLIPS, SHORT, SLIPPED, WORDS, _doubled, _slips, lexicon
from tests.support.crisis import screened_as

pytestmark = pytest.mark.crisis


def test_no_slip_that_is_an_english_word_is_ever_repaired():
    """A new word in the lexicon cannot bring in a repair of another word ("overdone" is not "overdose", "willing"
    is not "killing"), but for the reviewed misspellings (``WORDS``: "chocked" is a word, but not one a family member
    writes to a coach); and the list of such words holds nothing the dictionary does not find."""
    dictionary = SpellChecker()
    slips = {slip for word in SLIPPED for slip in _slips(word)} | {slip for word in SHORT for slip in _doubled(word)}
    words = {slip for slip in slips if slip in dictionary and slip not in SLIPPED + SHORT}
    assert NOT_SLIPS == words
    assert not {slip for slip in words - WORDS.keys() if lexicon().get(slip) not in (None, slip)}


@pytest.mark.parametrize("typed,read", [
    ("i want to dieee", "i want to die"),
    ("I feel so SUICDAL", "i feel so suicidal"),
    ("im gonna kill myslef", "im gonna kill myself"),
    ("he chocked me last night", "he choked me last night"),
    ("my husband stangled me", "my husband strangled me"),
    ("he threatend me", "he threatened me"),
    ("su1cide", "suicide"),
    ("i wanna d!e", "i wanna die"),
    ("s*icide is all i think about", "suicide is all i think about"),
    ("s u i c i d e", "suicide"),
    ("sewer slide tonight", "suicide tonight"),
    ("thinking about ctb", "thinking about kill myself"),
    ("i relapsed on sh last night", "i relapsed on self harm last night"),
    ("sh urges are bad", "self harm urges are bad"),
    ("i've been sh'ing again", "i've been self harming again"),
    ("s/h scars on my arms", "self harm scars on my arms"),
    ("gonna od on my meds", "gonna overdose on my meds"),
])
def test_a_crisis_word_typed_fast_is_read_as_the_word(typed, read):
    assert normalise(typed) == read


@pytest.mark.parametrize("text", [
    "that's odd, she's usually home by now",
    "sh, the baby is sleeping",
    "this hiit class is brutal",
    "are you willing to try putting the phones away at dinner",
    "i'm overdoing it at work and cooking every night",
    "he snapped at me and then slipped out",
    "the kids are living their best life",
    "we're homeless for a week while the floors are redone",
    "she said it was a strange choice",
    "what a lump of sh** that was",
])
def test_ordinary_words_are_left_as_they_are(text):
    assert normalise(text) == text.lower()


@pytest.mark.parametrize("text,category,severity", [
    ("i want to dieee", "suicide_self_harm", "wish_to_be_dead"),
    ("i feel so suicdal", "suicide_self_harm", "thoughts"),
    ("he chocked me last night", "abuse", "strangulation"),
    ("my husband stangled me", "abuse", "strangulation"),
    ("i relapsed on sh last night", "suicide_self_harm", "behaviour"),
    ("sh urges are really bad today", "suicide_self_harm", "thoughts"),
    ("i'm going to commit toaster bath", "suicide_self_harm", "intent"),
])
def test_a_crisis_typed_fast_escalates_by_rule(text, category, severity):
    screened_as(text, category, severity=severity, tentative=False)


# Urges to self-harm and an overdose wanted or planned are the writer's own risk, not a medical emergency.
@pytest.mark.parametrize("text,severity", [
    ("i have self harm urges", "thoughts"),
    ("i want to cut again", "thoughts"),
    ("i want to overdose", "method"),
    ("i'm thinking about overdosing", "method"),
])
def test_self_harm_urges_and_a_wanted_overdose_are_suicide_and_self_harm(text, severity):
    screened_as(text, "suicide_self_harm", severity=severity)


@pytest.mark.parametrize("text", [
    "i want to cut my hair short",
    "we need to cut back on spending",
    "i really want to cut ties with my mother",
    "the urge to cut class is strong",
])
def test_cutting_that_is_not_self_harm_is_no_crisis(text):
    assert not screen(text).escalate, text


@pytest.mark.parametrize("text", [
    "my son overdosed last night and isn't waking up",
    "she took an overdose an hour ago",
    "he's overdosing, what do i do",
])
def test_an_overdose_that_happened_is_a_medical_emergency(text):
    screened_as(text, "medical_emergency")


# "kms" is the writer's own when it is what they would do or all they say; beside a bad test or a bad haircut it is a
# groan.
@pytest.mark.parametrize("text", ["i wanna kms fr", "im really about to kms", "i think about kms every day", "kms"])
def test_kms_as_what_the_writer_would_do_escalates_by_rule(text):
    screened_as(text, "suicide_self_harm", tentative=False)


@pytest.mark.parametrize("text", [
    "kms why did i say that in front of everyone",
    "lost my airpods again kms",
])
def test_kms_as_a_groan_does_not_escalate(text):
    assert not screen(text).escalate, text


@pytest.mark.parametrize("text", ["hubby od'd on the christmas lights this yr", "mil od'd on gifts for the baby"])
def test_too_much_of_a_good_thing_is_no_overdose(text):
    assert not screen(text).escalate, text


# One message per phrase, in PHRASES' order: each phrase is repaired, so none is skipped by the cheap look for its
# words (_PHRASE_WORDS) that runs before them.
PHRASE_EXAMPLES = [
    ("sewer slide tonight", "suicide tonight"),
    ("i want to take a toaster bath", "i want to kill myself"),
    ("toaster bath is all i think about", "suicide is all i think about"),
    ("i'm going to ctb", "i'm going to kill myself"),
    ("sh scars on my legs", "self harm scars on my legs"),
    ("i relapsed on sh", "i relapsed on self harm"),
    ("i hide my s/h", "i hide my self harm"),
    ("been shing again", "been self harming again"),
    ("i sh'd last night", "i self harmed last night"),
    ("gonna od tonight", "gonna overdose tonight"),
    ("od on my meds", "overdose on my meds"),
    ("he od'd", "he overdosed"),
    ("she keeps oding", "she keeps overdosing"),
]


def test_every_phrase_has_an_example():
    from shared.safety.spelling import PHRASES

    assert len(PHRASE_EXAMPLES) == len(PHRASES)


@pytest.mark.parametrize("typed,read", PHRASE_EXAMPLES)
def test_every_phrase_is_repaired(typed, read):
    assert normalise(typed) == read

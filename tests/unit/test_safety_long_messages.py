"""Crisis screen (issue 5): a crisis let slip in one sentence of a long message is not drowned by the rest of it.

A long message is read whole and, when that flags nothing, again in windows of a few sentences (``combine.windows``)
against cut-offs of their own, set on long ordinary family messages and long public posts (out of fold)."""

from __future__ import annotations

import pytest

from shared.safety import rule_layer, screen
from shared.safety.combine import LONG_WORDS, WINDOW_WORDS, windows
from shared.safety.rules import normalise
from tests.support.crisis import AFTER, LONGER_WEEK, SLIP, WEEK, WINDOW_SLIP, screened_as

pytestmark = pytest.mark.crisis


# The slip at the end of a week or in the middle is read whole (since the sixth candidate's training messages, 28
# November 2026; the windows found them before). At the end of a longer week it is not flagged whole: its windows are.
@pytest.mark.parametrize("text,layer", [(WEEK + WINDOW_SLIP, "tfidf"), (WEEK + WINDOW_SLIP + AFTER, "tfidf"),
                                        (LONGER_WEEK + WINDOW_SLIP, "window")],
                         ids=["at the end", "in the middle", "at the end of a longer week"])
def test_a_suicidal_thought_let_slip_in_a_long_message_escalates(text, layer):
    assert screen(WINDOW_SLIP).category == "suicide_self_harm"
    assert not any(screen(week).escalate for week in (WEEK, WEEK + AFTER, LONGER_WEEK))
    r = screened_as(text, "suicide_self_harm", tentative=True)
    assert r.layer == layer, r


# Things given away and goodbye letters, said in one sentence, are preparation: a rule reads them wherever they are.
@pytest.mark.parametrize("text", [WEEK + SLIP, WEEK + SLIP + AFTER], ids=["at the end", "in the middle"])
def test_preparation_let_slip_in_a_long_message_is_ruled_a_plan(text):
    r = screened_as(text, "suicide_self_harm", severity="plan", tentative=False)
    assert r.danger == "high", r


@pytest.mark.xfail(strict=True, reason="the windows read TF-IDF only, and this sentence is diluted by its neighbour in "
                                       "its window (a known gap: see the README)")
@pytest.mark.parametrize("slip", [
    "I just don't see the point of being here anymore.",
    "I've stopped caring whether I wake up in the morning.",
])
def test_a_slip_the_windows_still_miss(slip):
    assert screen(slip).category == "suicide_self_harm"
    screened_as(WEEK + slip, "suicide_self_harm")


@pytest.mark.parametrize("text", [
    WEEK + AFTER,
    WEEK + "Honestly this week is killing me and I'm dead on my feet, but we'll get through it like always." + AFTER,
    WEEK + "My mum died last spring and Christmas is the first one without her, so I'm sad and short with everyone.",
])
def test_a_long_ordinary_message_however_heavy_does_not_escalate(text):
    r = screen(text)
    assert not r.escalate, (text, r)


def test_windows_cover_a_long_message_in_whole_sentences_of_at_most_so_many_words():
    slip = normalise(SLIP)
    text = normalise(WEEK + SLIP + AFTER)
    spans = windows(text)
    assert len(text.split()) > LONG_WORDS and len(spans) >= 3
    assert " ".join(text[a:b] for a, b in spans).split() == text.split()  # every word, once, in order
    assert all(len(text[a:b].split()) <= WINDOW_WORDS for a, b in spans)
    assert any(slip in text[a:b] for a, b in spans)  # the sentence that matters is read whole, in one window
    # Windows end where sentences end, but for the pieces of a sentence longer than a window (AFTER's last one).
    assert [text[a:b].rstrip()[-1] in ".!?" for a, b in spans] == [True] * (len(spans) - 2) + [False, True]


def test_a_run_on_message_without_full_stops_is_cut_in_pieces_of_a_window_each():
    text = " ".join(["and then we argued about the car"] * 30)  # 210 words, no sentence ends
    spans = windows(text)
    assert [len(text[a:b].split()) for a, b in spans] == [WINDOW_WORDS] * 5 + [10]


def test_a_window_keeps_only_its_own_cues_and_negated_statements():
    """A weak cue ("hopeless") or a denial ("I'm not suicidal") belongs to the window it was said in, not to all."""
    outcome = rule_layer(normalise("I feel hopeless lately. " + WEEK + "I'm not suicidal, just tired." + AFTER))
    assert outcome.cues == {"sui.weak_cues"} and len(outcome.negated) == 1
    parts = [outcome.window(a, b) for a, b in windows(outcome.masked)]
    assert [bool(p.cues) for p in parts] == [True] + [False] * (len(parts) - 1)
    assert parts[0].weak == {"suicide_self_harm"}
    denied = [p for p in parts if p.negated]
    assert len(denied) == 1 and "not suicidal" not in denied[0].model_text()

"""A party who never answers gets reminders, then the mediation closes gracefully for everyone.

Waits are short here (the function's environment sets the mediation's timings): a reminder every three seconds, three
reminders, then the close. A party who answers after the first reminder has two more periods to do it in, so a slow
machine (the suite shares two cores) does not close the mediation before the test's client can answer.
"""

from __future__ import annotations

import time

import pytest

from tests.integration.test_mediation import (
    couple,
    execution,
    start,
    thread_texts,
    wait_asked,
    wait_status,
    wait_view,
)

pytestmark = [pytest.mark.mediation, pytest.mark.integration, pytest.mark.xdist_group("mediation-timeouts")]


@pytest.fixture(scope="module", autouse=True)
def short_waits(local_stack):
    env = {"MEDIATION_REMINDER_SECONDS": "3", "MEDIATION_MAX_REMINDERS": "3"}
    with local_stack.function_env(env, ["MediationFunction"]):
        yield


def test_a_party_who_never_joins_gets_reminders_then_everyone_is_told_it_closed(local_stack, make_member):
    ann, ben, circle_id = couple(make_member)
    mediation_id = start(ann, circle_id, [ben], "Visiting the in-laws")["id"]
    closed = wait_status(ann, mediation_id, "closed", timeout=60)
    assert closed["outcome"]["reason"] == "timed_out"
    assert execution(local_stack, mediation_id)["status"] == "SUCCEEDED"
    ben_texts = thread_texts(ben)
    reminders = [t for t in ben_texts if t.startswith("A gentle reminder") and "will you join?" in t]
    assert sorted(reminders) == sorted([
        "A gentle reminder: the mediation about “Visiting the in-laws” is waiting for you (will you join?). "
        f"Reminder {n} of 3." for n in (1, 2, 3)])
    for texts in (ben_texts, thread_texts(ann)):
        assert any("closed because not everyone answered in time" in t for t in texts)


def answer_when_asked(member, mediation_id: str, action: str, path: str, body: dict, timeout: float = 30) -> dict:
    """Answer what is asked; with a reminder every few seconds, a token can expire between reading and answering
    (409 not_your_turn): read `asked_of_me` again and answer with the fresh token, as a client would."""
    deadline = time.monotonic() + timeout
    while True:
        wait_asked(member, mediation_id, action)
        response = member.post(f"/mediations/{mediation_id}/{path}", json=body)
        if response.status_code == 200:
            return response.json()
        assert response.status_code == 409 and response.json()["error"] == "not_your_turn", response.text
        assert time.monotonic() < deadline, "never got to answer"


def test_a_reminded_party_can_still_answer_and_a_silent_one_closes_the_perspective_phase(local_stack, make_member):
    ann, ben, circle_id = couple(make_member)
    mediation_id = start(ann, circle_id, [ben], "Bedtimes")["id"]
    # Ben answers only after a reminder, with the fresh token the reminder stored.
    wait_view(ben, mediation_id, lambda v: ((v["asked_of_me"] or {}).get("reminders") or 0) >= 1, "a reminder")
    answer_when_asked(ben, mediation_id, "opt_in", "participation", {"join": True})
    answer_when_asked(ben, mediation_id, "perspective", "perspective",
                      {"feelings": "I feel tired", "needs": "I need rest", "requests": "Lights out at ten"})
    # Ann never gives her perspective: reminded three times, then the mediation closes.
    closed = wait_status(ben, mediation_id, "closed", timeout=60)
    assert closed["outcome"]["reason"] == "timed_out"
    assert execution(local_stack, mediation_id)["status"] == "SUCCEEDED"
    assert sum("your perspective" in t and t.startswith("A gentle reminder") for t in thread_texts(ann)) == 3

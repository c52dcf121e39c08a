"""The rules of a mediation: needs without words, the safety gate, the fallback agreement, request bodies."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.mediation.config import Timings, injected_fault
from services.mediation.models import AgreementResponse, NewMediation, Perspective
from services.mediation.steps import _reason
from shared.mediation import (
    CLOSE_MESSAGES,
    CloseReason,
    blocking_incidents,
    describe_needs,
    fallback_agreement,
    may_mediate,
    needs_from_labels,
    needs_from_text,
    shared_text,
    tailored_opening,
)
from shared.mediation.coach import advice, draft_agreement, extract_needs
from shared.llm.gateway import CoachGateway

pytestmark = pytest.mark.mediation

ABUSE_HIGH = {"category": "abuse", "danger": "high", "status": "open"}


def test_needs_are_labels_from_the_vocabulary_never_the_words():
    found = needs_from_text("I feel ignored and I need some space after work; he never listens")
    assert found[:2] == ["heard", "space"] or set(found[:2]) == {"heard", "space"}
    assert needs_from_text("") == [] and needs_from_text("qwerty zxcv") == []
    assert needs_from_labels("heard, space, and CANARY-123") == ["heard", "space"]
    assert "ignored" not in describe_needs(found) and "listens" not in describe_needs(found)


def test_only_the_parts_a_party_shares_inform_the_synthesis():
    perspective = {"feelings": "secret feeling", "needs": "I need space", "requests": "ask", "share": ["needs"]}
    assert shared_text(perspective) == "I need space"
    assert "secret" not in shared_text({"feelings": "secret", "needs": "n", "requests": "r"})  # default: not feelings


def test_the_offline_coach_extracts_advises_and_drafts_without_quoting_anyone():
    coach = CoachGateway(primary=None)
    canary = "CANARY-unit-42"
    assert extract_needs(coach, f"I need to feel heard {canary}") == ["heard"]
    written = advice(coach, topic="Curfew", role="parent", own={"feelings": "worried"},
                     others=[("teen", ["autonomy"])])
    assert "acknowledging your teen's feelings" in written.text and written.source == "offline"
    assert "independence" in written.text
    draft = draft_agreement(coach, topic="Curfew", needs_by_role=[("parent", ["safety"]), ("teen", ["autonomy"])],
                            amendments=[], round_number=1)
    assert draft.text.startswith("Our agreement about “Curfew”") and canary not in draft.text


def test_the_fallback_agreement_has_a_clause_per_need_a_check_in_and_the_amendments():
    text = fallback_agreement("Chores", ["fairness", "fairness", "appreciation"], ["Swap cooking weekly"], 2)
    assert "(draft 2)" in text and text.count("write down who does what") == 1
    assert "Swap cooking weekly" in text and "check in together" in text


def test_tailored_openings_differ_for_parent_teen_and_partner():
    assert "acknowledging your teen's feelings" in tailored_opening("parent", ["teen"])
    assert "say" in tailored_opening("teen", ["parent"]).lower()
    assert "acknowledging how the other person feels" in tailored_opening("partner", ["partner"])


def test_the_safety_gate_closes_on_any_partys_open_high_danger_abuse_incident():
    assert blocking_incidents({"a": [ABUSE_HIGH], "b": []}) == ["a"]
    assert blocking_incidents({"a": [], "b": [ABUSE_HIGH], "c": []}) == ["b"]
    assert may_mediate({"a": [{**ABUSE_HIGH, "danger": "moderate"}], "b": []})
    assert may_mediate({"a": [{**ABUSE_HIGH, "status": "resolved"}], "b": []})
    assert may_mediate({"a": [{"category": "suicide_self_harm", "danger": "high"}], "b": []})
    assert may_mediate({"a": [ABUSE_HIGH]})  # nobody else is involved
    # A relative's abuse told by a party ("my daughter's husband choked her") closes it too: the one who hurts them
    # may be another party, and incidents do not name whom they concern.
    assert blocking_incidents({"a": [{**ABUSE_HIGH, "someone_else": True}], "b": []}) == ["a"]


def test_close_messages_never_name_the_reason_behind_the_gate():
    message = CLOSE_MESSAGES[CloseReason.NOT_OFFERED].format(topic="Us").lower()
    for word in ("abuse", "incident", "safety", "crisis", "danger"):
        assert word not in message


@pytest.mark.parametrize("error, reason", [
    ({"Error": "MediationDeclined"}, "declined"), ({"Error": "MediationCancelled"}, "cancelled"),
    ({"Error": "PartyTimedOut"}, "timed_out"), ({"Error": "MediationStopped"}, "not_offered"),
    ({"Error": "TransientStepError"}, "failed"), ({"Error": "States.Runtime", "Cause": "x MediationDeclined y"}, "declined"),
])
def test_a_close_reason_comes_from_the_error_that_stopped_the_flow(error, reason):
    assert _reason({"error": error}).value == reason
    assert _reason({"reason": "no_agreement"}).value == "no_agreement"


def test_request_bodies_say_what_is_wrong():
    with pytest.raises(ValidationError):
        NewMediation(circle_id="c_" + "0" * 20, parties=[], topic="x")
    with pytest.raises(ValidationError):
        NewMediation(circle_id="c_" + "0" * 20, parties=["a"], topic="   ")
    with pytest.raises(ValidationError):
        Perspective(feelings=" ", needs="", requests="")
    with pytest.raises(ValidationError):
        AgreementResponse(response="amend")
    with pytest.raises(ValidationError):
        AgreementResponse(response="accept", amendment="but")
    assert Perspective(needs="calm").share == ["needs", "requests"]


def test_timings_and_the_test_fault_come_from_the_environment(monkeypatch):
    assert Timings.from_environment().reminder_seconds == 2 * 24 * 3600
    monkeypatch.setenv("MEDIATION_REMINDER_SECONDS", "1")
    monkeypatch.setenv("MEDIATION_MAX_ROUNDS", "0")
    timings = Timings.from_environment()
    assert timings.reminder_seconds == 1 and timings.max_rounds == 1
    assert injected_fault("any topic") == ""
    monkeypatch.setenv("INETTA_MEDIATION_FAULT", "synthesise")
    monkeypatch.setenv("INETTA_MEDIATION_FAULT_TOPIC", "[x]")
    assert injected_fault("a [x] topic") == "synthesise" and injected_fault("other") == ""

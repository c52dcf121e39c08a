"""The mediation state machine's Lambda tasks (infra/mediation.py names them by `step`).

Every step is safe to retry: writes are conditional or keyed so a second run changes nothing. A step that finds
the mediation cancelled or closed raises `MediationCancelled`, which the state machine turns into a graceful close.
Errors whose class is `TransientStepError` are retried with backoff by the state machine.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aws_lambda_powertools import Logger

from services.mediation.config import injected_breakage, injected_fault, stepfunctions_client
from shared.llm.gateway import CoachGateway
from shared.mediation import (
    CLOSE_MESSAGES,
    DECLINED_ERROR,
    ERROR_REASONS,
    CloseReason,
    Phase,
    blocking_incidents,
    role_word,
    shared_text,
)
from shared.mediation.coach import advice, draft_agreement, extract_needs
from shared.mediation.delivery import deliver
from shared.store.agreements import AgreementStore
from shared.store.incidents import IncidentStore
from shared.store.mediations import MediationInactive, MediationState, MediationStore
from shared.store.threads import ThreadStore

logger = Logger(child=True)


class InjectedBreakage(Exception):
    """Tests only: a step that keeps failing, so the state machine takes its failure path."""


class TransientStepError(Exception):
    """A failure worth retrying (the state machine retries this error type with backoff)."""


class MediationCancelled(Exception):
    """The mediation was cancelled or closed while this step ran; the state machine closes it gracefully."""


class UnknownStep(ValueError):
    pass


ASK_MESSAGES = {
    Phase.OPTIN: "{initiator} would like to work through “{topic}” with you in a guided mediation. Each of you "
                 "talks to the coach privately; nothing you say is shown to the others. Would you like to join? "
                 "Open the mediation to answer.",
    Phase.PERSPECTIVE: "Everyone has joined the mediation about “{topic}”. When you're ready, share your side "
                       "privately: how you feel, what you need, and what you'd ask for. Only the needs you choose "
                       "to share inform the others — never your words.",
    Phase.AGREEMENT: "A draft agreement about “{topic}” is ready. Please read it and accept it, suggest a change, "
                     "or decline.",
}
REMINDER = "A gentle reminder: the mediation about “{topic}” is waiting for you ({what}). Reminder {n} of {total}."
WHAT = {Phase.OPTIN: "will you join?", Phase.PERSPECTIVE: "your perspective",
        Phase.AGREEMENT: "your answer to the draft agreement"}
AGREED = "Everyone accepted the agreement about “{topic}”. It is saved with your agreements, and the coach will " \
         "check in with you about how it's going.\n\n{agreement}"


@dataclass
class Steps:
    mediations: MediationStore
    agreements: AgreementStore
    threads: ThreadStore
    incidents: IncidentStore
    coach: CoachGateway
    sfn: Any = None  # boto3 Step Functions client, created on first use

    @property
    def stepfunctions(self):
        return self.sfn or stepfunctions_client()

    def run(self, event: dict[str, Any]) -> dict[str, Any]:
        step = event.get("step")
        handler = getattr(self, f"step_{step}", None) if isinstance(step, str) else None
        if handler is None:
            raise UnknownStep(f"Unknown mediation step {step!r}")
        mediation_id = event.get("mediation_id")
        if not mediation_id:
            raise ValueError("mediation_id is required")
        if os.environ.get("INETTA_MEDIATION_FAULT"):
            record = self.mediations.get(mediation_id) or {}
            if injected_fault(record.get("topic", "")) == step and self.mediations.first_time(
                mediation_id, f"FAULT#{step}", record.get("initiator", "system")
            ):
                raise TransientStepError(f"injected one-shot fault in step {step}")
            if injected_breakage(record.get("topic", "")) == step:
                raise InjectedBreakage(f"injected permanent fault in step {step}")
        try:
            return handler(mediation_id, event)
        except MediationInactive as error:
            raise MediationCancelled(f"mediation {mediation_id} is no longer active") from error

    # --- opening and the safety gate ------------------------------------------------------------------

    def step_open(self, mediation_id: str, event: dict) -> dict:
        state = self.mediations.load(mediation_id)
        if state is None:
            return {"status": "missing"}
        record = state.record
        if record.get("status") != "active":
            return {"status": "inactive"}
        if record.get("cancel_requested"):
            raise MediationCancelled(mediation_id)  # cancelled before the workflow began: close it, telling all
        return {
            "status": "opened",
            "parties": list(record["parties"]),
            "invitees": [p for p in record["parties"] if p != record["initiator"]],
            # Plain integers: DynamoDB gives Decimals, which the Lambda runtime cannot serialise.
            "timings": {name: int(value) for name, value in record["timings"].items()},
        }

    def step_gate(self, mediation_id: str, event: dict) -> dict:
        state = self.mediations.load(mediation_id)
        if state is None or state.record.get("status") != "active":
            raise MediationCancelled(mediation_id)
        incidents = {party: self.incidents.list_for_member(party) for party in state.record["parties"]}
        blocked = bool(blocking_incidents(incidents))
        if blocked:
            # Which party, and why, stays in the logs' absence: nobody is told, and neither is the log.
            logger.info("Mediation not offered: the safety gate is closed", extra={"mediation_id": mediation_id})
        return {"blocked": blocked}

    # --- a party's turn: ask, remind, give up ---------------------------------------------------------

    def step_await(self, mediation_id: str, event: dict) -> dict:
        member_id, phase, token = event["member_id"], Phase(event["phase"]), event["token"]
        reminders = int(event.get("reminders") or 0)
        record = self.mediations.set_phase(mediation_id, phase.value)
        # An answer recorded while the previous token was expiring (the API took it, Step Functions refused it):
        # hand it over with this token instead of asking again.
        party = (self.mediations.load(mediation_id) or MediationState(record)).party(member_id) or {}
        answered = _answer(party, phase, int(record.get("round", 1)))
        if answered is not None:
            if answered:
                self.stepfunctions.send_task_success(taskToken=token, output=json.dumps({"recorded": True}))
            else:
                self.stepfunctions.send_task_failure(taskToken=token, error=DECLINED_ERROR,
                                                     cause="A party declined.")
            return {"awaiting": None}
        self.mediations.await_party(mediation_id, member_id, phase.value, token, reminders)
        topic = record["topic"]
        if reminders == 0:
            initiator = record.get("initiator_name") or "A member of your circle"
            text = ASK_MESSAGES[phase].format(topic=topic, initiator=initiator)
        else:
            text = REMINDER.format(topic=topic, what=WHAT[phase], n=reminders,
                                   total=record["timings"]["max_reminders"])
        deliver(self.threads, mediation_id, member_id, f"{phase.value}-{record.get('round', 1)}-{reminders}", text)
        return {"awaiting": member_id}

    def step_timed_out(self, mediation_id: str, event: dict) -> dict:
        member_id = event["member_id"]
        reminders = int(event.get("reminders") or 0) + 1
        maximum = int(event.get("max_reminders") or 0)
        self.mediations.update_party(mediation_id, member_id, reminders=reminders)
        state = self.mediations.load(mediation_id)
        party = state.party(member_id) if state else None
        late = bool(party) and _answer(party, Phase(event.get("phase", "optin")),
                                       int(state.record.get("round", 1))) is not None
        # A party who answered just as the wait ran out is not given up on: the next ask hands the answer over.
        return {"reminders": reminders, "give_up": reminders > maximum and not late}

    # --- the coach's work -----------------------------------------------------------------------------

    def step_synthesise(self, mediation_id: str, event: dict) -> dict:
        state = self.mediations.load(mediation_id)
        if state is None:
            raise MediationCancelled(mediation_id)
        needs: dict[str, list[str]] = {}
        for party in state.record["parties"]:
            perspective = self.mediations.get_perspective(mediation_id, party) or {}
            needs[party] = extract_needs(self.coach, shared_text(perspective))
        self.mediations.set_phase(mediation_id, Phase.SYNTHESIS.value, needs=needs)
        return {"synthesised": len(needs)}

    def step_advise(self, mediation_id: str, event: dict) -> dict:
        state = self.mediations.load(mediation_id)
        if state is None:
            raise MediationCancelled(mediation_id)
        record = state.record
        roles = record["roles"]
        needs = record.get("needs") or {}
        delivered = 0
        for party in record["parties"]:
            own = self.mediations.get_perspective(mediation_id, party) or {}
            others = [(roles[other], needs.get(other, [])) for other in record["parties"] if other != party]
            written = advice(self.coach, topic=record["topic"], role=roles[party], own=own, others=others)
            delivered += deliver(self.threads, mediation_id, party, "advice", written.text, source=written.source,
                                 model=written.model, note=written.note)
        self.mediations.set_phase(mediation_id, Phase.SYNTHESIS.value)  # still active, else MediationCancelled
        return {"advised": delivered}

    def step_draft(self, mediation_id: str, event: dict) -> dict:
        record = self.mediations.get(mediation_id)
        if record is None:
            raise MediationCancelled(mediation_id)
        roles, needs = record["roles"], record.get("needs") or {}
        round_number = int(record.get("round", 1))
        written = draft_agreement(
            self.coach, topic=record["topic"],
            needs_by_role=[(roles[p], needs.get(p, [])) for p in record["parties"]],
            amendments=record.get("amendments") or [], round_number=round_number,
        )
        self.mediations.set_phase(mediation_id, Phase.AGREEMENT.value, draft=written.text, draft_source=written.source)
        return {"round": round_number}

    def step_tally(self, mediation_id: str, event: dict) -> dict:
        state = self.mediations.load(mediation_id)
        if state is None:
            raise MediationCancelled(mediation_id)
        record = state.record
        round_number = int(record.get("round", 1))
        answers = [state.parties.get(p, {}).get("response") for p in record["parties"]]
        if all(answer == "accept" for answer in answers):
            return {"outcome": "agreed"}
        parties = [state.parties.get(p, {}) for p in record["parties"]]
        amendments = [p["amendment"] for p in parties if p.get("response") == "amend" and p.get("amendment")]
        if round_number >= int(record["timings"]["max_rounds"]):
            return {"outcome": "exhausted"}
        # Amendments are proposals for the shared agreement: they are shown to everyone, without attribution.
        self.mediations.set_phase(mediation_id, Phase.SYNTHESIS.value, round=round_number + 1,
                                  amendments=list(record.get("amendments") or []) + amendments)
        self.mediations.reset_responses(mediation_id, list(record["parties"]))
        return {"outcome": "redraft"}

    def step_conclude(self, mediation_id: str, event: dict) -> dict:
        record = self.mediations.conclude(mediation_id)
        stored = self.agreements.store(record, record["draft"],
                                       timedelta(seconds=int(record["timings"]["followup_seconds"])))
        for party in record["parties"]:
            deliver(self.threads, mediation_id, party, "agreed",
                    AGREED.format(topic=record["topic"], agreement=record["draft"]))
        return {"status": "agreed", "follow_up_at": stored["follow_up_at"]}

    # --- closing --------------------------------------------------------------------------------------

    def step_close(self, mediation_id: str, event: dict) -> dict:
        reason = _reason(event)
        closed = self.mediations.close(mediation_id, reason.value)
        record = closed or self.mediations.get(mediation_id)
        if record is None:
            return {"reason": reason.value, "closed": False}
        if closed is None and record.get("status") == "closed":
            reason = CloseReason(record.get("closed_reason", reason.value))
        # At the gate, before anyone was invited, only the initiator hears of it.
        audience = [record["initiator"]] if event.get("audience") == "initiator" else list(record["parties"])
        for party in audience:
            deliver(self.threads, mediation_id, party, "closed", CLOSE_MESSAGES[reason].format(topic=record["topic"]))
        return {"reason": reason.value, "closed": closed is not None}


def _answer(party: dict, phase: Phase, round_number: int) -> bool | None:
    """The party's recorded answer in this phase: True (join, perspective given, accept or amend), False
    (refused or declined), or None (not answered yet)."""
    if phase == Phase.OPTIN:
        joined = party.get("joined")
        return None if joined is None else bool(joined)
    if phase == Phase.PERSPECTIVE:
        return True if party.get("perspective_given") else None
    if phase == Phase.AGREEMENT and party.get("response") and int(party.get("response_round", 0)) == round_number:
        return party["response"] != "decline"
    return None


def _reason(event: dict) -> CloseReason:
    if event.get("reason"):
        return CloseReason(event["reason"])
    error = (event.get("error") or {}).get("Error", "")
    if error in ERROR_REASONS:
        return ERROR_REASONS[error]
    # A Map reports its iteration's error; some executors wrap it in the cause.
    cause = str((event.get("error") or {}).get("Cause", ""))
    for name, reason in ERROR_REASONS.items():
        if name in cause:
            return reason
    return CloseReason.FAILED


def role_label(role: str) -> str:
    return role_word(role)

"""What members do with a mediation: start it, see it, join, give their perspective, answer the draft, cancel.

Knows nothing of HTTP. Every member-authored text (topic, perspective, amendment) is screened before anything else
sees it; a crisis gets the crisis protocol's reply and an incident, never the workflow or a model.
Answers reach the workflow through the party's pending task token (`MediationStore.claim`).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError

from services.mediation.config import Timings, state_machine_arn, stepfunctions_client
from shared.llm.gateway import CoachGateway
from shared.mediation import (
    CANCELLED_ERROR,
    CLOSE_MESSAGES,
    DECLINED_ERROR,
    STOPPED_ERROR,
    CloseReason,
    Phase,
    blocking_incidents,
    describe_needs,
    need,
)
from shared.mediation.delivery import deliver
from shared.models import ReplySource, iso, utc_now
from shared.safety import screen
from shared.safety.reply import crisis_response
from shared.safety.vocab import ABUSE
from shared.store.agreements import AgreementStore
from shared.store.batch import transact
from shared.store.circles import CircleStore, minor_for_crisis_reply
from shared.store.incidents import IncidentStore
from shared.store.mediations import MediationInactive, MediationNotFound, MediationStore, NotAwaited
from shared.store.threads import ThreadStore, private_thread_id

logger = Logger(child=True)

ACTIONS = {Phase.OPTIN.value: "opt_in", Phase.PERSPECTIVE.value: "perspective", Phase.AGREEMENT.value: "respond"}


class CircleNotFound(Exception):
    pass


class PartyNotInCircle(Exception):
    pass


class InvalidParties(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class WorkflowUnavailable(Exception):
    pass


class NotOffered(Exception):
    """The safety gate is closed for these parties. Never says which party, or why."""


@dataclass
class CrisisSupport:
    """What a member gets instead when what they wrote screened in as a crisis."""

    text: str
    category: str

    def as_dict(self) -> dict:
        return {"text": self.text, "source": "safety", "category": self.category}


@dataclass
class MediationService:
    mediations: MediationStore
    circles: CircleStore
    incidents: IncidentStore
    agreement_store: AgreementStore
    sfn: Any = None  # boto3 Step Functions client, created on first use
    # Asked for the provider's moderation model's second opinion on self-harm, when the operator turned it on.
    coach: CoachGateway | None = None
    # The members' private threads, where a crisis reply is delivered too (same table as the incidents by default).
    threads: ThreadStore | None = None

    def __post_init__(self) -> None:
        if self.threads is None:
            self.threads = ThreadStore(self.incidents.table, client=self.incidents._client)

    @property
    def stepfunctions(self):
        return self.sfn or stepfunctions_client()

    # --- start ----------------------------------------------------------------------------------------

    def start(self, me: str, circle_id: str, others: list[str], topic: str, locale: str) -> dict | CrisisSupport:
        crisis = self._screen(me, [topic], locale, f"mediation-topic:{circle_id}")
        if crisis:
            return crisis
        circle = self.circles.load(circle_id)
        if circle is None or circle.member(me) is None:
            raise CircleNotFound(circle_id)
        others = list(dict.fromkeys(others))
        if me in others:
            raise InvalidParties("You are already a party; list the other members only.")
        if not others:
            raise InvalidParties("Name at least one other member of the circle.")
        missing = [o for o in others if circle.member(o) is None]
        if missing:
            raise PartyNotInCircle(missing)
        # The safety gate, before anything is written or anyone is asked (the workflow checks again, before
        # inviting and before the synthesis, for incidents opened meanwhile).
        if blocking_incidents({p: self.incidents.list_for_member(p) for p in [me, *others]}):
            raise NotOffered()
        mediation_id = "m_" + uuid.uuid4().hex[:20]

        now = iso(utc_now())
        parties = [me, *others]
        members = {p: circle.member(p) for p in parties}
        initiator = members[me]
        record = {
            "mediation_id": mediation_id, "circle_id": circle_id, "topic": topic, "initiator": me,
            "initiator_name": initiator.display_name or f"Your {initiator.role.value}",
            "parties": parties, "roles": {p: m.role.value for p, m in members.items()},
            "status": "active", "phase": Phase.OPTIN.value, "round": 1, "created_at": now, "updated_at": now,
            "timings": Timings.from_environment().as_dict(),
        }
        party_items = [
            {"member_id": p, "role": m.role.value, "minor": m.minor, "display_name": m.display_name or None,
             "joined": True if p == me else None}
            for p, m in members.items()
        ]
        self.mediations.create(record, party_items)
        try:
            execution = self.stepfunctions.start_execution(
                stateMachineArn=state_machine_arn(), name=mediation_id,
                input=json.dumps({"mediation_id": mediation_id, "circle_id": circle_id}),
            )
        except ClientError as error:
            logger.exception("The mediation workflow could not start")
            self.mediations.close(mediation_id, CloseReason.FAILED.value)
            raise WorkflowUnavailable() from error
        self.mediations.set_execution(mediation_id, execution["executionArn"])
        return self.view(me, mediation_id)

    # --- reading --------------------------------------------------------------------------------------

    def view(self, me: str, mediation_id: str) -> dict:
        state = self.mediations.load(mediation_id)
        if state is None or state.party(me) is None:
            raise MediationNotFound(mediation_id)
        record, mine = state.record, state.party(me)
        status = record["status"]
        asked = None
        if status == "active" and mine.get("awaiting") and not record.get("cancel_requested"):
            asked = {"action": ACTIONS[mine["awaiting"]], "since": mine.get("awaiting_since"),
                     "reminders": int(mine.get("reminders") or 0)}
        needs = record.get("needs") or {}
        view: dict[str, Any] = {
            "id": record["mediation_id"], "circle_id": record["circle_id"], "topic": record["topic"],
            "initiator": record["initiator"], "status": status, "phase": record["phase"],
            "round": int(record.get("round", 1)), "created_at": record["created_at"],
            # A party who deleted their account has no item left: they are no longer listed.
            "parties": [self._party_view(state.parties[p], record) for p in record["parties"] if p in state.parties],
            "asked_of_me": asked,
            "needs": [
                {"member_id": p, "role": record["roles"][p], "needs": [need(n).label for n in needs.get(p, [])],
                 "summary": describe_needs(needs.get(p, []))}
                for p in record["parties"] if p in needs
            ],
            "draft_agreement": record.get("draft") if status == "active" and record["phase"] == "agreement" else None,
            "my_perspective": self._my_perspective(mediation_id, me),
            "outcome": None,
        }
        if status == "agreed":
            view["outcome"] = {"result": "agreed", "agreement": record.get("draft"), "agreed_at": record.get("agreed_at")}
        elif status == "closed":
            reason = CloseReason(record.get("closed_reason", "failed"))
            view["outcome"] = {"result": "closed", "reason": reason.value,
                               "message": CLOSE_MESSAGES[reason].format(topic=record["topic"])}
        return view

    def mine(self, me: str) -> list[dict]:
        records = self.mediations.records(self.mediations.mediation_ids_of(me))
        summaries = [
            {"id": r["mediation_id"], "circle_id": r["circle_id"], "topic": r["topic"], "status": r["status"],
             "phase": r["phase"], "initiator": r["initiator"], "created_at": r["created_at"]}
            for r in records
        ]
        return sorted(summaries, key=lambda s: s["created_at"], reverse=True)

    def agreements(self, me: str) -> list[dict]:
        """The agreements I accepted in mediations, newest first: the mutual text everyone accepted, never anyone's
        perspective. Each party reads their own copy (deleted with their data)."""
        fields = ("mediation_id", "circle_id", "topic", "text", "status", "agreed_at", "follow_up_at")
        return [{name: item.get(name) for name in fields} for item in reversed(self.agreement_store.for_member(me))]

    @staticmethod
    def _party_view(party: dict, record: dict) -> dict:
        return {"member_id": party["member_id"], "role": party["role"], "display_name": party.get("display_name"),
                "joined": party.get("joined"), "perspective_given": bool(party.get("perspective_given")),
                "answered": bool(party.get("response")) if record["phase"] == "agreement" else None}

    def _my_perspective(self, mediation_id: str, me: str) -> dict | None:
        mine = self.mediations.get_perspective(mediation_id, me)
        if not mine:
            return None
        return {k: mine.get(k) for k in ("feelings", "needs", "requests", "share", "submitted_at")}

    # --- answers --------------------------------------------------------------------------------------

    def participate(self, me: str, mediation_id: str, join: bool) -> dict:
        self._party_or_404(me, mediation_id)
        token = self.mediations.claim(mediation_id, me, Phase.OPTIN.value, {"joined": join})
        if join:
            self._succeed(token, {"joined": True})
        else:
            self._fail(token, DECLINED_ERROR, "A party chose not to join.")
        return self.view(me, mediation_id)

    def give_perspective(self, me: str, mediation_id: str, perspective: dict, locale: str) -> dict | CrisisSupport:
        self._party_or_404(me, mediation_id)
        texts = [perspective.get(k) or "" for k in ("feelings", "needs", "requests")]
        crisis = self._screen(me, texts, locale, f"mediation:{mediation_id}")
        if crisis:
            if crisis.category == ABUSE:
                # Joint mediation is not offered under abuse: the flow stops, and nobody is told why.
                self._stop(mediation_id)
            return crisis
        item = self.mediations.perspective_item(mediation_id, me, perspective)
        token = self.mediations.claim(mediation_id, me, Phase.PERSPECTIVE.value, {"perspective_given": True},
                                      extra_puts=[item])
        self._succeed(token, {"given": True})
        return self.view(me, mediation_id)

    def respond(self, me: str, mediation_id: str, response: str, amendment: str | None,
                locale: str) -> dict | CrisisSupport:
        state = self._party_or_404(me, mediation_id)
        if amendment:
            crisis = self._screen(me, [amendment], locale, f"mediation:{mediation_id}")
            if crisis:
                if crisis.category == ABUSE:
                    self._stop(mediation_id)
                return crisis
        values = {"response": response, "response_round": int(state.record.get("round", 1))}
        if response == "amend":
            values["amendment"] = amendment
        token = self.mediations.claim(mediation_id, me, Phase.AGREEMENT.value, values)
        if response == "decline":
            self._fail(token, DECLINED_ERROR, "A party declined the agreement.")
        else:
            self._succeed(token, {"response": response})
        return self.view(me, mediation_id)

    def cancel(self, me: str, mediation_id: str) -> dict:
        self._party_or_404(me, mediation_id)
        self.mediations.request_cancel(mediation_id, me)
        for token in self.mediations.pending_tokens(mediation_id).values():
            self._fail(token, CANCELLED_ERROR, "A party cancelled the mediation.")
        return self.view(me, mediation_id)

    # --- helpers --------------------------------------------------------------------------------------

    def _party_or_404(self, me: str, mediation_id: str):
        state = self.mediations.load(mediation_id)
        if state is None or state.party(me) is None:
            raise MediationNotFound(mediation_id)
        if state.record["status"] != "active" or state.record.get("cancel_requested"):
            raise MediationInactive(mediation_id)
        return state

    def _stop(self, mediation_id: str) -> None:
        try:
            self.mediations.request_cancel(mediation_id, "safety")
        except MediationInactive:
            return
        for token in self.mediations.pending_tokens(mediation_id).values():
            self._fail(token, STOPPED_ERROR, "The mediation cannot continue.")

    def _succeed(self, token: str, output: dict) -> None:
        try:
            self.stepfunctions.send_task_success(taskToken=token, output=json.dumps(output))
        except ClientError as error:
            if error.response["Error"]["Code"] not in {"TaskTimedOut", "InvalidToken", "TaskDoesNotExist"}:
                raise
            # The wait ran out as the answer came: it is recorded, and the workflow's next ask (the reminder that
            # is being sent) hands it over instead of asking again.
            logger.info("An answer came as its token expired; the next ask takes it over")

    def _fail(self, token: str, error_name: str, cause: str) -> None:
        try:
            self.stepfunctions.send_task_failure(taskToken=token, error=error_name, cause=cause)
        except ClientError as error:
            if error.response["Error"]["Code"] not in {"TaskTimedOut", "InvalidToken", "TaskDoesNotExist"}:
                raise

    def _screen(self, me: str, texts: list[str], locale: str, where: str) -> CrisisSupport | None:
        for text in texts:
            if not text:
                continue
            screening = screen(text, locale=locale,
                               self_harm_second_opinion=self.coach.self_harm_flags if self.coach else None)
            if screening.escalate:
                logger.warning("Crisis screened in a mediation text",
                               extra={"category": screening.category, "danger": screening.danger})
                self._open_or_raise_incident(me, screening, where, text)
                minor = minor_for_crisis_reply(self.circles, me)
                response = crisis_response(screening, locale, minor=minor)
                self._deliver_to_private_thread(me, where, text, response.text, response.quick_replies)
                return CrisisSupport(response.text, screening.category)
        return None

    def _open_or_raise_incident(self, me: str, screening, where: str, text: str) -> None:
        """An incident for this crisis; if one is already open, it is raised to this text's danger when that is
        higher, so on-call hears of it (IncidentStore.record_crisis, as in chat; here its writes go in alone)."""
        def commit(writes: list[dict]) -> None:
            if writes:
                transact(self.incidents.client, writes)

        self.incidents.record_crisis(commit, 0, me, screening, where, private_thread_id(me), text)

    def _deliver_to_private_thread(self, me: str, where: str, text: str, reply: str,
                                   quick_replies: tuple[str, ...]) -> None:
        """The crisis reply goes into the member's private thread as well, so the conversation can go on there —
        and an answer to its screener's question is read there (services/chat/turn.py). Once per text (a retried
        request delivers nothing twice), and never at the cost of the reply in this response."""
        key = "crisis-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        try:
            # `where` ("mediation:<id>", "mediation-topic:<circle>") scopes the delivery marker.
            deliver(self.threads, where, me, key, reply, source=ReplySource.SAFETY.value, model="crisis-protocol",
                    quick_replies=quick_replies)
        except Exception:  # noqa: BLE001 - the member has the reply in this response; the thread copy is a convenience
            logger.exception("The crisis reply could not be delivered to the private thread")

"""Crisis incidents: what on-call humans act on.

An incident is the member's own record (`MEMBER#<sub>` / `INCIDENT#<time>#<id>`, owner = the member), written in
the same transaction as the safe reply. Repeated messages in one crisis do not open new incidents: a window item
per member and crisis (`CRISIS_WINDOW#<category>`, or `...#someone_else` when the one at risk is someone else in
the member's life) lets one incident stand for a crisis for
`INCIDENT_WINDOW_SECONDS`. A later message in the window with a worse danger raises the open incident instead
(`raise_writes`), and the member's answer to the screener's question is set on it (`answer_writes`). Escalation side
effects (notifying on-call humans, events, a follow-up check-in) are driven from the incident item asynchronously,
never on the reply path. On-call lists, reads and closes incidents with `inetta incidents` (the methods at the end).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError

from shared.models import iso, utc_now
from shared.safety.question import question_for
from shared.safety.vocab import danger_rank
from shared.store.batch import TransactionCancelled, transact
from shared.store.table import TableStore, from_item, to_item, to_value

INCIDENT_WINDOW_SECONDS = 24 * 3600

logger = Logger(child=True)
T = TypeVar("T")


class IncidentStore(TableStore):
    def record_crisis(self, commit: Callable[[list[dict]], T], window_index: int,
                      member_id: str, screening, message_id: str, thread_id: str, text: str) -> T:
        """Commit the caller's transaction with what records this crisis for on-call: ``commit(writes)`` (in chat,
        the reply's transaction; in mediation, these writes alone), which puts the first of ``writes`` at
        ``window_index`` of its transaction. What is recorded:

        - a new incident;
        - if one for this crisis is already open (its window item's condition failed there: ``is_window_conflict``),
          that incident raised to this danger when it is higher (``raise_writes``);
        - otherwise, or if the raise loses a race or its read fails, nothing: the caller's own writes still go in.

        The window item is the first of these writes either way, so a conflict is found at one position.
        """
        try:
            return commit(self.incident_writes(member_id, screening, message_id, thread_id, text))
        except Exception as error:
            if not is_window_conflict(error, window_index):
                raise
        try:
            raised = self.raise_writes(member_id, screening, message_id)
        except Exception:  # noqa: BLE001 - a throttled read loses the raise, never the caller's writes
            logger.exception("The open incident's danger could not be read")
            raised = []
        if raised:
            try:
                return commit(raised)
            except Exception as error:
                # Another message raised it at the same moment: its danger stands.
                if not is_window_conflict(error, window_index):
                    raise
        return commit([])

    def incident_writes(self, member_id: str, screening, message_id: str, thread_id: str, text: str) -> list[dict]:
        """Transaction items that open an incident, unless one for this crisis is already open.

        The window item's condition makes the transaction fail when an incident is open (`record_crisis` goes on
        from there).
        """
        now = int(time.time())
        incident_id = uuid.uuid4().hex
        created = iso(utc_now())
        incident = {
            "pk": f"MEMBER#{member_id}",
            "sk": f"INCIDENT#{created}#{incident_id}",
            "owner": member_id,
            "kind": "incident",
            "incident_id": incident_id,
            "category": screening.category,
            "severity": screening.severity,
            "danger": screening.danger,
            # The one at risk is someone else in the member's life ("my son told me he wants to die"), not the member.
            "someone_else": screening.someone_else,
            # The member is the child at risk, hurt at home ("my stepdad choked me"): whoever on-call tells, it is not
            # the family (README, "Minors").
            "writer_is_child": screening.writer_is_child,
            # The abuse is of an older person, by family or a carer: on-call may involve adult protective services.
            "older_adult": screening.older_adult,
            "signals": list(screening.signals),
            # The reply asked the screener's question instead of telling (no rule named the danger): on-call
            # knows the screen was unsure, and hears the member's answer when it comes (services/escalation).
            "question_asked": question_for(screening.category, screening.tentative, screening.danger) is not None,
            "message_id": message_id,
            "thread_id": thread_id,
            "message_text": text,
            "status": "open",
            "created_at": created,
        }
        window = {
            **_window_key(member_id, _crisis(screening.category, screening.someone_else)),
            "owner": member_id,
            "incident_id": incident_id,
            # So a later message in the crisis can find the incident: to set the answer to the screener's
            # question on it, or to raise its danger.
            "incident_sk": incident["sk"],
            "danger": screening.danger,
            "until": now + INCIDENT_WINDOW_SECONDS,
            "expires_at": now + INCIDENT_WINDOW_SECONDS,
        }
        return [
            {
                "Put": {
                    "TableName": self.table,
                    "Item": to_item(window),
                    "ConditionExpression": "attribute_not_exists(pk) OR #until < :now",
                    "ExpressionAttributeNames": {"#until": "until"},
                    "ExpressionAttributeValues": {":now": to_value(now)},
                }
            },
            {"Put": {"TableName": self.table, "Item": to_item(incident)}},
        ]

    def answer_writes(self, member_id: str, category: str, answer: str, message_id: str) -> list[dict]:
        """Transaction items that set the member's answer to the screener's question ("yes", "no" or "someone else":
        ``question.answer_of``) on the open incident of that category: on-call reads it there (notifications carry
        no words, and on-call does not read the member's thread). [] when no incident of that category is open."""
        return self._open_incident_update(
            member_id, category,
            "SET member_answer = :answer, member_answer_message_id = :message, member_answered_at = :at",
            {":answer": to_value(answer), ":message": to_value(message_id), ":at": to_value(iso(utc_now()))})

    def doubt_writes(self, member_id: str, category: str, message_id: str) -> list[dict]:
        """Transaction items that count, on the open incident of that category, a later message the learned layers
        doubted again and that was not asked about again, since the member had answered no
        (``question.not_asked_again``): no new page, but on-call sees that the doubt goes on. [] when no incident of
        that category is open."""
        return self._open_incident_update(
            member_id, category,
            "SET doubted_after_no = if_not_exists(doubted_after_no, :zero) + :one, last_doubt_message_id = :message, "
            "last_doubt_at = :at",
            {":zero": to_value(0), ":one": to_value(1), ":message": to_value(message_id),
             ":at": to_value(iso(utc_now()))})

    def _open_incident_update(self, member_id: str, category: str, expression: str, values: dict) -> list[dict]:
        """The transaction item that updates the incident of the member's open crisis window of ``category``, or []
        when none is open. The member's own window: the screener's question is asked only when no rule named the
        danger, so never of a crisis told as someone else's (an answer that it is someone else's opens that crisis of
        its own)."""
        window = self._open_window(member_id, category)
        if not window:
            return []
        return [{"Update": {"TableName": self.table,
                            "Key": to_item({"pk": f"MEMBER#{member_id}", "sk": window["incident_sk"]}),
                            "UpdateExpression": expression, "ExpressionAttributeValues": values}}]

    def raise_writes(self, member_id: str, screening, message_id: str) -> list[dict]:
        """Transaction items that raise the open incident of this crisis to the danger of a later message, when it
        is higher: the window keeps that message from opening an incident of its own, and on-call must not stay on
        the old danger ("he yelled at me" opened it; "he has a gun" is not the same crisis for them). [] when the
        danger is not higher or no incident is open.

        The first item updates the window's danger on condition that it is still the one read here, so two
        messages at once cannot lower it; when that condition fails (the transaction is cancelled on this item),
        the caller stores the reply without these.
        """
        crisis = _crisis(screening.category, screening.someone_else)
        window = self._open_window(member_id, crisis)
        if not window or "danger" not in window or danger_rank(screening.danger) <= danger_rank(window["danger"]):
            return []
        values = {":danger": to_value(screening.danger), ":was": to_value(window["danger"]),
                  ":at": to_value(iso(utc_now())), ":message": to_value(message_id),
                  ":signals": to_value(list(screening.signals))}
        graded = ", severity = :severity" if screening.severity else ""
        if screening.severity:
            values[":severity"] = to_value(screening.severity)
        return [
            {
                "Update": {
                    "TableName": self.table,
                    "Key": to_item(_window_key(member_id, crisis)),
                    "UpdateExpression": "SET danger = :danger",
                    "ConditionExpression": "danger = :was",
                    "ExpressionAttributeValues": {":danger": values[":danger"], ":was": values[":was"]},
                }
            },
            {
                "Update": {
                    "TableName": self.table,
                    "Key": to_item({"pk": f"MEMBER#{member_id}", "sk": window["incident_sk"]}),
                    # The escalation function tells on-call when danger_raised_at changes (services/escalation).
                    "UpdateExpression": f"SET danger = :danger{graded}, raised_from = :was, danger_raised_at = :at, "
                                        "raised_message_id = :message, signals = list_append(signals, :signals)",
                    "ExpressionAttributeValues": values,
                }
            },
        ]

    def _window(self, member_id: str, crisis: str) -> dict:
        """The crisis window item of this crisis (``_crisis``), open or not, else {}."""
        found = self.client.get_item(TableName=self.table, ConsistentRead=True,
                                     Key=to_item(_window_key(member_id, crisis)))
        return from_item(found["Item"]) if "Item" in found else {}

    def _open_window(self, member_id: str, crisis: str) -> dict:
        """The open crisis window of this crisis (``_crisis``), if it names its incident (windows opened before it
        did don't), else {}."""
        window = self._window(member_id, crisis)
        if "incident_sk" not in window or int(window["until"]) < time.time():
            return {}
        return window

    def list_for_member(self, member_id: str) -> list[dict]:
        response = self.client.query(
            TableName=self.table,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :incident)",
            ExpressionAttributeValues={":pk": to_value(f"MEMBER#{member_id}"), ":incident": to_value("INCIDENT#")},
            ConsistentRead=True,
        )
        return [from_item(item) for item in response.get("Items", [])]

    # --- on-call's side (`inetta incidents`): what is open, one record, closing it ---------------------------

    def open_incidents(self) -> list[dict]:
        """Every open incident, newest first, without the member's words (a list is no place for them).

        A scan of the whole table, filtered: on-call runs it now and then, and incidents are too rare to be worth
        an index that every write would pay for.
        """
        found, start = [], None
        while True:
            page = self.client.scan(
                TableName=self.table,
                FilterExpression="kind = :incident AND #status = :open",
                ProjectionExpression=", ".join(_LISTED),
                ExpressionAttributeNames={"#status": "status", "#owner": "owner"},
                ExpressionAttributeValues={":incident": to_value("incident"), ":open": to_value("open")},
                **({"ExclusiveStartKey": start} if start else {}),
            )
            found += [from_item(item) for item in page.get("Items", [])]
            start = page.get("LastEvaluatedKey")
            if not start:
                return sorted(found, key=lambda incident: incident["created_at"], reverse=True)

    def find(self, member_id: str, incident_id: str) -> dict | None:
        """The member's incident with this id (both are in every on-call notification), or None."""
        return next((i for i in self.list_for_member(member_id) if i["incident_id"] == incident_id), None)

    def close(self, member_id: str, incident_id: str, closed_by: str, note: str) -> dict:
        """On-call closes an incident: who, when and why are kept on it. Its crisis window ends with it, so a new
        disclosure opens a new incident and pages on-call again; and a mediation its danger kept from starting may
        start (shared.mediation.blocking_incidents reads open incidents only).

        Raises IncidentNotOpen when there is no such incident, or it is closed already.
        """
        incident = self.find(member_id, incident_id)
        if incident is None or incident.get("status", "open") != "open":
            raise IncidentNotOpen("no such incident" if incident is None else "closed already")
        writes = [{
            "Update": {
                "TableName": self.table,
                "Key": to_item({"pk": incident["pk"], "sk": incident["sk"]}),
                "UpdateExpression": "SET #status = :closed, closed_at = :now, closed_by = :by, close_note = :note",
                "ConditionExpression": "#status = :open",
                "ExpressionAttributeNames": {"#status": "status"},
                "ExpressionAttributeValues": {":closed": to_value("closed"), ":open": to_value("open"),
                                              ":now": to_value(iso(utc_now())), ":by": to_value(closed_by),
                                              ":note": to_value(note)},
            }
        }]
        crisis = _crisis(incident["category"], incident.get("someone_else", False))
        window_key = _window_key(member_id, crisis)
        if self._window(member_id, crisis).get("incident_id") == incident_id:
            writes.append({"Delete": {"TableName": self.table, "Key": to_item(window_key),
                                      "ConditionExpression": "incident_id = :id",
                                      "ExpressionAttributeValues": {":id": to_value(incident_id)}}})
        try:
            transact(self.client, writes)
        except TransactionCancelled as error:
            raise IncidentNotOpen("closed by someone else a moment ago" if error.failed[0]
                                  else "its crisis window changed a moment ago: try again") from error
        return self.find(member_id, incident_id)


class IncidentNotOpen(Exception):
    """On-call asked to close an incident that does not exist or is closed already."""


# What `open_incidents` lists: enough to act on and to find the record, and not the member's words.
_LISTED = ("pk", "sk", "incident_id", "#owner", "category", "severity", "danger", "created_at", "escalated_at",
           "minor", "someone_else", "writer_is_child", "older_adult", "question_asked", "member_answer",
           "doubted_after_no", "raised_from", "danger_raised_at", "#status")


def _crisis(category: str, someone_else: bool) -> str:
    """Which crisis a window stands for: its category, and whose it is. A member's own suicidal thoughts, told after
    their son's ("my son wants to die, and honestly so do I"), are a new crisis that pages on-call again, not the
    same one."""
    return f"{category}#someone_else" if someone_else else category


def _window_key(member_id: str, crisis: str) -> dict:
    """The key of the member's crisis window item for this crisis (one per member and ``_crisis``)."""
    return {"pk": f"MEMBER#{member_id}", "sk": f"CRISIS_WINDOW#{crisis}"}


def is_window_conflict(error: Exception, window_index: int) -> bool:
    """True when a transaction failed because the crisis window item at ``window_index`` found an incident for this
    crisis already open: raised as botocore's ``ClientError`` (a store that calls the client itself, like the chat
    reply's) or as ``TransactionCancelled`` (``shared.store.batch.transact``)."""
    if isinstance(error, TransactionCancelled):
        failed = error.failed
    elif isinstance(error, ClientError) and error.response["Error"]["Code"] == "TransactionCanceledException":
        failed = [reason.get("Code") == "ConditionalCheckFailed"
                  for reason in error.response.get("CancellationReasons", [])]
    else:
        return False
    return len(failed) > window_index and failed[window_index]

"""What happens when an incident opens: on-call humans are told, integrations hear of it, a follow-up is booked.
When the danger of an open incident rises, or the member answers the screener's question an unsure screen asked,
on-call and integrations hear of it too.

Runs asynchronously from the table's stream (never on the member's reply path), with retries and a DLQ. Each
step is safe to repeat: a redelivered incident that was already escalated is skipped; one that failed half-way
is escalated again (a duplicate notification is better than none).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from botocore.exceptions import ClientError

from shared.models import iso, utc_now
from shared.store.circles import CircleStore
from shared.store.table import dynamodb_client, from_item, to_item, to_value

# When the coach checks in again after a crisis (the check-ins service delivers it).
FOLLOW_UP_AFTER = timedelta(hours=24)
EVENT_SOURCE = "inetta.crisis"
EVENT_DETAIL_TYPE = "Crisis incident opened"
RAISED_DETAIL_TYPE = "Crisis incident danger raised"
ANSWERED_DETAIL_TYPE = "Crisis incident answered"


@dataclass
class Escalator:
    table: str
    topic_arn: str
    sns: Any
    events: Any
    dynamodb: Any = None

    def __post_init__(self) -> None:
        self.dynamodb = self.dynamodb or dynamodb_client()
        self.circles = CircleStore(self.table, client=self.dynamodb)  # whether the member is a minor

    def escalate(self, incident: dict[str, Any]) -> bool:
        """Escalate one incident item. False when it had been escalated already."""
        current = self.dynamodb.get_item(
            TableName=self.table, Key=to_item({"pk": incident["pk"], "sk": incident["sk"]}), ConsistentRead=True
        ).get("Item")
        # Gone (the member deleted their account) or never committed (moto's stream also reports items of a
        # cancelled transaction): nothing to escalate. Already escalated: a redelivery.
        if not current or "escalated_at" in current:
            return False
        member_id = incident["owner"]
        minor = self.circles.is_minor(member_id)
        self._tell(incident, minor, EVENT_DETAIL_TYPE, f"Inetta crisis incident ({_danger(incident)})")
        self._book_follow_up(incident, member_id)
        self.dynamodb.update_item(
            TableName=self.table,
            Key=to_item({"pk": incident["pk"], "sk": incident["sk"]}),
            UpdateExpression="SET escalated_at = :now, minor = :minor",
            ExpressionAttributeValues={":now": to_value(iso(utc_now())), ":minor": to_value(minor)},
        )
        return True

    def tell_changes(self, before: dict[str, Any], incident: dict[str, Any]) -> list[str]:
        """Tell on-call humans and integrations what changed on an incident (the item before and after an update)
        that changes what they do with it; returns what was told. Each change is told once, however often the
        stream delivers the update.

        - The danger rose: a later message in the same crisis named a worse danger ("he has a gun") than the one
          that opened the incident. The incident window keeps the member's messages from opening new incidents,
          and must not keep on-call on the old danger.
        - The member answered the screener's question an unsure screen asked: "yes" turns it into a disclosure,
          "no" says the screen was probably wrong.
        """
        changes = _changes(before, incident)
        if not changes:
            return []  # an update of something else: the escalation's own marks, "yes" after "yes"
        key = to_item({"pk": incident["pk"], "sk": incident["sk"]})
        current = self.dynamodb.get_item(TableName=self.table, Key=key, ConsistentRead=True).get("Item")
        if not current:
            return []  # gone: the member deleted their account
        told_before = from_item(current).get("told", set())
        new = [change for change in changes if change.key not in told_before]
        if not new:
            return []  # a redelivery
        minor = self.circles.is_minor(incident["owner"])
        for change in new:
            self._tell(incident, minor, change.detail_type, change.subject, change.detail)
        self.dynamodb.update_item(TableName=self.table, Key=key, UpdateExpression="ADD told :changes",
                                  ExpressionAttributeValues={":changes": to_value({c.key for c in new})})
        return [change.key for change in new]

    def _tell(self, incident: dict[str, Any], minor: bool, detail_type: str, subject: str,
              extra: dict[str, Any] | None = None) -> None:
        """One notice to on-call humans (SNS) and to integrations (EventBridge)."""
        # On-call humans get what they need to act and where to look — not the member's words: email and
        # SMS subscriptions are not a place for them. The full record is the incident item.
        notice = {
            "incident_id": incident["incident_id"],
            "member_id": incident["owner"],
            "minor": minor,
            "category": incident["category"],
            "severity": incident.get("severity"),
            "danger": incident.get("danger"),
            # The one at risk is someone else in the member's life (the member told of a son's suicidal thoughts):
            # on-call supports the member in helping them.
            "someone_else": bool(incident.get("someone_else")),
            # The member is the child at risk, hurt at home, in their own words (whatever their circle says of age).
            "writer_is_child": bool(incident.get("writer_is_child")),
            # The abuse is of an older person, by family or a carer (the member or someone in their life).
            "older_adult": bool(incident.get("older_adult")),
            # The reply asked the screener's question: no reviewed rule named the danger, the screen was unsure.
            "question_asked": bool(incident.get("question_asked")),
            "opened_at": incident["created_at"],
            "incident_key": {"pk": incident["pk"], "sk": incident["sk"]},
            **(extra or {}),
        }
        attributes = {
            "category": incident["category"],
            "danger": incident.get("danger") or "unknown",
            "minor": str(minor).lower(),
            # Lets a subscription choose, e.g. an SMS for every "yes" but not for a "no".
            **({"member_answer": extra["member_answer"]} if extra and "member_answer" in extra else {}),
        }
        self.sns.publish(
            TopicArn=self.topic_arn,
            Subject=f"{subject}: {incident['category']}"[:100],
            Message=json.dumps(notice),
            MessageAttributes={name: {"DataType": "String", "StringValue": value}
                               for name, value in attributes.items()},
        )
        self.events.put_events(
            Entries=[{"Source": EVENT_SOURCE, "DetailType": detail_type, "Detail": json.dumps(notice)}]
        )

    def _book_follow_up(self, incident: dict[str, Any], member_id: str) -> None:
        due = utc_now() + FOLLOW_UP_AFTER
        try:
            self.dynamodb.put_item(
                TableName=self.table,
                Item=to_item(
                    {
                        # Keyed by the incident, so a repeated escalation books one follow-up, not two.
                        "pk": f"MEMBER#{member_id}",
                        "sk": f"FOLLOWUP#crisis#{incident['incident_id']}",
                        "owner": member_id,
                        "kind": "crisis_follow_up",
                        "incident_id": incident["incident_id"],
                        "thread_id": incident.get("thread_id"),
                        "due_at": iso(due),
                        "status": "pending",
                    }
                ),
                ConditionExpression="attribute_not_exists(pk)",
            )
        except ClientError as error:
            if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise


def _danger(incident: dict[str, Any]) -> str:
    return (incident.get("danger") or "unknown").upper()


@dataclass(frozen=True)
class _Change:
    key: str  # names the change once: what it is and when it happened
    detail_type: str
    subject: str
    detail: dict[str, Any]


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[_Change]:
    changes = []
    # Set only when a later message raised the danger (shared.store.incidents.raise_writes).
    if after.get("danger_raised_at") and after["danger_raised_at"] != before.get("danger_raised_at"):
        changes.append(_Change(
            f"raised:{after['danger_raised_at']}", RAISED_DETAIL_TYPE,
            f"Inetta crisis incident raised to {_danger(after)}",
            {"raised_from": after.get("raised_from"), "raised_at": after["danger_raised_at"]},
        ))
    answer = after.get("member_answer")
    if answer and answer != before.get("member_answer"):
        changes.append(_Change(
            f"answer:{after.get('member_answered_at')}", ANSWERED_DETAIL_TYPE,
            f"Inetta crisis incident answered {answer.upper()}",
            {"member_answer": answer, "answered_at": after.get("member_answered_at")},
        ))
    return changes

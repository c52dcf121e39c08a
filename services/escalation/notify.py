"""What happens when an incident opens: on-call humans are told, integrations hear of it, a follow-up is booked.

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
from shared.store.table import dynamodb_client, to_item, to_value

# When the coach checks in again after a crisis (the check-ins service delivers it).
FOLLOW_UP_AFTER = timedelta(hours=24)
EVENT_SOURCE = "inetta.crisis"
EVENT_DETAIL_TYPE = "Crisis incident opened"


@dataclass
class Escalator:
    table: str
    topic_arn: str
    sns: Any
    events: Any
    dynamodb: Any = None

    def __post_init__(self) -> None:
        self.dynamodb = self.dynamodb or dynamodb_client()

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
        minor = self._is_minor(member_id)
        # On-call humans get what they need to act and where to look — not the member's words: email and
        # SMS subscriptions are not a place for them. The full record is the incident item.
        notice = {
            "incident_id": incident["incident_id"],
            "member_id": member_id,
            "minor": minor,
            "category": incident["category"],
            "severity": incident.get("severity"),
            "danger": incident.get("danger"),
            "opened_at": incident["created_at"],
            "incident_key": {"pk": incident["pk"], "sk": incident["sk"]},
        }
        danger = (incident.get("danger") or "unknown").upper()
        self.sns.publish(
            TopicArn=self.topic_arn,
            Subject=f"Inetta crisis incident ({danger}): {incident['category']}"[:100],
            Message=json.dumps(notice),
            MessageAttributes={
                "category": {"DataType": "String", "StringValue": incident["category"]},
                "danger": {"DataType": "String", "StringValue": incident.get("danger") or "unknown"},
                "minor": {"DataType": "String", "StringValue": str(minor).lower()},
            },
        )
        self.events.put_events(
            Entries=[{"Source": EVENT_SOURCE, "DetailType": EVENT_DETAIL_TYPE, "Detail": json.dumps(notice)}]
        )
        self._book_follow_up(incident, member_id)
        self.dynamodb.update_item(
            TableName=self.table,
            Key=to_item({"pk": incident["pk"], "sk": incident["sk"]}),
            UpdateExpression="SET escalated_at = :now, minor = :minor",
            ExpressionAttributeValues={":now": to_value(iso(utc_now())), ":minor": to_value(minor)},
        )
        return True

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

    def _is_minor(self, member_id: str) -> bool:
        """A member flagged as under 18 in any of their circles."""
        response = self.dynamodb.query(
            TableName=self.table,
            IndexName="by_owner",
            KeyConditionExpression="#owner = :me AND begins_with(sk, :membership)",
            FilterExpression="minor = :yes",
            ExpressionAttributeNames={"#owner": "owner"},
            ExpressionAttributeValues={
                ":me": to_value(member_id),
                ":membership": to_value(f"MEMBER#{member_id}"),
                ":yes": to_value(True),
            },
        )
        return bool(response.get("Items"))

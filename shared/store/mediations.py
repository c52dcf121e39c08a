"""Mediation records."""

from __future__ import annotations

from shared.models import iso, utc_now
from shared.store.table import dynamodb_client, from_item, to_item, to_value


class MediationStore:
    def __init__(self, table_name: str, client=None):
        self.table = table_name
        self.client = client or dynamodb_client()

    @staticmethod
    def key(mediation_id: str) -> dict:
        return to_item({"pk": f"MEDIATION#{mediation_id}", "sk": "MEDIATION"})

    def open(self, mediation_id: str, circle_id: str | None) -> dict:
        # Opening twice (a retried task) leaves one record with its first opening time.
        self.client.update_item(
            TableName=self.table,
            Key=self.key(mediation_id),
            UpdateExpression="SET #status = :opened, circle_id = :circle, opened_at = if_not_exists(opened_at, :now)",
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues={
                ":opened": to_value("opened"),
                ":circle": to_value(circle_id or ""),
                ":now": to_value(iso(utc_now())),
            },
        )
        return {"mediation_id": mediation_id, "status": "opened"}

    def close(self, mediation_id: str, reason: str) -> dict:
        self.client.update_item(
            TableName=self.table,
            Key=self.key(mediation_id),
            UpdateExpression="SET #status = :closed, closed_reason = :reason, closed_at = :now",
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues={
                ":closed": to_value("closed"),
                ":reason": to_value(reason),
                ":now": to_value(iso(utc_now())),
            },
        )
        return {"mediation_id": mediation_id, "status": "closed"}

    def get(self, mediation_id: str) -> dict | None:
        item = self.client.get_item(TableName=self.table, Key=self.key(mediation_id), ConsistentRead=True).get("Item")
        return from_item(item) if item else None

"""Check-in bookkeeping."""

from __future__ import annotations

import time

from botocore.exceptions import ClientError

from shared.store.table import dynamodb_client, to_item

TICK_TTL_SECONDS = 7 * 24 * 3600


class CheckinStore:
    def __init__(self, table_name: str, client=None):
        self.table = table_name
        self.client = client or dynamodb_client()

    def claim_slot(self, slot_minutes: int, slot: int) -> bool:
        """True for the first delivery of a schedule slot, False for any repeat."""
        try:
            self.client.put_item(
                TableName=self.table,
                Item=to_item(
                    {
                        "pk": f"CHECKIN_TICK#{slot_minutes}#{slot}",
                        "sk": "CHECKIN_TICK",
                        "claimed_at": int(time.time()),
                        "expires_at": int(time.time()) + TICK_TTL_SECONDS,
                    }
                ),
                ConditionExpression="attribute_not_exists(pk)",
            )
            return True
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise

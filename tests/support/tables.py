"""The single table's key schema, for in-process unit tests with moto.

The local stack and the deployed stack create the table from the CDK template; unit tests that exercise the data
layer alone make the same keys here (docs/architecture.md). Integration tests catch any drift.
"""

from __future__ import annotations


def create_table(client, name: str = "inetta-test") -> str:
    client.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": attr, "AttributeType": "S"} for attr in ("pk", "sk", "owner")],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by_owner",
                "KeySchema": [
                    {"AttributeName": "owner", "KeyType": "HASH"},
                    {"AttributeName": "sk", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    )
    return name

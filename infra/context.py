"""Context building: fed by the table's stream, filtered to new member messages (docs/architecture.md).

Runs after each member message, never on the reply path. Failed records are retried, the batch bisected to find
the culprit, then parked in the function's dead-letter queue (on-failure destination).
"""

from __future__ import annotations

from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sqs as sqs

from infra.streams import trigger_on_new_items


def build_context_from_stream(function: lambda_.Function, table: dynamodb.ITable, failures: sqs.IQueue) -> None:
    trigger_on_new_items(
        function,
        table,
        failures,
        {"sk": {"S": lambda_.FilterRule.begins_with("MSG#")}, "author": {"S": lambda_.FilterRule.is_equal("member")}},
        retry_attempts=3,
    )

"""Context building: fed by the table's stream, filtered to new member messages (docs/architecture.md).

Runs after each member message, never on the reply path. Failed records are retried, the batch bisected to find
the culprit, then parked in the function's dead-letter queue (on-failure destination).
"""

from __future__ import annotations

from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_sqs as sqs

from infra.compliance import acknowledge


def build_context_from_stream(function: lambda_.Function, table: dynamodb.ITable, failures: sqs.IQueue) -> None:
    function.add_event_source(
        sources.DynamoEventSource(
            table,
            starting_position=lambda_.StartingPosition.LATEST,
            batch_size=10,
            retry_attempts=3,
            bisect_batch_on_error=True,
            report_batch_item_failures=True,
            on_failure=sources.SqsDlq(failures),
            filters=[
                lambda_.FilterCriteria.filter(
                    {"eventName": lambda_.FilterRule.is_equal("INSERT"),
                     "dynamodb": {"NewImage": {"sk": {"S": lambda_.FilterRule.begins_with("MSG#")},
                                               "author": {"S": lambda_.FilterRule.is_equal("member")}}}}
                )
            ],
        )
    )
    for action in ("kms:ReEncrypt*", "kms:GenerateDataKey*"):
        acknowledge(
            function.role,
            f"AwsSolutions-IAM5[Action::{action}]",
            "Added by the stream's on-failure destination (SqsDlq grants send on the KMS-encrypted dead-letter "
            "queue); scoped to the one data key.",
        )

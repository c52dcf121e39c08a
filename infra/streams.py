"""Functions fed by the table's stream: the one way Inetta does work after a write, off the reply path.

Every such trigger sees only the items it asks for: new ones, and updated ones if it asks (a filter on the new
image, so the function is not even invoked for other writes). It retries failed records, bisects a failing batch to
find the culprit, reports batch-item failures, and parks what still fails in the function's KMS-encrypted
dead-letter queue.
"""

from __future__ import annotations

from typing import Any

from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_sqs as sqs

from infra.compliance import acknowledge


def trigger_on_new_items(
    function: lambda_.Function,
    table: dynamodb.ITable,
    failures: sqs.IQueue,
    new_image: dict[str, Any],
    *,
    updated_image: dict[str, Any] | None = None,
    batch_size: int = 10,
    retry_attempts: int = 5,
) -> None:
    """Invoke `function` for each new table item whose attributes match `new_image` (a stream filter pattern), and
    for each updated item whose attributes after the update match `updated_image`, if given."""
    patterns = [{"eventName": lambda_.FilterRule.is_equal("INSERT"), "dynamodb": {"NewImage": new_image}}]
    if updated_image is not None:
        patterns.append({"eventName": lambda_.FilterRule.is_equal("MODIFY"), "dynamodb": {"NewImage": updated_image}})
    function.add_event_source(
        sources.DynamoEventSource(
            table,
            starting_position=lambda_.StartingPosition.LATEST,
            batch_size=batch_size,
            retry_attempts=retry_attempts,
            bisect_batch_on_error=True,
            report_batch_item_failures=True,
            on_failure=sources.SqsDlq(failures),
            filters=[lambda_.FilterCriteria.filter(pattern) for pattern in patterns],
        )
    )
    for action in ("kms:ReEncrypt*", "kms:GenerateDataKey*"):
        acknowledge(
            function.role,
            f"AwsSolutions-IAM5[Action::{action}]",
            "Added by the stream's on-failure destination (SqsDlq grants send on the KMS-encrypted dead-letter "
            "queue); scoped to the one data key.",
        )

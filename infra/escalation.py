"""Crisis escalation: the topic that reaches the operator's on-call humans.

Messages name a member and an incident, so the topic is encrypted with the data key and refuses plain HTTP.
"""

from __future__ import annotations

from aws_cdk import Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.streams import trigger_on_new_items


class Escalation(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey, on_call_email: str | None) -> None:
        super().__init__(scope, construct_id)
        self._key = key
        self.topic = sns.Topic(
            self,
            "Topic",
            display_name="Inetta crisis escalations",
            master_key=key,
            enforce_ssl=True,
        )
        if on_call_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(on_call_email))

    def grant_publish(self, grantee: iam.IGrantable) -> None:
        # Spelled out instead of topic.grant_publish(), which adds `kms:GenerateDataKey*`.
        iam.Grant.add_to_principal(grantee=grantee, actions=["sns:Publish"], resource_arns=[self.topic.topic_arn])
        iam.Grant.add_to_principal(
            grantee=grantee, actions=["kms:Decrypt", "kms:GenerateDataKey"], resource_arns=[self._key.key_arn]
        )


def escalate_incidents_from_stream(function: lambda_.Function, table: dynamodb.ITable, failures: sqs.IQueue) -> None:
    """New and updated incident items reach the escalation function through the table's stream, and nothing else
    does (an incident is updated rarely: its danger raised, the member's answer, the function's own marks).

    The filter keeps every other write away (the function is not even invoked for them); failed records are
    retried, split to find the culprit, then parked in the function's dead-letter queue.
    """
    incident = {"kind": {"S": lambda_.FilterRule.is_equal("incident")}}
    trigger_on_new_items(function, table, failures, incident, updated_image=incident)
    # Integrations hear of incidents on the default event bus.
    function.add_to_role_policy(
        iam.PolicyStatement(
            actions=["events:PutEvents"],
            resources=[Stack.of(function).format_arn(service="events", resource="event-bus", resource_name="default")],
        )
    )

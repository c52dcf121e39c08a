"""Proactive check-ins: a schedule ticks the check-ins function every slot (docs/architecture.md).

The function works out which members are due in the slot (their time zones and quiet hours live in the
table); the schedule only says "a slot has begun". The local stack fires the rule's target itself, with the
same input.
"""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.compliance import acknowledge

SLOT_MINUTES = 15
SCHEDULE_INPUT = {"source": "inetta.schedule", "slot_minutes": SLOT_MINUTES}


class CheckinSchedule(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, checkins_function: lambda_.IFunction) -> None:
        super().__init__(scope, construct_id)

        # Ticks EventBridge could not deliver (throttling, a missing permission). Errors inside the function
        # are retried by Lambda and end in the function's own dead-letter queue. A tick carries no member
        # data, so SQS-managed encryption suffices and EventBridge needs no grant on a KMS key.
        self.dead_letter_queue = sqs.Queue(
            self,
            "DeadLetterQueue",
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            retention_period=Duration.days(14),
        )
        acknowledge(
            self.dead_letter_queue,
            "AwsSolutions-SQS3",
            "This queue is itself the dead-letter queue of the check-in schedule's EventBridge target "
            "(cdk-nag only recognises dead-letter queues of queues and Lambda functions).",
        )

        self.rule = events.Rule(
            self,
            "Default",
            description=f"Inetta: a check-in slot begins every {SLOT_MINUTES} minutes",
            schedule=events.Schedule.rate(Duration.minutes(SLOT_MINUTES)),
        )
        self.rule.add_target(
            targets.LambdaFunction(
                checkins_function,
                event=events.RuleTargetInput.from_object(SCHEDULE_INPUT),
                dead_letter_queue=self.dead_letter_queue,
                retry_attempts=2,
                # A tick that cannot be delivered within its own slot is superseded by the next one.
                max_event_age=Duration.minutes(SLOT_MINUTES),
            )
        )

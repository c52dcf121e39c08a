"""Proactive check-ins (docs/architecture.md, "Check-ins").

- A schedule fires at :00, :15, :30 and :45 (UTC). The check-ins function puts one `Check-in shard due` event per
  shard of the due index on the default bus; a rule hands each to its own invocation of the same function, which
  delivers that shard's wake-ups of the last hour's slots. (The local stack fires the schedule itself, with the
  same input, and dispatches the shard events through the same rule.)
- Follow-ups other services book (crisis follow-ups, agreement follow-ups) reach the function through the table's
  stream, filtered to their inserts: it books their member's wake-up at the time they are due.
- The function puts `Check-in delivered` events (push for mobile clients) and the shard events on the default bus.
"""

from __future__ import annotations

from aws_cdk import Duration, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.compliance import acknowledge
from infra.streams import trigger_on_new_items

SLOT_MINUTES = 15
SCHEDULE_INPUT = {"source": "inetta.schedule", "slot_minutes": SLOT_MINUTES}
EVENT_SOURCE = "inetta.checkins"
SHARD_DUE = "Check-in shard due"
FOLLOW_UP_KINDS = ["crisis_follow_up", "agreement_followup"]


class CheckinSchedule(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        checkins_function: lambda_.Function,
        table: dynamodb.ITable | None = None,
        failures: sqs.IQueue | None = None,
    ) -> None:
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

        # Aligned on the quarter hours, so a slot's check-ins go out at its start (a rate() rule fires at an
        # arbitrary offset). The function also looks back an hour, so a missed tick is made up by the next.
        self.rule = events.Rule(
            self,
            "Default",
            description=f"Inetta: a check-in slot begins every {SLOT_MINUTES} minutes",
            schedule=events.Schedule.expression(f"cron(0/{SLOT_MINUTES} * * * ? *)"),
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

        # Fan-out: one invocation per shard of the due index (the tick puts the events).
        self.shard_rule = events.Rule(
            self,
            "Shards",
            description="Inetta: one shard of a check-in slot's due index, to its own invocation",
            event_pattern=events.EventPattern(source=[EVENT_SOURCE], detail_type=[SHARD_DUE]),
        )
        self.shard_rule.add_target(
            targets.LambdaFunction(
                checkins_function,
                dead_letter_queue=self.dead_letter_queue,
                retry_attempts=2,
                max_event_age=Duration.minutes(SLOT_MINUTES),
            )
        )
        checkins_function.add_environment("CHECKINS_FANOUT", "events")
        checkins_function.add_to_role_policy(
            iam.PolicyStatement(
                actions=["events:PutEvents"],
                resources=[Stack.of(self).format_arn(service="events", resource="event-bus", resource_name="default")],
            )
        )

        if table is not None and failures is not None:
            trigger_on_new_items(
                checkins_function,
                table,
                failures,
                {"kind": {"S": lambda_.FilterRule.or_(*FOLLOW_UP_KINDS)}},
                batch_size=25,
            )

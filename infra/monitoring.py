"""What pages the operator: alarms on every failure path, sent to an alarm topic.

Thresholds are deliberately low (one occurrence): a failed request may be a member in crisis who got no
answer, and a dead-lettered event is work that silently did not happen.
"""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Duration, Stack
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

from infra.checkins import CheckinSchedule
from infra.functions import ServiceFunction

PERIOD = Duration.minutes(5)
# What the functions do on the table (a math expression sums them: CloudWatch has no "all operations" metric).
THROTTLE_WATCHED_OPERATIONS = [
    dynamodb.Operation.GET_ITEM, dynamodb.Operation.BATCH_GET_ITEM, dynamodb.Operation.QUERY,
    dynamodb.Operation.PUT_ITEM, dynamodb.Operation.UPDATE_ITEM, dynamodb.Operation.DELETE_ITEM,
    dynamodb.Operation.TRANSACT_WRITE_ITEMS, dynamodb.Operation.BATCH_WRITE_ITEM,
]


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        functions: Sequence[ServiceFunction],
        http_api: apigwv2.IHttpApi,
        state_machine: sfn.IStateMachine,
        checkin_schedule: CheckinSchedule,
        table: dynamodb.ITable,
        escalation_topic: sns.ITopic,
        alarm_email: str | None,
    ) -> None:
        super().__init__(scope, construct_id)
        account = Stack.of(self).account

        # Its own key: CloudWatch must be allowed to use it, and that grant has no business on the data key.
        self.alarm_key = kms.Key(
            self, "AlarmKey", description="Inetta: operational alarm notifications", enable_key_rotation=True
        )
        cloudwatch_principal = iam.ServicePrincipal("cloudwatch.amazonaws.com")
        self.alarm_key.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[cloudwatch_principal],
                actions=["kms:Decrypt", "kms:GenerateDataKey"],
                resources=["*"],  # in a key policy, "*" means this key
                conditions={"StringEquals": {"aws:SourceAccount": account}},
            )
        )
        self.alarm_topic = sns.Topic(
            self, "AlarmTopic", display_name="Inetta alarms", master_key=self.alarm_key, enforce_ssl=True
        )
        # The SSL-only topic policy replaces SNS's default one, so CloudWatch is allowed in explicitly.
        self.alarm_topic.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[cloudwatch_principal],
                actions=["sns:Publish"],
                resources=[self.alarm_topic.topic_arn],
                conditions={"StringEquals": {"aws:SourceAccount": account}},
            )
        )
        if alarm_email:
            self.alarm_topic.add_subscription(subscriptions.EmailSubscription(alarm_email))

        self.alarms: list[cloudwatch.Alarm] = []
        for service_function in functions:
            name = service_function.node.id
            function = service_function.function
            self._alarm(f"{name}Errors", function.metric_errors(period=PERIOD), f"{name} raised errors")
            self._alarm(f"{name}Throttles", function.metric_throttles(period=PERIOD), f"{name} was throttled")
            self._dead_letters(f"{name}DeadLetters", service_function.dead_letter_queue, f"{name} dead-lettered events")

        self._dead_letters(
            "CheckinScheduleDeadLetters", checkin_schedule.dead_letter_queue, "check-in ticks could not be delivered"
        )
        self._alarm(
            "CheckinScheduleFailedInvocations",
            cloudwatch.Metric(
                namespace="AWS/Events",
                metric_name="FailedInvocations",
                dimensions_map={"RuleName": checkin_schedule.rule.rule_name},
                statistic=cloudwatch.Stats.SUM,
                period=PERIOD,
            ),
            "the check-in schedule failed to invoke its target",
        )
        self._alarm(
            "MediationExecutionsFailed", state_machine.metric_failed(period=PERIOD), "mediation executions failed"
        )
        self._alarm(
            "MediationExecutionsTimedOut",
            state_machine.metric_timed_out(period=PERIOD),
            "mediation executions timed out",
        )
        self._alarm("ApiServerErrors", http_api.metric_server_error(period=PERIOD), "the HTTP API answered 5xx")
        # A throttled write is a turn that waits or a member told to retry; on-demand tables throttle only on
        # sudden spikes or hot keys, which is worth knowing about at once.
        self._alarm(
            "TableThrottles",
            table.metric_throttled_requests_for_operations(operations=THROTTLE_WATCHED_OPERATIONS, period=PERIOD),
            "DynamoDB throttled requests",
        )
        # An on-call human who never got the crisis notification is the worst failure Inetta can have.
        self._alarm(
            "CrisisNotificationsFailed",
            escalation_topic.metric_number_of_notifications_failed(period=PERIOD),
            "crisis notifications could not be delivered to on-call",
        )

    def _alarm(self, construct_id: str, metric: cloudwatch.IMetric, what: str) -> cloudwatch.Alarm:
        alarm = cloudwatch.Alarm(
            self,
            construct_id,
            metric=metric,
            alarm_description=f"Inetta: {what} in the last {PERIOD.to_minutes()} minutes",
            threshold=1,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            # No data means nothing happened, not that something broke.
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        alarm.add_alarm_action(actions.SnsAction(self.alarm_topic))
        alarm.add_ok_action(actions.SnsAction(self.alarm_topic))
        self.alarms.append(alarm)
        return alarm

    def _dead_letters(self, construct_id: str, queue: sqs.IQueue, what: str) -> cloudwatch.Alarm:
        return self._alarm(
            construct_id,
            queue.metric_approximate_number_of_messages_visible(period=PERIOD, statistic=cloudwatch.Stats.MAXIMUM),
            what,
        )

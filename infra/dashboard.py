"""One CloudWatch dashboard for the operator: is Inetta answering, is anyone in crisis, what does it cost.

Application figures are the Powertools metrics the functions publish (namespace `Inetta`, dimension `service`);
the rest are the services' own metrics.
"""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Duration
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

from infra.functions import METRICS_NAMESPACE, ServiceFunction
from infra.monitoring import THROTTLE_WATCHED_OPERATIONS
from shared.mediation import CloseReason

# The functions that call the language model (replies; insight extraction; mediation's needs, advice and draft).
LLM_SERVICES = ("chat", "context", "mediation")

PERIOD = Duration.minutes(5)


def _app_metric(service: str, name: str, label: str) -> cloudwatch.Metric:
    return cloudwatch.Metric(
        namespace=METRICS_NAMESPACE,
        metric_name=name,
        dimensions_map={"service": service},
        statistic=cloudwatch.Stats.SUM,
        period=PERIOD,
        label=label,
    )


class Dashboard(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        functions: Sequence[ServiceFunction],
        http_api: apigwv2.IHttpApi,
        table: dynamodb.ITable,
        state_machine: sfn.IStateMachine,
    ) -> None:
        super().__init__(scope, construct_id)
        self.dashboard = cloudwatch.Dashboard(self, "Default", dashboard_name="Inetta")
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Chat turns and who answered",
                left=[
                    _app_metric("chat", "ChatTurns", "turns"),
                    _app_metric("chat", "Replies_llm", "by the model"),
                    _app_metric("chat", "Replies_offline", "by the offline coach"),
                    _app_metric("chat", "Replies_safety", "by the crisis protocol"),
                ],
                width=12,
            ),
            cloudwatch.GraphWidget(
                title="Crisis incidents escalated",
                left=[_app_metric("escalation", "CrisisIncidentsEscalated", "incidents")],
                width=12,
            ),
        )
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="HTTP API",
                left=[http_api.metric_count(period=PERIOD), http_api.metric_server_error(period=PERIOD),
                      http_api.metric_client_error(period=PERIOD)],
                right=[http_api.metric_latency(period=PERIOD, statistic="p99")],
                width=12,
            ),
            cloudwatch.GraphWidget(
                title="Mediations",
                left=[state_machine.metric_started(period=PERIOD), state_machine.metric_succeeded(period=PERIOD),
                      state_machine.metric_failed(period=PERIOD), state_machine.metric_timed_out(period=PERIOD)],
                width=12,
            ),
        )
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Function errors",
                left=[f.function.metric_errors(period=PERIOD, label=f.node.id) for f in functions],
                width=12,
            ),
            cloudwatch.GraphWidget(
                title="Function duration p99 (ms)",
                left=[f.function.metric_duration(period=PERIOD, statistic="p99", label=f.node.id) for f in functions],
                width=12,
            ),
        )
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Dead-lettered work",
                left=[
                    f.dead_letter_queue.metric_approximate_number_of_messages_visible(
                        period=PERIOD, statistic=cloudwatch.Stats.MAXIMUM, label=f.node.id
                    )
                    for f in functions
                ],
                width=12,
            ),
            cloudwatch.GraphWidget(
                title="DynamoDB: capacity used and throttles",
                left=[table.metric_consumed_read_capacity_units(period=PERIOD),
                      table.metric_consumed_write_capacity_units(period=PERIOD)],
                right=[table.metric_throttled_requests_for_operations(
                    operations=THROTTLE_WATCHED_OPERATIONS, period=PERIOD)],
                width=12,
            ),
        )
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="The language model's bill",
                left=[_app_metric(service, name, f"{label} ({service})")
                      for service in LLM_SERVICES
                      for name, label in (("LlmTokensIn", "tokens in"), ("LlmTokensOut", "tokens out"))],
                right=[_app_metric(service, "LlmCostUsd", f"US$ ({service})") for service in LLM_SERVICES],
                width=12,
            ),
            cloudwatch.GraphWidget(
                title="How mediations end",
                left=[_app_metric("mediation", "MediationsStarted", "started"),
                      _app_metric("mediation", "MediationsAgreed", "agreed"),
                      *(_app_metric("mediation", f"MediationsClosed_{reason.value}", f"closed: {reason.value}")
                        for reason in CloseReason)],
                width=12,
            ),
        )

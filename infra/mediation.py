"""Multi-party mediation as a durable Step Functions workflow (docs/architecture.md, "State machine").

For now a small real flow the local stack can execute end to end: open the mediation, check that it opened,
and close it gracefully if opening failed. The mediation issue replaces the definition (invitations, task
tokens for each party's perspective, agreement drafting, reminders). Rules the definition keeps, because
moto's executor runs it locally: JSONPath only (no JSONata), and every Choice on an optional field guarded
by `IsPresent` (moto takes the Default on a missing path where AWS fails).
"""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_stepfunctions as sfn
from aws_cdk import aws_stepfunctions_tasks as tasks
from constructs import Construct

from infra.compliance import acknowledge

# Errors of the Lambda service itself, worth retrying; an error raised by the handler is not, and goes
# straight to the Catch.
TRANSIENT_LAMBDA_ERRORS = [
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
]


class MediationWorkflow(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        mediation_function: lambda_.IFunction,
        log_retention: logs.RetentionDays,
    ) -> None:
        super().__init__(scope, construct_id)

        open_mediation = self._step(
            "OpenMediation",
            mediation_function,
            {
                "step": "open",
                "mediation_id": sfn.JsonPath.string_at("$.mediation_id"),
                "circle_id": sfn.JsonPath.string_at("$.circle_id"),
            },
            result_path="$.opened",
        )
        close_mediation = self._step(
            "CloseMediation",
            mediation_function,
            {
                "step": "close",
                "mediation_id": sfn.JsonPath.string_at("$.mediation_id"),
                "circle_id": sfn.JsonPath.string_at("$.circle_id"),
                "error": sfn.JsonPath.object_at("$.error"),
            },
            result_path=sfn.JsonPath.DISCARD,
        )
        # Whatever went wrong while opening, the parties are told the mediation closed; then the execution
        # fails so the failure shows in metrics and alarms.
        open_mediation.add_catch(close_mediation, errors=[sfn.Errors.ALL], result_path="$.error")
        close_mediation.next(
            sfn.Fail(
                self, "MediationFailed", error="MediationFailed", cause="Opening failed; the mediation was closed."
            )
        )

        was_opened = (
            sfn.Choice(self, "WasOpened")
            .when(
                sfn.Condition.and_(
                    sfn.Condition.is_present("$.opened.status"),
                    sfn.Condition.string_equals("$.opened.status", "opened"),
                ),
                sfn.Succeed(self, "MediationOpened"),
            )
            .otherwise(
                sfn.Fail(
                    self,
                    "MediationNotOpened",
                    error="MediationNotOpened",
                    cause="The mediation function did not report status 'opened'.",
                )
            )
        )

        self.log_group = logs.LogGroup(self, "Logs", retention=log_retention, removal_policy=RemovalPolicy.DESTROY)
        self.state_machine = sfn.StateMachine(
            self,
            "StateMachine",
            definition_body=sfn.DefinitionBody.from_chainable(open_mediation.next(was_opened)),
            # Standard: parties answer over days (task tokens), and each step runs exactly once.
            state_machine_type=sfn.StateMachineType.STANDARD,
            timeout=Duration.days(30),
            tracing_enabled=True,
            logs=sfn.LogOptions(
                destination=self.log_group,
                level=sfn.LogLevel.ALL,
                # States' inputs and outputs hold each party's perspective: log the events, not the words.
                include_execution_data=False,
            ),
        )
        acknowledge(
            self.state_machine,
            "AwsSolutions-IAM5[Resource::*]",
            "Vended log delivery (logs:CreateLogDelivery and friends) and X-Ray trace submission support no "
            "resource-level permissions; Lambda invocation is scoped to the mediation function.",
        )
        stack = Stack.of(self)
        function_logical_id = stack.resolve(stack.get_logical_id(mediation_function.node.default_child))
        acknowledge(
            self.state_machine,
            f"AwsSolutions-IAM5[Resource::<{function_logical_id}.Arn>:*]",
            "Step Functions invokes the mediation function by ARN and by qualified ARN (version or alias), "
            "which the `:*` suffix covers; no other function is reachable.",
        )

    def _step(
        self, name: str, function: lambda_.IFunction, payload: dict, *, result_path: str
    ) -> tasks.LambdaInvoke:
        step = tasks.LambdaInvoke(
            self,
            name,
            lambda_function=function,
            payload=sfn.TaskInput.from_object(payload),
            payload_response_only=True,
            result_path=result_path,
            # Our own Retry below instead of CDK's default one (which retries the same errors 6 times).
            retry_on_service_exceptions=False,
        )
        step.add_retry(
            errors=TRANSIENT_LAMBDA_ERRORS,
            interval=Duration.seconds(2),
            max_attempts=3,
            backoff_rate=2,
        )
        return step


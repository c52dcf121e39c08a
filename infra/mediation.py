"""Multi-party mediation as a durable Step Functions workflow (docs/architecture.md, "The mediation workflow").

    OpenMediation ─► WasOpened ─► SafetyGate ─► GateOpen ─► InviteParties (Map: ask, remind, give up)
        ─► GatherPerspectives (Map) ─► SafetyRecheck ─► StillSafe ─► Synthesise ─► Advise
        ─► DraftAgreement ◄─────────────── redraft ──┐
        ─► ReviewDraft (Map) ─► Tally ─► Outcome ─────┴─► Conclude ─► Agreed
    Any failure (a party declines, cancels or never answers; a task fails after its retries)
        ─► CloseMediation ─► Closed, or ─► MediationFailed (alarmed) when a task failed

Human steps are `waitForTaskToken` tasks: the `await` step stores each party's token with the party's item and tells
them what is asked; the API answers with `SendTaskSuccess`, or `SendTaskFailure` to decline or cancel. Each wait
times out after `reminder_seconds` (from the mediation's record, set from the function's environment: context
`inetta:mediationReminderSeconds` etc.), sends a reminder and waits again, `max_reminders` times, then gives up.

Rules the definition keeps, because moto's executor runs it locally: JSONPath only (no JSONata), and every Choice
on an optional field guarded by `IsPresent` (moto takes the Default on a missing path where AWS fails).
"""

from __future__ import annotations

from aws_cdk import ArnFormat, Duration, RemovalPolicy, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_stepfunctions as sfn
from aws_cdk import aws_stepfunctions_tasks as tasks
from constructs import Construct

from infra.compliance import acknowledge

# Errors of the Lambda service itself, and our handler's own `TransientStepError`, are retried with backoff; any
# other error raised by the handler goes straight to the Catch.
TRANSIENT_LAMBDA_ERRORS = [
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
]
TRANSIENT_STEP_ERRORS = ["TransientStepError"]

# Defaults of the mediation's timings (context keys override them; tests override the function's environment).
TIMING_CONTEXT = {
    "MEDIATION_REMINDER_SECONDS": ("inetta:mediationReminderSeconds", 2 * 24 * 3600),
    "MEDIATION_MAX_REMINDERS": ("inetta:mediationMaxReminders", 2),
    "MEDIATION_MAX_ROUNDS": ("inetta:mediationMaxRounds", 3),
    "MEDIATION_FOLLOWUP_SECONDS": ("inetta:mediationFollowupSeconds", 14 * 24 * 3600),
}


class MediationWorkflow(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        mediation_function: lambda_.Function,
        log_retention: logs.RetentionDays,
    ) -> None:
        super().__init__(scope, construct_id)
        self.function = mediation_function
        stack = Stack.of(self)
        # A fixed name, so the function can be told the machine's ARN without a dependency cycle (the machine
        # invokes the function; the function starts executions and answers task tokens).
        self.state_machine_name = f"{stack.stack_name}-mediation"
        state_machine_arn = stack.format_arn(
            service="states", resource="stateMachine", resource_name=self.state_machine_name,
            arn_format=ArnFormat.COLON_RESOURCE_NAME,
        )

        # --- closing ----------------------------------------------------------------------------------------
        failed = sfn.Fail(self, "MediationFailed", error="MediationFailed",
                          cause="A mediation task failed after its retries; the mediation was closed and its parties told.")
        closed = sfn.Succeed(self, "Closed")
        close = self._task("CloseMediation", {"step": "close", "error": sfn.JsonPath.object_at("$.error")},
                           result_path="$.closed", catch=False)
        close.add_catch(failed, errors=[sfn.Errors.ALL], result_path="$.close_error")
        close.next(
            sfn.Choice(self, "ClosedBecause")
            .when(sfn.Condition.and_(sfn.Condition.is_present("$.closed.reason"),
                                     sfn.Condition.string_equals("$.closed.reason", "failed")), failed)
            .otherwise(closed)
        )
        self._close = close

        def close_with(name: str, reason: str, audience: str = "parties") -> sfn.IChainable:
            step = self._task(name, {"step": "close", "reason": reason, "audience": audience},
                              result_path="$.closed", catch=False)
            step.add_catch(failed, errors=[sfn.Errors.ALL], result_path="$.close_error")
            return step.next(closed)

        # --- opening and the safety gate --------------------------------------------------------------------
        open_mediation = self._task(
            "OpenMediation", {"step": "open", "circle_id": sfn.JsonPath.string_at("$.circle_id")},
            result_path="$.opened",
        )
        gate = self._task("SafetyGate", {"step": "gate"}, result_path="$.gate")
        recheck = self._task("SafetyRecheck", {"step": "gate"}, result_path="$.gate")

        def blocked() -> sfn.Condition:
            return sfn.Condition.and_(sfn.Condition.is_present("$.gate.blocked"),
                                      sfn.Condition.boolean_equals("$.gate.blocked", True))

        # --- the parties' turns -----------------------------------------------------------------------------
        invite = self._parties_turn("InviteParties", "OptIn", "optin", "$.opened.invitees")
        gather = self._parties_turn("GatherPerspectives", "Perspective", "perspective", "$.opened.parties")
        review = self._parties_turn("ReviewDraft", "Review", "agreement", "$.opened.parties")

        # --- the coach's work -------------------------------------------------------------------------------
        synthesise = self._task("Synthesise", {"step": "synthesise"}, result_path=sfn.JsonPath.DISCARD)
        advise = self._task("Advise", {"step": "advise"}, result_path=sfn.JsonPath.DISCARD)
        draft = self._task("DraftAgreement", {"step": "draft"}, result_path=sfn.JsonPath.DISCARD)
        tally = self._task("Tally", {"step": "tally"}, result_path="$.tally")
        conclude = self._task("Conclude", {"step": "conclude"}, result_path="$.concluded")

        def outcome_is(value: str) -> sfn.Condition:
            return sfn.Condition.and_(sfn.Condition.is_present("$.tally.outcome"),
                                      sfn.Condition.string_equals("$.tally.outcome", value))

        definition = open_mediation.next(
            sfn.Choice(self, "WasOpened")
            .when(
                sfn.Condition.and_(sfn.Condition.is_present("$.opened.status"),
                                   sfn.Condition.string_equals("$.opened.status", "opened")),
                gate.next(
                    sfn.Choice(self, "GateOpen")
                    .when(blocked(), close_with("CloseNotOffered", "not_offered", audience="initiator"))
                    .otherwise(
                        invite.next(gather).next(recheck).next(
                            sfn.Choice(self, "StillSafe")
                            .when(blocked(), close_with("CloseStopped", "not_offered"))
                            .otherwise(
                                synthesise.next(advise).next(draft).next(review).next(tally).next(
                                    sfn.Choice(self, "Outcome")
                                    .when(outcome_is("agreed"), conclude.next(sfn.Succeed(self, "Agreed")))
                                    .when(outcome_is("redraft"), draft)
                                    .otherwise(close_with("CloseNoAgreement", "no_agreement"))
                                )
                            )
                        )
                    )
                ),
            )
            # No such mediation, or it is already closed: nothing to do.
            .otherwise(sfn.Succeed(self, "NothingToMediate"))
        )

        self.log_group = logs.LogGroup(self, "Logs", retention=log_retention, removal_policy=RemovalPolicy.DESTROY)
        self.state_machine = sfn.StateMachine(
            self,
            "StateMachine",
            state_machine_name=self.state_machine_name,
            definition_body=sfn.DefinitionBody.from_chainable(definition),
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

        # The function starts executions (the API) and answers the parties' task tokens.
        mediation_function.add_environment("STATE_MACHINE_ARN", state_machine_arn)
        for variable, (context_key, default) in TIMING_CONTEXT.items():
            value = self.node.try_get_context(context_key)
            mediation_function.add_environment(variable, str(default if value is None else value))
        mediation_function.add_to_role_policy(iam.PolicyStatement(
            actions=["states:StartExecution", "states:SendTaskSuccess", "states:SendTaskFailure",
                     "states:SendTaskHeartbeat"],
            resources=[state_machine_arn],
        ))

        acknowledge(
            self.state_machine,
            "AwsSolutions-IAM5[Resource::*]",
            "Vended log delivery (logs:CreateLogDelivery and friends) and X-Ray trace submission support no "
            "resource-level permissions; Lambda invocation is scoped to the mediation function.",
        )
        function_logical_id = stack.resolve(stack.get_logical_id(mediation_function.node.default_child))
        acknowledge(
            self.state_machine,
            f"AwsSolutions-IAM5[Resource::<{function_logical_id}.Arn>:*]",
            "Step Functions invokes the mediation function by ARN and by qualified ARN (version or alias), "
            "which the `:*` suffix covers; no other function is reachable.",
        )

    # --- building blocks --------------------------------------------------------------------------------------

    def _parties_turn(self, name: str, prefix: str, phase: str, items_path: str) -> sfn.Map:
        """Ask every party in `items_path` at once, each with reminders and a timeout; fails on the first refusal."""
        ask = tasks.LambdaInvoke(
            self,
            f"{prefix}Ask",
            lambda_function=self.function,
            integration_pattern=sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
            payload=sfn.TaskInput.from_object({
                "step": "await",
                "mediation_id": sfn.JsonPath.string_at("$.mediation_id"),
                "member_id": sfn.JsonPath.string_at("$.member_id"),
                "phase": phase,
                "reminders": sfn.JsonPath.number_at("$.count.reminders"),
                "token": sfn.JsonPath.task_token,
            }),
            task_timeout=sfn.Timeout.at("$.timings.reminder_seconds"),
            result_path=sfn.JsonPath.DISCARD,
            retry_on_service_exceptions=False,
        )
        ask.add_retry(errors=TRANSIENT_LAMBDA_ERRORS + TRANSIENT_STEP_ERRORS, interval=Duration.seconds(1),
                      max_attempts=3, backoff_rate=2)
        timed_out = self._task(
            f"{prefix}TimedOut",
            {
                "step": "timed_out",
                "member_id": sfn.JsonPath.string_at("$.member_id"),
                "phase": phase,
                "reminders": sfn.JsonPath.number_at("$.count.reminders"),
                "max_reminders": sfn.JsonPath.number_at("$.timings.max_reminders"),
            },
            result_path="$.count",
            catch=False,
        )
        ask.add_catch(timed_out, errors=[sfn.Errors.TIMEOUT], result_path="$.timeout")
        timed_out.next(
            sfn.Choice(self, f"{prefix}GiveUp")
            .when(
                sfn.Condition.and_(sfn.Condition.is_present("$.count.give_up"),
                                   sfn.Condition.boolean_equals("$.count.give_up", True)),
                sfn.Fail(self, f"{prefix}NoAnswer", error="PartyTimedOut", cause="A party did not answer in time."),
            )
            .otherwise(ask)
        )
        turn = sfn.Map(
            self,
            name,
            items_path=items_path,
            item_selector={
                "mediation_id": sfn.JsonPath.string_at("$.mediation_id"),
                "member_id": sfn.JsonPath.string_at("$$.Map.Item.Value"),
                "timings": sfn.JsonPath.object_at("$.opened.timings"),
                "count": {"reminders": 0},
            },
            result_path=sfn.JsonPath.DISCARD,
        )
        turn.item_processor(ask)
        turn.add_catch(self._close, errors=[sfn.Errors.ALL], result_path="$.error")
        return turn

    def _task(self, name: str, payload: dict, *, result_path: str, catch: bool = True) -> tasks.LambdaInvoke:
        step = tasks.LambdaInvoke(
            self,
            name,
            lambda_function=self.function,
            payload=sfn.TaskInput.from_object(
                {"step": payload["step"], "mediation_id": sfn.JsonPath.string_at("$.mediation_id"),
                 **{k: v for k, v in payload.items() if k != "step"}}
            ),
            payload_response_only=True,
            result_path=result_path,
            # Our own Retry below instead of CDK's default one (which retries the same errors 6 times).
            retry_on_service_exceptions=False,
        )
        step.add_retry(
            errors=TRANSIENT_LAMBDA_ERRORS + TRANSIENT_STEP_ERRORS,
            interval=Duration.seconds(1),
            max_attempts=3,
            backoff_rate=2,
        )
        if catch:
            step.add_catch(self._close, errors=[sfn.Errors.ALL], result_path="$.error")
        return step


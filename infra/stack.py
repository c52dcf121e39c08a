"""The `Inetta` stack: every concern of docs/architecture.md, wired together."""

from __future__ import annotations

from typing import Any

from aws_cdk import CfnOutput, Duration, Stack
from constructs import Construct

from infra.api import Api
from infra.checkins import CheckinSchedule
from infra.context import build_context_from_stream
from infra.dashboard import Dashboard
from infra.data import DataStore
from infra.escalation import Escalation, escalate_incidents_from_stream
from infra.functions import ServiceFunction, SharedResources, dependencies_layer
from infra.identity import Identity
from infra.llm import LlmSettings
from infra.mediation import MediationWorkflow
from infra.monitoring import Monitoring
from infra.settings import Settings
from infra.websocket import RealtimePush


class InettaStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs: Any) -> None:
        super().__init__(
            scope,
            construct_id,
            stack_name=construct_id,
            description="Inetta: an open-source AI relationship coach for couples and families",
            **kwargs,
        )
        settings = Settings.from_context(self)

        data = DataStore(self, "Data")
        identity = Identity(self, "Identity")
        llm = LlmSettings(self, "Llm", base_url=settings.llm_base_url, model=settings.llm_model,
                          moderation_model=settings.llm_moderation_model,
                          price_input_per_million=settings.llm_price_input_per_million,
                          price_output_per_million=settings.llm_price_output_per_million)
        escalation = Escalation(self, "Escalation", key=data.key, on_call_email=settings.on_call_email)

        shared = SharedResources(
            data=data,
            escalation=escalation,
            llm=llm,
            layer=dependencies_layer(self, "DependenciesLayer"),
            log_level=settings.log_level,
            log_retention=settings.log_retention,
        )
        # Function construct ids are the contract's names (docs/architecture.md, "Functions").
        # The chat reply must fit API Gateway's 30-second integration limit, LLM retry included.
        self.chat = ServiceFunction(
            self,
            "ChatFunction",
            service="chat",
            description="Inetta: a member's private chat with the coach",
            resources=shared,
            timeout=Duration.seconds(29),
            llm_timeout_seconds=12,
            llm_max_retries=1,
        )
        self.mediation = ServiceFunction(
            self,
            "MediationFunction",
            service="mediation",
            description="Inetta: the steps of a multi-party mediation",
            resources=shared,
            # A step may make several LLM calls (one piece of advice per party).
            timeout=Duration.minutes(3),
            llm_timeout_seconds=30,
            llm_max_retries=2,
        )
        # One invocation serves every member due in a slot.
        self.checkins = ServiceFunction(
            self,
            "CheckinsFunction",
            service="checkins",
            description="Inetta: proactive check-ins, every schedule slot",
            resources=shared,
            timeout=Duration.minutes(5),
            llm_timeout_seconds=30,
            llm_max_retries=2,
        )
        # Circles, invites and the member's own account (export, deletion, settings); deletion removes the member's
        # sign-in identity, so this function alone may delete users from the pool.
        self.circles = ServiceFunction(
            self,
            "CirclesFunction",
            service="circles",
            description="Inetta: circles, invitations, and a member's data rights",
            resources=shared,
            timeout=Duration.seconds(29),
            llm_timeout_seconds=5,
            llm_max_retries=0,
        )
        self.circles.function.add_environment("USER_POOL_ID", identity.user_pool.user_pool_id)
        identity.user_pool.grant(self.circles.role, "cognito-idp:ListUsers", "cognito-idp:AdminDeleteUser")
        # Consent is its own service (the design card): what each member lets inform the coach elsewhere.
        self.consent = ServiceFunction(
            self,
            "ConsentFunction",
            service="consent",
            description="Inetta: members' consent and its audit trail",
            resources=shared,
            timeout=Duration.seconds(29),
            llm_timeout_seconds=5,
            llm_max_retries=0,
        )

        # Crisis escalation runs off the member's reply path: the chat function writes the incident with its
        # reply; this function, fed by the table's stream, tells on-call humans and books the follow-up.
        self.escalation = ServiceFunction(
            self,
            "EscalationFunction",
            service="escalation",
            description="Inetta: crisis incidents to on-call humans, integrations and a follow-up",
            resources=shared,
            timeout=Duration.seconds(60),
            llm_timeout_seconds=5,
            llm_max_retries=0,
        )
        escalate_incidents_from_stream(self.escalation.function, data.table, self.escalation.dead_letter_queue)

        # Context building (issue 4): after each member message, from the table's stream; never on the reply path.
        # It also answers "why this reply" (a route below).
        self.context = ServiceFunction(
            self,
            "ContextFunction",
            service="context",
            description="Inetta: precomputed family-aware context and insight extraction",
            resources=shared,
            timeout=Duration.seconds(60),
            llm_timeout_seconds=20,
            llm_max_retries=1,
        )
        build_context_from_stream(self.context.function, data.table, self.context.dead_letter_queue)

        api = Api(
            self,
            "Api",
            chat_function=self.chat.function,
            circles_function=self.circles.function,
            consent_function=self.consent.function,
            context_function=self.context.function,
            mediation_function=self.mediation.function,
            checkins_function=self.checkins.function,
            user_pool=identity.user_pool,
            user_pool_client=identity.user_pool_client,
            allowed_origins=settings.allowed_origins,
            log_retention=settings.log_retention,
        )
        # Real-time push (issue 8): the push function accepts members' WebSocket connections; chat, check-ins and
        # mediation post to them (infra/websocket.py).
        self.push = ServiceFunction(
            self,
            "PushFunction",
            service="push",
            description="Inetta: members' WebSocket connections (connect, disconnect)",
            resources=shared,
            # API Gateway's integration limit, like the HTTP functions: a cold start is never what refuses a member.
            timeout=Duration.seconds(29),
            llm_timeout_seconds=5,
            llm_max_retries=0,
        )
        push = RealtimePush(
            self,
            "Push",
            push_function=self.push.function,
            senders=[self.chat.function, self.checkins.function, self.mediation.function],
            user_pool=identity.user_pool,
            user_pool_client=identity.user_pool_client,
            log_retention=settings.log_retention,
        )
        mediation = MediationWorkflow(
            self, "Mediation", mediation_function=self.mediation.function, log_retention=settings.log_retention
        )
        checkin_schedule = CheckinSchedule(
            self,
            "CheckinSchedule",
            checkins_function=self.checkins.function,
            table=data.table,
            failures=self.checkins.dead_letter_queue,
        )
        # Every service function, watched by the alarms and shown on the dashboard.
        functions = [self.chat, self.mediation, self.checkins, self.circles, self.consent, self.escalation, self.context,
                     self.push]
        Monitoring(
            self,
            "Monitoring",
            functions=functions,
            http_api=api.http_api,
            state_machine=mediation.state_machine,
            checkin_schedule=checkin_schedule,
            table=data.table,
            escalation_topic=escalation.topic,
            alarm_email=settings.alarm_email,
        )
        Dashboard(
            self,
            "Dashboard",
            functions=functions,
            http_api=api.http_api,
            table=data.table,
            state_machine=mediation.state_machine,
        )

        # Output ids are what operators, the apps and the local stack read (logical ids, no hash).
        CfnOutput(self, "ApiUrl", value=api.url, description="Base URL of the HTTP API")
        CfnOutput(self, "WebSocketUrl", value=push.url, description="Real-time push: wss URL, ?token=<access token>")
        CfnOutput(self, "UserPoolId", value=identity.user_pool.user_pool_id)
        CfnOutput(self, "UserPoolClientId", value=identity.user_pool_client.user_pool_client_id)
        CfnOutput(self, "TableName", value=data.table.table_name)
        CfnOutput(self, "StateMachineArn", value=mediation.state_machine.state_machine_arn)
        CfnOutput(self, "EscalationTopicArn", value=escalation.topic.topic_arn)
        CfnOutput(
            self,
            "LlmApiKeySecretArn",
            value=llm.api_key.secret_arn,
            description="Put the LLM API key here (aws secretsmanager put-secret-value)",
        )

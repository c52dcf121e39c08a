"""Real-time push: an API Gateway WebSocket API members' apps keep open (docs/architecture.md, "Real-time push").

Python Lambdas cannot stream an HTTP response, so the coach's reply, check-ins and mediation updates reach an open
app over a WebSocket: the functions that have something to say post frames to the member's connections through
the stage's management API (`post_to_connection`, `shared.push.sender`). Apps that don't connect lose nothing:
the HTTP API still returns and stores everything.

WebSocket APIs have no JWT authorizer: the push function's `$connect` verifies the member's Cognito access token
(query parameter `token`) against the pool's JWKS, issuer and app client, and refuses the connection otherwise
(services/push/auth.py). `$disconnect` forgets the connection. Clients send nothing, so there is no other route.
"""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import RemovalPolicy, Stack
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk.aws_apigatewayv2_integrations import WebSocketLambdaIntegration
from constructs import Construct

from infra.api import AccessLogSettings
from infra.compliance import acknowledge

STAGE_NAME = "live"
# How cdk-nag names the senders' grant (the WebSocket API's logical id included).
SEND_RESOURCE_FINDING = (
    "arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<Push7F99B893>/live/POST/@connections/*"
)
# Connections and frames per second an account's members can open; far above families chatting with a coach.
THROTTLE = apigwv2.ThrottleSettings(rate_limit=50, burst_limit=100)
# WebSocket access-log variables (no message bodies: those would be members' words).
ACCESS_LOG_FORMAT = {
    "requestId": "$context.requestId",
    "requestTime": "$context.requestTime",
    "sourceIp": "$context.identity.sourceIp",
    "routeKey": "$context.routeKey",
    "eventType": "$context.eventType",
    "status": "$context.status",
    "connectionId": "$context.connectionId",
    "integrationError": "$context.integrationErrorMessage",
}


class RealtimePush(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        push_function: lambda_.Function,
        senders: Sequence[lambda_.Function],
        user_pool: cognito.IUserPool,
        user_pool_client: cognito.IUserPoolClient,
        log_retention: logs.RetentionDays,
    ) -> None:
        super().__init__(scope, construct_id)

        # `$connect` checks the token against this pool and app client (services/push/auth.py).
        push_function.add_environment("USER_POOL_ID", user_pool.user_pool_id)
        push_function.add_environment("USER_POOL_CLIENT_ID", user_pool_client.user_pool_client_id)
        integration = lambda name: WebSocketLambdaIntegration(name, push_function)  # noqa: E731
        self.api = apigwv2.WebSocketApi(
            self,
            "Default",
            api_name=f"{Stack.of(self).stack_name}-push",
            description="Inetta: real-time push to members' apps (streamed replies, check-ins, mediation updates)",
            connect_route_options=apigwv2.WebSocketRouteOptions(integration=integration("Connect")),
            disconnect_route_options=apigwv2.WebSocketRouteOptions(integration=integration("Disconnect")),
        )
        self.access_logs = logs.LogGroup(
            self, "AccessLogs", retention=log_retention, removal_policy=RemovalPolicy.DESTROY
        )
        self.stage = apigwv2.WebSocketStage(
            self,
            "Stage",
            web_socket_api=self.api,
            stage_name=STAGE_NAME,
            auto_deploy=True,
            throttle=THROTTLE,
            access_log_settings=AccessLogSettings(self.access_logs, ACCESS_LOG_FORMAT),
        )

        # Who may post to connections: the senders, on this stage's management API only.
        send = iam.PolicyStatement(
            actions=["execute-api:ManageConnections"],
            resources=[Stack.of(self).format_arn(
                service="execute-api", resource=self.api.api_id, resource_name=f"{STAGE_NAME}/POST/@connections/*",
            )],
        )
        for sender in senders:
            sender.add_environment("PUSH_ENDPOINT", self.stage.callback_url)
            sender.add_to_role_policy(send)
            acknowledge(
                sender.role,
                f"AwsSolutions-IAM5[Resource::{SEND_RESOURCE_FINDING}]",
                "Connection ids are created by API Gateway at run time, one per open app; the grant is limited to "
                "posting (POST) on this stage's management API.",
            )
        for route in ("$connect", "$disconnect"):
            acknowledge(
                self.api.node.find_child(f"{route}-Route"),
                "AwsSolutions-APIG4",
                "WebSocket APIs support no JWT authorizer: $connect itself verifies the member's Cognito access "
                "token (JWKS, issuer, app client) and refuses the connection otherwise; $disconnect only follows an "
                "accepted $connect.",
            )

    @property
    def url(self) -> str:
        """What apps connect to (`wss://.../live`), with `?token=<access token>`."""
        return self.stage.url

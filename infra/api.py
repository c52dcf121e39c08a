"""The HTTP API members' apps talk to (docs/architecture.md, "HTTP API").

Every route requires a Cognito JWT for the pool's app client unless it is listed as public: the authorizer is
the API's default, so a route added later is protected without anyone remembering to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import jsii
from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk.aws_apigatewayv2_authorizers import HttpJwtAuthorizer
from aws_cdk.aws_apigatewayv2_integrations import HttpLambdaIntegration
from constructs import Construct

from infra.compliance import acknowledge


@dataclass(frozen=True)
class Route:
    method: apigwv2.HttpMethod
    path: str
    # Why the route may be called without a token; None (the norm) means the JWT authorizer guards it.
    public_because: str | None = None


CHAT_ROUTES = (
    Route(
        apigwv2.HttpMethod.GET,
        "/health",
        public_because="GET /health is public by contract: uptime checks and the apps probe it before sign-in; "
        "it returns service status only, never member data.",
    ),
    Route(apigwv2.HttpMethod.GET, "/threads"),
    Route(apigwv2.HttpMethod.POST, "/threads/{thread_id}/messages"),
    Route(apigwv2.HttpMethod.GET, "/threads/{thread_id}/messages"),
)

CIRCLES_ROUTES = (
    Route(apigwv2.HttpMethod.POST, "/circles"),
    Route(apigwv2.HttpMethod.GET, "/circles"),
    Route(apigwv2.HttpMethod.GET, "/circles/{circle_id}"),
    Route(apigwv2.HttpMethod.POST, "/circles/{circle_id}/invites"),
    Route(apigwv2.HttpMethod.POST, "/invites/accept"),
    Route(apigwv2.HttpMethod.DELETE, "/circles/{circle_id}/membership"),
    Route(apigwv2.HttpMethod.DELETE, "/circles/{circle_id}/members/{member_id}"),
    Route(apigwv2.HttpMethod.PATCH, "/circles/{circle_id}/members/{member_id}"),
    Route(apigwv2.HttpMethod.GET, "/me/settings"),
    Route(apigwv2.HttpMethod.PUT, "/me/settings"),
    Route(apigwv2.HttpMethod.GET, "/me/export"),
    Route(apigwv2.HttpMethod.DELETE, "/me"),
)

CONSENT_ROUTES = (
    Route(apigwv2.HttpMethod.GET, "/circles/{circle_id}/consents"),
    Route(apigwv2.HttpMethod.PUT, "/circles/{circle_id}/consents"),
    Route(apigwv2.HttpMethod.PUT, "/circles/{circle_id}/consents/{member_id}"),
    Route(apigwv2.HttpMethod.DELETE, "/circles/{circle_id}/consents/{member_id}"),
    Route(apigwv2.HttpMethod.GET, "/me/consent-audit"),
)

# "Why this reply" is served by the context function, which builds what a reply draws on.
CONTEXT_ROUTES = (Route(apigwv2.HttpMethod.GET, "/threads/{thread_id}/messages/{message_id}/why"),)

MEDIATION_ROUTES = (
    Route(apigwv2.HttpMethod.POST, "/mediations"),
    Route(apigwv2.HttpMethod.GET, "/mediations"),
    Route(apigwv2.HttpMethod.GET, "/mediations/{mediation_id}"),
    Route(apigwv2.HttpMethod.POST, "/mediations/{mediation_id}/participation"),
    Route(apigwv2.HttpMethod.POST, "/mediations/{mediation_id}/perspective"),
    Route(apigwv2.HttpMethod.POST, "/mediations/{mediation_id}/response"),
    Route(apigwv2.HttpMethod.POST, "/mediations/{mediation_id}/cancel"),
    Route(apigwv2.HttpMethod.GET, "/agreements"),
)

# Check-in preferences and reminders are served by the check-ins function (issue 7).
CHECKINS_ROUTES = (
    Route(apigwv2.HttpMethod.GET, "/me/checkins"),
    Route(apigwv2.HttpMethod.PUT, "/me/checkins"),
    Route(apigwv2.HttpMethod.POST, "/me/reminders"),
)

# Headers a browser client may send: the bearer token, JSON bodies, and the key that makes retries safe.
CORS_ALLOW_HEADERS = ["authorization", "content-type", "idempotency-key"]

# Per-account protection of the LLM bill and the table against a runaway client; far above what families
# chatting with a coach produce.
THROTTLE = apigwv2.ThrottleSettings(rate_limit=50, burst_limit=100)

# HTTP API access-log variables (no request or response bodies: those are members' words).
ACCESS_LOG_FORMAT = {
    "requestId": "$context.requestId",
    "requestTime": "$context.requestTime",
    "sourceIp": "$context.identity.sourceIp",
    "userAgent": "$context.identity.userAgent",
    "routeKey": "$context.routeKey",
    "status": "$context.status",
    "protocol": "$context.protocol",
    "responseLength": "$context.responseLength",
    "responseLatency": "$context.responseLatency",
    "integrationLatency": "$context.integrationLatency",
    "integrationError": "$context.integrationErrorMessage",
    "authorizerError": "$context.authorizer.error",
}


class Api(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        chat_function: lambda_.IFunction,
        circles_function: lambda_.IFunction | None = None,
        consent_function: lambda_.IFunction | None = None,
        context_function: lambda_.IFunction | None = None,
        mediation_function: lambda_.IFunction | None = None,
        checkins_function: lambda_.IFunction | None = None,
        user_pool: cognito.IUserPool,
        user_pool_client: cognito.IUserPoolClient,
        allowed_origins: list[str],
        log_retention: logs.RetentionDays,
    ) -> None:
        super().__init__(scope, construct_id)

        self.authorizer = HttpJwtAuthorizer(
            "CognitoJwt",
            # Cognito's issuer: what the `iss` claim of the pool's tokens says, scheme included.
            jwt_issuer=f"https://cognito-idp.{Stack.of(self).region}.amazonaws.com/{user_pool.user_pool_id}",
            jwt_audience=[user_pool_client.user_pool_client_id],
        )
        self.http_api = apigwv2.HttpApi(
            self,
            "Default",
            api_name=Stack.of(self).stack_name,
            description="Inetta: members' apps (chat with the coach)",
            default_authorizer=self.authorizer,
            cors_preflight=apigwv2.CorsPreflightOptions(
                allow_origins=allowed_origins,
                allow_methods=[
                    apigwv2.CorsHttpMethod.GET,
                    apigwv2.CorsHttpMethod.POST,
                    apigwv2.CorsHttpMethod.PUT,
                    apigwv2.CorsHttpMethod.PATCH,
                    apigwv2.CorsHttpMethod.DELETE,
                ],
                allow_headers=CORS_ALLOW_HEADERS,
                max_age=Duration.hours(1),
            ),
            # The $default stage is created below, with access logging and throttling.
            create_default_stage=False,
        )

        self.access_logs = logs.LogGroup(
            self, "AccessLogs", retention=log_retention, removal_policy=RemovalPolicy.DESTROY
        )
        self.stage = apigwv2.HttpStage(
            self,
            "DefaultStage",
            http_api=self.http_api,
            stage_name="$default",
            auto_deploy=True,
            throttle=THROTTLE,
            access_log_settings=AccessLogSettings(self.access_logs),
        )

        services = [(HttpLambdaIntegration("ChatIntegration", chat_function), CHAT_ROUTES)]
        if circles_function is not None:
            services.append((HttpLambdaIntegration("CirclesIntegration", circles_function), CIRCLES_ROUTES))
        if consent_function is not None:
            services.append((HttpLambdaIntegration("ConsentIntegration", consent_function), CONSENT_ROUTES))
        if mediation_function is not None:
            services.append((HttpLambdaIntegration("MediationIntegration", mediation_function), MEDIATION_ROUTES))
        if context_function is not None:
            services.append((HttpLambdaIntegration("ContextIntegration", context_function), CONTEXT_ROUTES))
        if checkins_function is not None:
            services.append((HttpLambdaIntegration("CheckinsIntegration", checkins_function), CHECKINS_ROUTES))
        for integration, routes in services:
            for route in routes:
                added = self.http_api.add_routes(
                    path=route.path,
                    methods=[route.method],
                    integration=integration,
                    authorizer=apigwv2.HttpNoneAuthorizer() if route.public_because else None,
                )
                if route.public_because:
                    for public_route in added:
                        acknowledge(public_route, "AwsSolutions-APIG4", route.public_because)

    @property
    def url(self) -> str:
        return self.stage.url


@jsii.implements(apigwv2.IAccessLogSettings)
class AccessLogSettings:
    """Where an API stage's access logs go (a log group) and how (JSON, one line per request, with `fields` —
    context variables that differ between the HTTP and the WebSocket API)."""

    def __init__(self, log_group: logs.ILogGroup, fields: dict[str, str] = ACCESS_LOG_FORMAT) -> None:
        self._destination = apigwv2.LogGroupLogDestination(log_group)
        self._fields = fields

    @property
    def destination(self) -> apigwv2.IAccessLogDestination:
        return self._destination

    @property
    def format(self) -> apigw.AccessLogFormat:
        return apigw.AccessLogFormat.custom(json.dumps(self._fields))

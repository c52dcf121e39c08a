"""The WebSocket API's `$connect` and `$disconnect` routes (docs/architecture.md, "Real-time push").

Thin: `$connect` verifies the member's access token (auth.py) and records the connection; any other answer than
2xx makes API Gateway refuse the connection, so an unauthenticated client never gets one. `$disconnect` forgets
it. Sending is not done here: the services that have something to say post to connections themselves
(`shared.push.sender`).
"""

from __future__ import annotations

from aws_lambda_powertools.metrics import MetricUnit

from services.push.auth import TokenVerifier, Unauthorized
from shared.config import settings
from shared.observability import observability
from shared.push.connections import ConnectionStore

logger, tracer, metrics = observability()

_verifier: TokenVerifier | None = None


def verifier() -> TokenVerifier:
    global _verifier
    if _verifier is None:
        _verifier = TokenVerifier.from_environment()
    return _verifier


def connections() -> ConnectionStore:
    return ConnectionStore(settings().table_name)


def connect(event: dict) -> dict:
    connection_id = event["requestContext"]["connectionId"]
    token = (event.get("queryStringParameters") or {}).get("token")
    try:
        member = verifier().member_id(token)
    except Unauthorized as refused:
        logger.info("WebSocket connection refused", extra={"reason": str(refused)})
        metrics.add_metric(name="PushConnectionsRefused", unit=MetricUnit.Count, value=1)
        return {"statusCode": 401, "body": "Unauthorized"}
    connections().add(member, connection_id)
    metrics.add_metric(name="PushConnections", unit=MetricUnit.Count, value=1)
    return {"statusCode": 200}


def disconnect(event: dict) -> dict:
    connections().remove(event["requestContext"]["connectionId"])
    metrics.add_metric(name="PushDisconnections", unit=MetricUnit.Count, value=1)
    return {"statusCode": 200}


ROUTES = {"$connect": connect, "$disconnect": disconnect}


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context) -> dict:
    route = ROUTES.get(event.get("requestContext", {}).get("routeKey", ""))
    if route is None:
        # Clients have nothing to send: pushes flow one way. (No other route is defined in the API.)
        return {"statusCode": 400, "body": "Unknown route"}
    return route(event)

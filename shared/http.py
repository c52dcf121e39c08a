"""HTTP conventions every service follows: error bodies that say what is wrong, JSON only, identity from the token."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.exceptions import UnauthorizedError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from botocore.exceptions import ClientError

JSON = "application/json"
METHODS_WITH_BODY = {"POST", "PUT", "PATCH"}
# DynamoDB (or another AWS service) asking us to slow down, after the SDK's own retries: a 503, never a 500.
THROTTLING_CODES = {
    "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
    "TooManyRequestsException", "ThrottledException", "LimitExceededException",
}
RETRY_AFTER_SECONDS = 2

# What each status means, for the OpenAPI document (inetta/openapi.py adds the ones every route shares).
_MEANINGS = {
    200: "OK",
    201: "Created",
    400: "The request is malformed (e.g. a bad cursor or header); `message` says why",
    403: "Not allowed for this member (e.g. admins only)",
    404: "Not found, or not yours",
    409: "Conflicts with the current state (e.g. already done, or not now); `message` says what to do",
    410: "Gone: used or expired",
    422: "The request is not valid; `message` says why",
    503: "Temporarily unavailable; retry (see `message`)",
}
ERROR_CONTENT = {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}


def documented(*statuses: int, **descriptions: str) -> dict[int, dict[str, Any]]:
    """A route's `responses=` for its OpenAPI document: its success statuses (2xx: the route's return model) and the
    errors only it answers with (`{"error", "message"}`). `descriptions`: `s201="Created; ..."` to say more."""
    responses: dict[int, dict[str, Any]] = {}
    for status in statuses:
        response: dict[str, Any] = {"description": descriptions.get(f"s{status}", _MEANINGS[status])}
        if status >= 400:
            response["content"] = ERROR_CONTENT
        responses[status] = response
    return responses


class ApiError(Exception):
    """Raised by a route to answer with a 4xx/5xx whose body says what is wrong."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error(status: int, code: str, message: str, details: list[Any] | None = None) -> Response:
    body: dict[str, Any] = {"error": code, "message": message}
    if details:
        body["details"] = details
    return Response(status_code=status, content_type=JSON, body=json.dumps(body))


def _where(location: tuple | list) -> str:
    # ("body", "text") -> "text"; ("query", "limit") -> "query parameter limit"
    parts = [str(part) for part in location]
    if parts and parts[0] == "body":
        return ".".join(parts[1:]) or "body"
    if parts and parts[0] == "query":
        return "query parameter " + ".".join(parts[1:])
    if parts and parts[0] == "header":
        return "header " + ".".join(parts[1:])
    return ".".join(parts)


def _plain(problem: dict[str, Any]) -> str:
    kind = problem.get("type", "")
    where = _where(problem.get("loc", ()))
    if kind == "json_invalid":
        return "The request body is not valid JSON."
    if kind == "missing":
        return f"{where} is required."
    return f"{where}: {problem.get('msg', 'is not valid')}."


def install_error_handlers(app: APIGatewayHttpResolver) -> None:
    @app.exception_handler(RequestValidationError)
    def _invalid(exc: RequestValidationError) -> Response:
        problems = list(exc.errors())
        details = [{"field": _where(p.get("loc", ())), "problem": _plain(p)} for p in problems]
        if any(p.get("type") == "json_invalid" for p in problems):
            return error(400, "invalid_json", "The request body is not valid JSON.")
        return error(422, "invalid_request", " ".join(d["problem"] for d in details), details)

    @app.exception_handler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        return error(exc.status, exc.code, exc.message)

    @app.exception_handler(ClientError)
    def _aws_error(exc: ClientError) -> Response:
        if exc.response.get("Error", {}).get("Code") not in THROTTLING_CODES:
            raise exc  # a real failure: Lambda reports it, the member gets a 500
        return Response(
            status_code=503,
            content_type=JSON,
            body=json.dumps({"error": "busy", "message": "We are very busy right now. Please try again in a moment."}),
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.exception_handler(UnauthorizedError)
    def _unauthorized(exc: UnauthorizedError) -> Response:
        return error(401, "unauthorized", "Sign in again: the request carries no valid identity.")

    @app.not_found
    def _no_route(exc: Exception) -> Response:
        return error(404, "not_found", "There is no such route.")


def reject_unreadable_body(event: dict[str, Any]) -> dict[str, Any] | None:
    """A request that sends a body must send JSON. Checked before routing, so nothing else runs."""
    method = event.get("requestContext", {}).get("http", {}).get("method", "").upper()
    if method not in METHODS_WITH_BODY:
        return None
    headers = {key.lower(): value for key, value in (event.get("headers") or {}).items()}
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == JSON or content_type.endswith("+json"):
        return None if _utf8(event) else {
            "statusCode": 400,
            "headers": {"Content-Type": JSON},
            "body": json.dumps({"error": "invalid_json", "message": "The request body is not valid JSON (not UTF-8)."}),
        }
    return {
        "statusCode": 415,
        "headers": {"Content-Type": JSON},
        "body": json.dumps(
            {
                "error": "unsupported_media_type",
                "message": f"Send the body as {JSON} (got {content_type or 'no content type'}).",
            }
        ),
    }


def _utf8(event: dict[str, Any]) -> bool:
    """JSON is UTF-8 text; API Gateway hands bodies that are not text over base64-encoded."""
    body = event.get("body")
    if not body or not event.get("isBase64Encoded"):
        return True
    try:
        base64.b64decode(body, validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return False
    return True


def member_id(app: APIGatewayHttpResolver) -> str:
    """The caller's identity: the `sub` claim the JWT authorizer verified. Never from a body or a path."""
    claims = app.current_event.request_context.authorizer.jwt_claim or {}
    subject = claims.get("sub")
    if not subject:
        raise UnauthorizedError("no subject")
    return str(subject)


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")


def locale_of(accept_language: str | None) -> str:
    """The client's first language tag ("en-GB,en;q=0.8" → "en-GB"): it picks the crisis resources' country."""
    first = (accept_language or "").split(",")[0].split(";")[0].strip()
    return first if _LANGUAGE_TAG.fullmatch(first) else "en-US"

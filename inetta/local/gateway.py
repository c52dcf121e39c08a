"""The HTTP API on 127.0.0.1: API Gateway (HTTP API, payload format 2.0) in front of the local runtime.

Everything comes from the template's `AWS::ApiGatewayV2::*` resources: routes (`RouteKey`, `AuthorizationType`,
`AuthorizationScopes`, `Target` -> integration -> `IntegrationUri` -> function), JWT authorizers and CORS. Behaviour
follows API Gateway's documentation: route selection (most specific first, `ANY`, greedy `{proxy+}`, `$default`),
the 2.0 event, the authorizer (authorizer.py; the handler is never invoked for a refused token), the response
translation (a `statusCode` document, or any other JSON as a 200 body), 404 `{"message":"Not Found"}` for no route,
500 `{"message":"Internal Server Error"}` for a function error, and automatic CORS preflight answers.

Local additions: `GET /health` answers 200 even when the template has no such route; `POST /_local/tick` fires
the schedules now; `POST /_local/token` ({"username", "password"}) signs a member in and returns fresh tokens; `pages` serves the web
client under `/app/` and `GET /openapi.json` (inetta/local/web.py).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import re
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qsl, unquote, urlsplit

from inetta.local.authorizer import JwtAuthorizer, claims_as_strings
from inetta.local.errors import LocalStackError

log = logging.getLogger("inetta.local.gateway")

MAX_BODY_BYTES = 10 * 1024 * 1024  # API Gateway's payload limit
_TEXT_TYPES = re.compile(r"^(text/.*|application/(json|xml|javascript|.*\+json|.*\+xml))(;.*)?$", re.I)


@dataclass
class Route:
    key: str  # as in the template, e.g. "POST /threads/{thread_id}/messages" or "$default"
    method: str  # "ANY" for any
    pattern: re.Pattern | None  # None for $default
    literal_segments: int
    greedy: bool
    function: str  # logical id
    authorizer: JwtAuthorizer | None
    scopes: list[str]

    def specificity(self) -> tuple:
        return (self.pattern is not None, self.literal_segments, not self.greedy, self.method != "ANY")


@dataclass
class HttpApi:
    api_id: str
    routes: list[Route]
    cors: dict[str, Any] | None = None
    authorizers: dict[str, JwtAuthorizer] = field(default_factory=dict)

    def match(self, method: str, path: str) -> tuple[Route | None, dict[str, str]]:
        best, best_params = None, {}
        for route in self.routes:
            if route.method not in (method, "ANY"):
                continue
            if route.pattern is None:
                params = {}
            else:
                found = route.pattern.fullmatch(path)
                if not found:
                    continue
                params = {k: unquote(v) for k, v in found.groupdict().items()}
            if best is None or route.specificity() > best.specificity():
                best, best_params = route, params
        return best, best_params


def _compile_path(path: str) -> tuple[re.Pattern, int, bool]:
    parts, literal, greedy = [], 0, False
    for segment in path.strip("/").split("/") if path.strip("/") else []:
        variable = re.fullmatch(r"\{([A-Za-z0-9_.-]+)(\+?)\}", segment)
        if variable and variable.group(2):
            parts.append(f"(?P<{_group(variable.group(1))}>.+)")
            greedy = True
        elif variable:
            parts.append(f"(?P<{_group(variable.group(1))}>[^/]+)")
        else:
            parts.append(re.escape(segment))
            literal += 1
    return re.compile("/" + "/".join(parts)), literal, greedy


def _group(name: str) -> str:
    # regex group names must be identifiers; keep the original name recoverable for pathParameters
    return name.replace("-", "__dash__").replace(".", "__dot__")


def build_api(api_resources: dict[str, dict[str, Any]], resolve_function: Callable[[str], str], moto_url: str,
              pool_ids: set[str], api_id: str) -> HttpApi | None:
    """The HTTP API described by the template's (resolved) ApiGatewayV2 resources; None if it has none."""
    apis = {lid: r for lid, r in api_resources.items() if r["Type"] == "AWS::ApiGatewayV2::Api"}
    if not apis:
        return None
    if len(apis) > 1:
        raise LocalStackError(f"the template defines {len(apis)} HTTP APIs; the local gateway serves one")
    api_props = next(iter(apis.values()))["Properties"]
    if api_props.get("ProtocolType", "HTTP") != "HTTP":
        raise LocalStackError(f"only HTTP APIs are served locally, not {api_props.get('ProtocolType')}")
    of_type = lambda kind: {lid: r["Properties"] for lid, r in api_resources.items() if r["Type"] == kind}  # noqa: E731
    authorizers = {lid: JwtAuthorizer.from_template(lid, props, moto_url, pool_ids)
                   for lid, props in of_type("AWS::ApiGatewayV2::Authorizer").items()}
    integrations = of_type("AWS::ApiGatewayV2::Integration")
    routes = []
    for lid, props in of_type("AWS::ApiGatewayV2::Route").items():
        key = props["RouteKey"]
        target = props.get("Target", "")
        integration_id = target.split("/", 1)[1] if target.startswith("integrations/") else None
        if integration_id not in integrations:
            raise LocalStackError(f"route {key!r}: target {target!r} is not an integration of the template")
        integration = integrations[integration_id]
        if integration.get("IntegrationType") != "AWS_PROXY" or str(integration.get("PayloadFormatVersion")) != "2.0":
            raise LocalStackError(
                f"route {key!r}: only Lambda proxy integrations with payload format 2.0 are served locally"
            )
        function = resolve_function(_lambda_arn(integration["IntegrationUri"]))
        auth_type = props.get("AuthorizationType", "NONE")
        authorizer = None
        if auth_type == "JWT":
            authorizer = authorizers.get(props.get("AuthorizerId"))
            if authorizer is None:
                raise LocalStackError(f"route {key!r}: authorizer {props.get('AuthorizerId')!r} not in the template")
        elif auth_type != "NONE":
            raise LocalStackError(f"route {key!r}: authorization type {auth_type} is not served locally")
        if key == "$default":
            route = Route(key, "ANY", None, 0, True, function, authorizer, [])
        else:
            method, path = key.split(" ", 1)
            pattern, literal, greedy = _compile_path(path)
            route = Route(key, method.upper(), pattern, literal, greedy, function, authorizer,
                          list(props.get("AuthorizationScopes") or []))
        routes.append(route)
    return HttpApi(api_id=api_id, routes=routes, cors=api_props.get("CorsConfiguration"), authorizers=authorizers)


def _lambda_arn(uri: str) -> str:
    # Either the function ARN itself, or the REST-style ".../functions/<arn>/invocations"
    found = re.search(r"(arn:aws[\w-]*:lambda:[^/]+)", uri)
    if not found:
        raise LocalStackError(f"integration URI {uri!r} is not a Lambda function")
    return found.group(1)


# --- events and responses ---------------------------------------------------------------------------------------


def build_event(*, api: HttpApi, route: Route, method: str, raw_path: str, raw_query: str,
                headers: list[tuple[str, str]], body: bytes, path_parameters: dict[str, str], source_ip: str,
                request_id: str, account_id: str, claims: dict[str, Any] | None) -> dict[str, Any]:
    """An API Gateway HTTP API payload format 2.0 event."""
    joined: dict[str, str] = {}
    cookies: list[str] = []
    for name, value in headers:
        name = name.lower()
        if name == "cookie":
            cookies += [c.strip() for c in value.split(";") if c.strip()]
            continue
        joined[name] = f"{joined[name]},{value}" if name in joined else value
    query: dict[str, str] = {}
    for name, value in parse_qsl(raw_query, keep_blank_values=True):
        query[name] = f"{query[name]},{value}" if name in query else value
    now = time.time()
    host = joined.get("host", "127.0.0.1")
    context: dict[str, Any] = {
        "accountId": account_id,
        "apiId": api.api_id,
        "domainName": host,
        "domainPrefix": host.split(".")[0].split(":")[0],
        "http": {
            "method": method,
            "path": raw_path,
            "protocol": "HTTP/1.1",
            "sourceIp": source_ip,
            "userAgent": joined.get("user-agent", ""),
        },
        "requestId": request_id,
        "routeKey": route.key,
        "stage": "$default",
        "time": dt.datetime.fromtimestamp(now, dt.timezone.utc).strftime("%d/%b/%Y:%H:%M:%S +0000"),
        "timeEpoch": int(now * 1000),
    }
    if claims is not None:
        scopes = str(claims["scope"]).split() if claims.get("scope") else None
        context["authorizer"] = {"jwt": {"claims": claims_as_strings(claims), "scopes": scopes}}
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": route.key,
        "rawPath": raw_path,
        "rawQueryString": raw_query,
        "headers": joined,
        "requestContext": context,
        "isBase64Encoded": False,
    }
    if cookies:
        event["cookies"] = cookies
    if query:
        event["queryStringParameters"] = query
    if path_parameters:
        event["pathParameters"] = {_ungroup(k): v for k, v in path_parameters.items()}
    if body:
        content_type = joined.get("content-type", "")
        try:
            text = body.decode("utf-8") if _TEXT_TYPES.match(content_type) else None
        except UnicodeDecodeError:
            text = None
        if text is None:
            event["body"], event["isBase64Encoded"] = base64.b64encode(body).decode(), True
        else:
            event["body"] = text
    return event


def _ungroup(name: str) -> str:
    return name.replace("__dash__", "-").replace("__dot__", ".")


class BadIntegrationResponse(Exception):
    pass


def translate_response(payload: Any) -> tuple[int, list[tuple[str, str]], bytes]:
    """What API Gateway makes of a function's result (payload format 2.0)."""
    if isinstance(payload, dict) and "statusCode" in payload:
        try:
            status = int(payload["statusCode"])
        except (TypeError, ValueError):
            raise BadIntegrationResponse(f"statusCode {payload['statusCode']!r} is not a number") from None
        headers = [(str(k), str(v)) for k, v in (payload.get("headers") or {}).items()]
        headers += [("set-cookie", str(c)) for c in payload.get("cookies") or []]
        body = payload.get("body")
        if body is None:
            data = b""
        elif not isinstance(body, str):
            raise BadIntegrationResponse(f"body must be a string, not {type(body).__name__}")
        elif payload.get("isBase64Encoded"):
            data = base64.b64decode(body)
        else:
            data = body.encode()
        return status, headers, data
    # Anything else is taken as the body of a 200 JSON response.
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return 200, [("content-type", "application/json")], body.encode()


# --- the server -------------------------------------------------------------------------------------------------


class Gateway:
    """Bind first (the port is needed to provision: it is the API's endpoint), configure, then serve."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1"):
        self.host = host
        self.api: HttpApi | None = None
        self.invoke: Callable[..., Any] | None = None
        self.account_id = "123456789012"
        # (method, path) -> callable(body bytes) -> (status, JSON document): the local-only routes
        self.local_routes: dict[tuple[str, str], Callable[[bytes], tuple[int, Any]]] = {}
        # (method, raw path) -> (status, headers, body) or None: local-only pages (inetta/local/web.py)
        self.pages: Callable[[str, str], tuple[int, list[tuple[str, str]], bytes] | None] | None = None
        handler = type("Handler", (_RequestHandler,), {"gateway": self})
        try:
            self.server = ThreadingHTTPServer((host, port), handler)
        except OSError as exc:
            raise LocalStackError(f"cannot listen on {host}:{port}: {exc.strerror} (set PORT to another port)") from exc
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def configure(self, api: HttpApi | None, invoke: Callable[..., Any], account_id: str,
                  local_routes: dict[tuple[str, str], Callable[[bytes], tuple[int, Any]]] | None = None) -> None:
        self.api, self.invoke, self.account_id = api, invoke, account_id
        self.local_routes = dict(local_routes or {})

    def start(self) -> None:
        self._thread = threading.Thread(target=self.server.serve_forever, name="gateway", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self.server.shutdown()
            self._thread.join(5)
            self._thread = None
        self.server.server_close()


class _RequestHandler(BaseHTTPRequestHandler):
    gateway: Gateway
    protocol_version = "HTTP/1.1"  # keep-alive: clients reuse connections, as with API Gateway
    server_version = "inetta-local"

    def do_GET(self):
        self._handle()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in two writes; with Nagle's algorithm and the client's delayed ACK, each
        # keep-alive response would wait ~40 ms for nothing.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass  # one line per request is logged by _handle, through logging

    def _read_body(self) -> bytes:
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        started = time.monotonic()
        request_id = base64.b64encode(secrets.token_bytes(12)).decode().rstrip("=")
        split = urlsplit(self.path)
        raw_path = split.path or "/"
        body = self._read_body()
        note = ""
        try:
            status, headers, data, note = self._respond(raw_path, split.query, body, request_id)
        except Exception:  # noqa: BLE001 - a bug here must answer 500, not drop the connection
            log.exception("gateway failure")
            status, headers, data = _json(500, {"message": "Internal Server Error"})
        headers = [h for h in headers if h[0].lower() not in ("content-length", "connection", "transfer-encoding")]
        headers.append(("apigw-requestid", request_id))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        log.info("%s %s %s -> %d %.0f ms%s", self.client_address[0], self.command, self.path, status,
                 (time.monotonic() - started) * 1000, note)

    def _respond(self, raw_path: str, raw_query: str, body: bytes, request_id: str):
        gateway = self.gateway
        method = self.command
        header_map = {k.lower(): v for k, v in self.headers.items()}
        if len(body) > MAX_BODY_BYTES:
            return (*_json(413, {"message": "Request Entity Too Large"}), "")
        local = gateway.local_routes.get((method, raw_path))
        if local is not None:
            status, document = local(body)
            return (*_json(status, document), " [local]")
        page = gateway.pages(method, raw_path) if gateway.pages is not None else None
        if page is not None:
            return (*page, " [local page]")
        api = gateway.api
        if api is None:
            if method == "GET" and raw_path == "/health":
                return (*_json(200, {"status": "ok"}), " [local health]")
            if gateway.invoke is None:
                return (*_json(503, {"message": "Service Unavailable"}), " [not provisioned yet]")
            return (*_json(404, {"message": "Not Found"}), " [the template has no HTTP API]")
        if api.cors and method == "OPTIONS" and "origin" in header_map and \
                "access-control-request-method" in header_map:
            return 204, _preflight_headers(api.cors, header_map), b"", " [CORS preflight]"
        route, params = api.match(method, raw_path)
        if route is None:
            if method == "GET" and raw_path == "/health":
                return (*_json(200, {"status": "ok"}), " [local health]")
            status, headers, data = _json(404, {"message": "Not Found"})
            return status, _with_cors(api.cors, header_map, headers), data, ""
        claims = None
        if route.authorizer is not None:
            claims, denied = route.authorizer.authorize(header_map, route.scopes)
            if claims is None:
                status, headers, data = _json(denied, {"message": "Unauthorized" if denied == 401 else "Forbidden"})
                if denied == 401:
                    headers.append(("www-authenticate", "Bearer"))
                return status, _with_cors(api.cors, header_map, headers), data, f" [{route.key}: refused]"
        event = build_event(
            api=api, route=route, method=method, raw_path=raw_path, raw_query=raw_query,
            headers=list(self.headers.items()), body=body, path_parameters=params,
            source_ip=self.client_address[0], request_id=request_id, account_id=gateway.account_id, claims=claims,
        )
        result = gateway.invoke(route.function, event, source="gateway")
        note = f" [{route.key} -> {route.function}]"
        if result.error is not None:
            if result.error.get("errorType") == "Sandbox.Timedout":
                status, headers, data = _json(503, {"message": "Service Unavailable"})
            else:
                status, headers, data = _json(500, {"message": "Internal Server Error"})
            return status, _with_cors(api.cors, header_map, headers), data, note + f" {result.error.get('errorType')}"
        try:
            status, headers, data = translate_response(result.json())
        except (BadIntegrationResponse, ValueError) as exc:
            log.error("%s returned a response API Gateway would reject: %s", route.function, exc)
            status, headers, data = _json(500, {"message": "Internal Server Error"})
        return status, _with_cors(api.cors, header_map, headers), data, note


def _json(status: int, document: Any) -> tuple[int, list[tuple[str, str]], bytes]:
    return status, [("content-type", "application/json")], json.dumps(document).encode()


def _origin_allowed(cors: dict[str, Any], origin: str) -> str | None:
    allowed = cors.get("AllowOrigins") or []
    if "*" in allowed:
        return "*" if not cors.get("AllowCredentials") else origin
    return origin if origin in allowed else None


def _preflight_headers(cors: dict[str, Any], request_headers: dict[str, str]) -> list[tuple[str, str]]:
    origin = _origin_allowed(cors, request_headers["origin"])
    if origin is None:
        return []
    headers = [("access-control-allow-origin", origin)]
    if cors.get("AllowMethods"):
        headers.append(("access-control-allow-methods", ",".join(cors["AllowMethods"])))
    if cors.get("AllowHeaders"):
        headers.append(("access-control-allow-headers", ",".join(cors["AllowHeaders"])))
    if cors.get("MaxAge") is not None:
        headers.append(("access-control-max-age", str(cors["MaxAge"])))
    if cors.get("AllowCredentials"):
        headers.append(("access-control-allow-credentials", "true"))
    return headers


def _with_cors(cors: dict[str, Any] | None, request_headers: dict[str, str],
               headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """API Gateway replaces the integration's CORS headers with the configured ones."""
    if not cors or "origin" not in request_headers:
        return headers
    headers = [h for h in headers if not h[0].lower().startswith("access-control-")]
    origin = _origin_allowed(cors, request_headers["origin"])
    if origin is None:
        return headers
    headers.append(("access-control-allow-origin", origin))
    if cors.get("ExposeHeaders"):
        headers.append(("access-control-expose-headers", ",".join(cors["ExposeHeaders"])))
    if cors.get("AllowCredentials"):
        headers.append(("access-control-allow-credentials", "true"))
    return headers


"""The WebSocket API on 127.0.0.1: API Gateway's WebSocket API, and its management API, for the local stack.

Everything comes from the template's WebSocket `AWS::ApiGatewayV2::*` resources (an `Api` whose `ProtocolType` is
`WEBSOCKET`, its stage, routes and Lambda proxy integrations). Behaviour follows API Gateway's documentation:

- a client connects to `ws://127.0.0.1:<port>/<stage>?token=...`; the `$connect` route's function is invoked with
  a WebSocket `CONNECT` event before the handshake completes, and anything but a 2xx answer (or a function error)
  refuses the connection with that status — so authentication at connect is exactly the deployed one's (the
  function verifies the token; this server never looks at it);
- when either side closes, `$disconnect` is invoked (`DISCONNECT` event), after the fact, as in AWS;
- a message from the client matches no route (the template defines none but `$connect`/`$disconnect`) and gets
  API Gateway's answer, `{"message": "Forbidden", ...}`;
- the management API (`POST|GET|DELETE /<stage>/@connections/<id>`, what boto3's `apigatewaymanagementapi`
  calls) is served on a second port: the functions reach it through their `PUSH_ENDPOINT`, which the provisioner
  rewrites from the stage's AWS callback URL to this one. A connection that is gone answers 410 `GoneException`.

The WebSocket side is the `websockets` package (its asyncio server, in a thread with its own event loop); the
management side is a plain threaded HTTP server, which hands frames to the loop.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qsl, unquote, urlsplit

from inetta.local.errors import LocalStackError
from inetta.local.gateway import _lambda_arn

log = logging.getLogger("inetta.local.websocket")

CONNECTIONS_PATH = "/@connections/"


# --- what the template defines ----------------------------------------------------------------------------------


def split_api_resources(api_resources: dict[str, dict[str, Any]],
                        websocket_api_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The template's (resolved) ApiGatewayV2 resources, split into the HTTP API's and the WebSocket API's.

    A WebSocket API's stage, routes and integrations name it in `ApiId`, which the provisioner resolved to
    `websocket_api_id`.
    """
    http, websocket = {}, {}
    for lid, resource in api_resources.items():
        props = resource["Properties"]
        if props.get("ProtocolType") == "WEBSOCKET" or props.get("ApiId") == websocket_api_id:
            websocket[lid] = resource
        else:
            http[lid] = resource
    return http, websocket


@dataclass
class WebSocketRoutes:
    api_id: str
    stage: str
    functions: dict[str, str]  # route key ($connect, $disconnect, ...) -> function logical id


def build_routes(resources: dict[str, dict[str, Any]], resolve_function: Callable[[str], str],
                 api_id: str) -> WebSocketRoutes | None:
    """The WebSocket API of the template's (resolved) resources; None when it has none."""
    apis = [r for r in resources.values() if r["Type"] == "AWS::ApiGatewayV2::Api"]
    if not apis:
        return None
    if len(apis) > 1:
        raise LocalStackError(f"the template defines {len(apis)} WebSocket APIs; the local stack serves one")
    of_type = lambda kind: {lid: r["Properties"] for lid, r in resources.items() if r["Type"] == kind}  # noqa: E731
    integrations = of_type("AWS::ApiGatewayV2::Integration")
    functions = {}
    for props in of_type("AWS::ApiGatewayV2::Route").values():
        key = props["RouteKey"]
        if props.get("AuthorizationType", "NONE") != "NONE":
            raise LocalStackError(f"WebSocket route {key!r}: authorizers are not served locally")
        target = props.get("Target", "")
        integration = integrations.get(target.split("/", 1)[1] if target.startswith("integrations/") else "")
        if integration is None or integration.get("IntegrationType") != "AWS_PROXY":
            raise LocalStackError(f"WebSocket route {key!r}: only Lambda proxy integrations are served locally")
        functions[key] = resolve_function(_lambda_arn(integration["IntegrationUri"]))
    stages = [p.get("StageName") for p in of_type("AWS::ApiGatewayV2::Stage").values()]
    return WebSocketRoutes(api_id=api_id, stage=str(stages[0]) if stages else "$default", functions=functions)


# --- the server -------------------------------------------------------------------------------------------------


@dataclass
class _Connection:
    id: str
    socket: Any  # websockets' ServerConnection
    connected_at: float
    source_ip: str
    headers: dict[str, str] = field(default_factory=dict)
    last_active_at: float = 0.0


class LocalWebSocketApi:
    """Bind first (the ports are the API's endpoints, needed to provision), configure, then serve."""

    def __init__(self, port: int = 0, management_port: int = 0, host: str = "127.0.0.1"):
        self.host = host
        self._socket = socket.create_server((host, port))
        self.port = self._socket.getsockname()[1]
        handler = type("Handler", (_ManagementHandler,), {"api": self})
        try:
            self._management = ThreadingHTTPServer((host, management_port), handler)
        except OSError as exc:
            self._socket.close()
            raise LocalStackError(f"cannot listen on {host}:{management_port}: {exc.strerror}") from exc
        self._management.daemon_threads = True
        self.management_port = self._management.server_address[1]
        self.routes: WebSocketRoutes | None = None
        self.invoke: Callable[..., Any] | None = None
        self.account_id = "123456789012"
        self._connections: dict[str, _Connection] = {}
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """What clients connect to (the stage's URL, as CDK's `WebSocketStage.url`)."""
        stage = self.routes.stage if self.routes else "$default"
        return f"ws://{self.host}:{self.port}" + ("" if stage == "$default" else f"/{stage}")

    @property
    def endpoint(self) -> str:
        return f"ws://{self.host}:{self.port}"

    @property
    def management_url(self) -> str:
        return f"http://{self.host}:{self.management_port}"

    def configure(self, routes: WebSocketRoutes | None, invoke: Callable[..., Any], account_id: str) -> None:
        self.routes, self.invoke, self.account_id = routes, invoke, account_id

    def start(self) -> None:
        ready = threading.Event()
        self._threads = [
            threading.Thread(target=self._run_loop, args=(ready,), name="websocket", daemon=True),
            threading.Thread(target=self._management.serve_forever, name="websocket-management", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        if not ready.wait(10):
            raise LocalStackError("the local WebSocket API did not start")

    def stop(self) -> None:
        if self._loop is not None and self._stopping is not None:
            self._loop.call_soon_threadsafe(self._stopping.set)
        if self._threads:
            self._management.shutdown()
        for thread in self._threads:
            thread.join(5)
        self._threads = []
        self._management.server_close()
        self._socket.close()

    # --- the WebSocket side (runs in the loop's thread) ---------------------------------------------------------

    def _run_loop(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        try:
            self._loop.run_until_complete(self._serve(ready))
        finally:
            self._loop.close()

    async def _serve(self, ready: threading.Event) -> None:
        from websockets.asyncio.server import serve

        self._stopping = asyncio.Event()
        # The handshake waits for $connect's function (a cold worker can take seconds): allow API Gateway's
        # integration timeout, not the library's default of 10 s. API Gateway sends no pings of its own.
        async with serve(self._session, sock=self._socket, process_request=self._connect, open_timeout=35,
                         ping_interval=None, max_size=128 * 1024):
            ready.set()
            await self._stopping.wait()

    async def _connect(self, connection, request):
        """`$connect`: the route's function decides, before the handshake completes."""
        if self.routes is None or self.invoke is None:
            return connection.respond(HTTPStatus.SERVICE_UNAVAILABLE, "The template has no WebSocket API\n")
        split = urlsplit(request.path)
        expected = "/" if self.routes.stage == "$default" else f"/{self.routes.stage}"
        if split.path.rstrip("/") != expected.rstrip("/"):
            return connection.respond(HTTPStatus.FORBIDDEN, "Forbidden\n")
        connection_id = base64.b64encode(secrets.token_bytes(11)).decode().replace("/", "_").replace("+", "-")
        headers = {k.lower(): v for k, v in request.headers.raw_items()}
        source_ip = connection.remote_address[0] if connection.remote_address else "127.0.0.1"
        event = self._event("$connect", "CONNECT", connection_id, source_ip, headers=headers, query=split.query)
        status = await asyncio.to_thread(self._route_status, "$connect", event)
        if not 200 <= status < 300:
            log.info("WebSocket $connect refused (%d)", status)
            refused = HTTPStatus(status) if status in {s.value for s in HTTPStatus} else HTTPStatus.FORBIDDEN
            return connection.respond(refused, f"{refused.phrase}\n")
        now = time.time()
        with self._lock:
            self._connections[connection_id] = _Connection(connection_id, connection, now, source_ip, headers, now)
        connection.inetta_connection_id = connection_id
        return None

    async def _session(self, connection) -> None:
        connection_id = getattr(connection, "inetta_connection_id", None)
        if connection_id is None:
            return
        log.info("WebSocket %s connected", connection_id)
        try:
            async for _ in connection:
                # No route but $connect/$disconnect: what API Gateway answers to a message nothing routes.
                record = self._connections.get(connection_id)
                if record is not None:
                    record.last_active_at = time.time()
                await connection.send(json.dumps({"message": "Forbidden", "connectionId": connection_id,
                                                  "requestId": secrets.token_hex(8)}))
        except Exception:  # noqa: BLE001 - a dropped client ends the session like a close
            pass
        finally:
            with self._lock:
                record = self._connections.pop(connection_id, None)
            if record is not None and "$disconnect" in (self.routes.functions if self.routes else {}):
                event = self._event("$disconnect", "DISCONNECT", connection_id, record.source_ip,
                                    headers=record.headers, query="")
                event["requestContext"]["disconnectStatusCode"] = connection.close_code or 1006
                event["requestContext"]["disconnectReason"] = connection.close_reason or ""
                await asyncio.to_thread(self._route_status, "$disconnect", event)
            log.info("WebSocket %s disconnected", connection_id)

    def _route_status(self, route_key: str, event: dict[str, Any]) -> int:
        """Invoke a route's function; its status as API Gateway reads it (a route without function: 200)."""
        function = self.routes.functions.get(route_key) if self.routes else None
        if function is None or self.invoke is None:
            return 200
        result = self.invoke(function, event, source="websocket")
        if result.error is not None:
            log.error("WebSocket %s: %s failed: %s", route_key, function, result.error.get("errorType"))
            return 500
        try:
            payload = result.json()
        except ValueError:
            return 500
        if isinstance(payload, dict) and "statusCode" in payload:
            try:
                return int(payload["statusCode"])
            except (TypeError, ValueError):
                return 500
        return 200

    def _event(self, route_key: str, event_type: str, connection_id: str, source_ip: str, *,
               headers: dict[str, str], query: str) -> dict[str, Any]:
        now = time.time()
        record = self._connections.get(connection_id)
        context = {
            "routeKey": route_key,
            "eventType": event_type,
            "messageDirection": "IN",
            "extendedRequestId": secrets.token_hex(8),
            "requestId": secrets.token_hex(8),
            "requestTime": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "requestTimeEpoch": int(now * 1000),
            "connectedAt": int((record.connected_at if record else now) * 1000),
            "stage": self.routes.stage if self.routes else "$default",
            "domainName": f"{self.host}:{self.port}",
            "apiId": self.routes.api_id if self.routes else "",
            "connectionId": connection_id,
            "identity": {"sourceIp": source_ip, "userAgent": headers.get("user-agent", "")},
        }
        event: dict[str, Any] = {"requestContext": context, "isBase64Encoded": False}
        if headers:
            event["headers"] = dict(headers)
            event["multiValueHeaders"] = {k: [v] for k, v in headers.items()}
        pairs = parse_qsl(query, keep_blank_values=True)
        if pairs:
            event["queryStringParameters"] = {k: v for k, v in pairs}
            multi: dict[str, list[str]] = {}
            for k, v in pairs:
                multi.setdefault(k, []).append(v)
            event["multiValueQueryStringParameters"] = multi
        return event

    # --- the management API (runs in the management server's threads) -----------------------------------------

    def post(self, connection_id: str, data: bytes) -> bool:
        """Send one frame to a connection; False if it is gone."""
        record = self._connections.get(connection_id)
        if record is None or self._loop is None:
            return False
        try:
            text = data.decode("utf-8")
            message: str | bytes = text
        except UnicodeDecodeError:
            message = data
        future = asyncio.run_coroutine_threadsafe(record.socket.send(message), self._loop)
        try:
            future.result(5)
        except Exception:  # noqa: BLE001 - closed meanwhile: gone, as API Gateway would say
            return False
        return True

    def close_connection(self, connection_id: str) -> bool:
        record = self._connections.get(connection_id)
        if record is None or self._loop is None:
            return False
        asyncio.run_coroutine_threadsafe(record.socket.close(), self._loop)
        return True

    def describe(self, connection_id: str) -> dict[str, Any] | None:
        record = self._connections.get(connection_id)
        if record is None:
            return None
        iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))  # noqa: E731
        return {"connectedAt": iso(record.connected_at), "lastActiveAt": iso(record.last_active_at),
                "identity": {"sourceIp": record.source_ip, "userAgent": record.headers.get("user-agent", "")}}


class _ManagementHandler(BaseHTTPRequestHandler):
    """`@connections` of the stage (what botocore's apigatewaymanagementapi client calls; signatures unchecked)."""

    api: LocalWebSocketApi
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def _connection_id(self) -> str | None:
        path = urlsplit(self.path).path
        at = path.find(CONNECTIONS_PATH)
        return unquote(path[at + len(CONNECTIONS_PATH):]) if at >= 0 else None

    def _answer(self, status: int, document: Any = None, error_type: str | None = None) -> None:
        body = b"" if document is None else json.dumps(document).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        if error_type:
            self.send_header("x-amzn-errortype", error_type)
        self.end_headers()
        self.wfile.write(body)

    def _gone(self) -> None:
        self._answer(410, {"message": None}, "GoneException")

    def do_POST(self) -> None:
        data = self.rfile.read(int(self.headers.get("content-length") or 0))
        connection_id = self._connection_id()
        if connection_id is None:
            return self._answer(404, {"message": "Not Found"})
        if len(data) > 128 * 1024:
            return self._answer(413, {"message": "Payload too large"}, "PayloadTooLargeException")
        self._answer(200) if self.api.post(connection_id, data) else self._gone()

    def do_DELETE(self) -> None:
        connection_id = self._connection_id()
        if connection_id is None:
            return self._answer(404, {"message": "Not Found"})
        self._answer(204) if self.api.close_connection(connection_id) else self._gone()

    def do_GET(self) -> None:
        connection_id = self._connection_id()
        described = self.api.describe(connection_id) if connection_id else None
        self._answer(200, described) if described is not None else self._gone()

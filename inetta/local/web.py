"""What the local gateway serves besides the API: the web client (`web/`) and the OpenAPI document.

    GET /               -> 302 to /app/
    GET /app/...        -> the static files under web/ (index.html for /app/)
    GET /app/config.json -> the web client's runtime config for this stack (in AWS, the CDK app writes it)
    GET /openapi.json   -> the OpenAPI document generated from the handlers now (servers: this API)

The document is generated in a child process (so the gateway never imports handler code) and cached until a file
under services/ or shared/ changes; if generation fails, the committed docs/openapi.json is served instead.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger("inetta.local.web")

Reply = tuple[int, list[tuple[str, str]], bytes]


class LocalWeb:
    def __init__(self, code_root: str | Path, config: Callable[[], dict[str, Any]], api_url: Callable[[], str]):
        self.root = Path(code_root)
        self.web_root = (self.root / "web").resolve()
        self._config = config
        self._api_url = api_url
        self._lock = threading.Lock()
        self._openapi: tuple[Any, bytes] | None = None  # (code snapshot, document)

    def __call__(self, method: str, raw_path: str) -> Reply | None:
        """A reply for the paths served here; None for everything else (the API's routes)."""
        if method not in ("GET", "HEAD"):
            return None
        if raw_path == "/":
            return 302, [("location", "/app/"), ("content-type", "text/plain")], b"see /app/\n"
        if raw_path == "/openapi.json":
            return 200, [("content-type", "application/json"), ("cache-control", "no-cache")], self.openapi()
        if raw_path == "/app":
            return 302, [("location", "/app/"), ("content-type", "text/plain")], b"see /app/\n"
        if raw_path == "/app/config.json":
            body = json.dumps(self._config(), indent=2).encode()
            return 200, [("content-type", "application/json"), ("cache-control", "no-cache")], body
        if raw_path.startswith("/app/"):
            return self._static(raw_path[len("/app/"):] or "index.html")
        return None

    def _static(self, relative: str) -> Reply:
        target = (self.web_root / relative).resolve()
        if self.web_root not in target.parents or not target.is_file():
            return 404, [("content-type", "text/plain")], b"Not Found\n"
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
            content_type += "; charset=utf-8"
        headers = [
            ("content-type", content_type),
            ("cache-control", "no-cache"),
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "no-referrer"),
        ]
        if target.suffix == ".html":
            headers += [
                ("content-security-policy", CONTENT_SECURITY_POLICY),
                ("x-frame-options", "DENY"),
            ]
        return 200, headers, target.read_bytes()

    def openapi(self) -> bytes:
        snapshot = self._snapshot()
        with self._lock:
            if self._openapi is None or self._openapi[0] != snapshot:
                self._openapi = (snapshot, self._generate())
            return self._openapi[1]

    def _snapshot(self) -> tuple:
        files = [p for d in ("services", "shared") for p in (self.root / d).rglob("*.py")]
        return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in files if p.exists()))

    def _generate(self) -> bytes:
        try:
            done = subprocess.run([sys.executable, "-m", "inetta.openapi"], cwd=self.root, capture_output=True,
                                  timeout=120, check=True)
            document = json.loads(done.stdout)
        except (subprocess.SubprocessError, ValueError) as exc:
            stderr = getattr(exc, "stderr", b"") or b""
            log.error("cannot generate the OpenAPI document (%s); serving docs/openapi.json\n%s", exc,
                      stderr.decode(errors="replace")[-2000:])
            document = json.loads((self.root / "docs" / "openapi.json").read_text())
        document["servers"] = [{"url": self._api_url(), "description": "this local stack"}]
        return json.dumps(document, indent=2).encode()


# The web client loads only its own files and talks to the API (same origin locally; `connect-src` allows any
# https API and Cognito in AWS, where CloudFront sets its own policy) and to the WebSocket API (locally on another
# port of this host, in AWS over wss).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' https: wss: ws://127.0.0.1:*; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)

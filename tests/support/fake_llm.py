"""An OpenAI-compatible chat-completions server on loopback, for tests.

It answers like a real provider would (normal replies, usage figures), can be told to misbehave (hang past the
client's timeout, answer 5xx or 429, send garbage), and records every prompt it receives, so tests can assert
what reached the model.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeLLM:
    def __init__(self, reply_text: str = "I hear you. What feels most important to you right now?"):
        self.reply_text = reply_text
        self.mode = "ok"  # ok | slow | error500 | rate_limited | garbage
        self.slow_seconds = 5.0
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> "FakeLLM":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "FakeLLM":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def prompts(self) -> list[str]:
        """Every message text of every request received, flattened."""
        with self._lock:
            return [message.get("content", "") for request in self.requests for message in request.get("messages", [])]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                request = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.requests.append(request)
                mode = fake.mode
                if not self.path.endswith("/chat/completions"):
                    return self._send(404, b'{"error": {"message": "not found"}}')
                if mode == "slow":
                    time.sleep(fake.slow_seconds)
                    return self._send(200, self._completion(request))
                if mode == "error500":
                    return self._send(500, b'{"error": {"message": "internal error", "type": "server_error"}}')
                if mode == "rate_limited":
                    return self._send(429, b'{"error": {"message": "rate limited", "type": "rate_limit"}}')
                if mode == "garbage":
                    return self._send(200, b"<html>definitely not json", "text/html")
                return self._send(200, self._completion(request))

            def _completion(self, request: dict) -> bytes:
                prompt_chars = sum(len(m.get("content", "")) for m in request.get("messages", []))
                return json.dumps(
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": request.get("model", "fake-model"),
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": fake.reply_text},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {
                            "prompt_tokens": prompt_chars // 4,
                            "completion_tokens": len(fake.reply_text) // 4,
                            "total_tokens": prompt_chars // 4 + len(fake.reply_text) // 4,
                        },
                    }
                ).encode()

        return Handler

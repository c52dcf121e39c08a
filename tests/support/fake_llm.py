"""An OpenAI-compatible chat-completions server on loopback, for tests.

It answers like a real provider would (normal replies, usage figures), can be told to misbehave (hang past the
client's timeout, answer 5xx or 429, send garbage), and records every prompt it receives, so tests can assert
what reached the model.

`/moderations` answers like OpenAI's moderation endpoint: a text is flagged in the categories that
`moderation_flags` names for any phrase it contains (phrase -> categories), and in none otherwise. The modes that
misbehave apply to it too.

A request with `"stream": true` is answered as OpenAI streams: server-sent events, one `chat.completion.chunk` per
word of the reply (`stream_delay` seconds apart, so a client can watch the reply grow), a last chunk with the
usage figures when `stream_options.include_usage` is set, then `data: [DONE]`. Mode `stream_breaks` sends the
first words and then drops the connection.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


MODERATION_CATEGORIES = (
    "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent", "self-harm",
    "self-harm/instructions", "self-harm/intent", "sexual", "sexual/minors", "violence", "violence/graphic",
)


class FakeLLM:
    def __init__(self, reply_text: str = "I hear you. What feels most important to you right now?"):
        self.reply_text = reply_text
        self.mode = "ok"  # ok | slow | error500 | rate_limited | garbage
        self.slow_seconds = 5.0
        self.stream_delay = 0.05
        self.requests: list[dict] = []
        self.moderation_flags: dict[str, list[str]] = {}
        self.moderation_requests: list[dict] = []
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

    def stream_pieces(self) -> list[str]:
        """The reply as it is streamed: word by word, each with the space after it (they concatenate exactly)."""
        import re

        return re.findall(r"\S+\s*", self.reply_text)

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
                moderation = self.path.endswith("/moderations")
                with fake._lock:
                    (fake.moderation_requests if moderation else fake.requests).append(request)
                mode = fake.mode
                if not moderation and not self.path.endswith("/chat/completions"):
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
                if moderation:
                    return self._send(200, self._moderation(request))
                if request.get("stream"):
                    return self._stream(request, breaks=mode == "stream_breaks")
                return self._send(200, self._completion(request))

            def _stream(self, request: dict, breaks: bool) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()  # HTTP/1.0: the body ends when the connection closes
                words = fake.stream_pieces()
                model = request.get("model", "fake-model")

                def event(choices: list, usage: dict | None = None) -> bytes:
                    chunk = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": int(time.time()),
                             "model": model, "choices": choices}
                    if usage is not None:
                        chunk["usage"] = usage
                    return f"data: {json.dumps(chunk)}\n\n".encode()

                try:
                    self.wfile.write(event([{"index": 0, "delta": {"role": "assistant", "content": ""}}]))
                    for number, word in enumerate(words):
                        if breaks and number == 2:
                            self.wfile.flush()
                            self.connection.shutdown(2)  # the provider drops the connection mid-reply
                            return
                        self.wfile.write(event([{"index": 0, "delta": {"content": word}, "finish_reason": None}]))
                        self.wfile.flush()
                        time.sleep(fake.stream_delay)
                    self.wfile.write(event([{"index": 0, "delta": {}, "finish_reason": "stop"}]))
                    if (request.get("stream_options") or {}).get("include_usage"):
                        prompt_chars = sum(len(m.get("content", "")) for m in request.get("messages", []))
                        self.wfile.write(event([], {"prompt_tokens": prompt_chars // 4,
                                                    "completion_tokens": len(fake.reply_text) // 4,
                                                    "total_tokens": (prompt_chars + len(fake.reply_text)) // 4}))
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _moderation(self, request: dict) -> bytes:
                texts = request.get("input")
                results = []
                for text in texts if isinstance(texts, list) else [texts]:
                    flagged = {c for phrase, cs in fake.moderation_flags.items() if phrase in str(text) for c in cs}
                    categories = {c: c in flagged for c in MODERATION_CATEGORIES}
                    results.append({"flagged": bool(flagged), "categories": categories,
                                    "category_scores": {c: 0.9 if v else 0.01 for c, v in categories.items()},
                                    "category_applied_input_types": {c: ["text"] for c in MODERATION_CATEGORIES}})
                return json.dumps({"id": "modr-test", "model": request.get("model", "fake-moderation"),
                                   "results": results}).encode()

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

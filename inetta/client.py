"""`inetta chat`: talk to a running local stack as the demo member, the way a client app does.

Signs in through the local token route, finds the member's private thread, sends the message with an
Idempotency-Key, and prints the coach's reply.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
import uuid

from inetta.local.dev import DEMO_PASSWORD, DEMO_USERNAME


class ApiProblem(Exception):
    pass


def _call(method: str, url: str, body: dict | None = None, headers: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise ApiProblem(f"{method} {url} answered {error.code}: {error.read().decode(errors='replace')}") from error
    except urllib.error.URLError as error:
        raise ApiProblem(f"Nothing answers at {url} ({error.reason}). Is `make dev` running?") from error


def chat(text: str, api_url: str | None = None, username: str | None = None, password: str | None = None) -> int:
    api = (api_url or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}").rstrip("/")
    try:
        tokens = _call(
            "POST",
            f"{api}/_local/token",
            {"username": username or DEMO_USERNAME, "password": password or os.environ.get("INETTA_DEMO_PASSWORD", DEMO_PASSWORD)},
        )
        auth = {"Authorization": f"Bearer {tokens['access_token']}"}
        thread = _call("GET", f"{api}/threads", headers=auth)["threads"][0]
        turn = _call(
            "POST",
            f"{api}/threads/{thread['id']}/messages",
            {"text": text},
            headers={**auth, "Idempotency-Key": uuid.uuid4().hex},
        )
    except ApiProblem as problem:
        print(problem)
        return 1
    reply = turn["reply"]
    print(reply["text"])
    if reply.get("note"):
        print(f"\n({reply['note']})")
    return 0

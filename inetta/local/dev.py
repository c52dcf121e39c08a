"""`inetta dev`: the whole product on this machine, in the foreground, until Ctrl-C.

Needs no AWS account (fake credentials; everything is moto) and no LLM key (the functions use the offline coach
unless LLM_BASE_URL / LLM_API_KEY / LLM_MODEL are set in this shell, which are passed to them).

Environment: PORT (API port, default 8000), INETTA_MOTO_PORT (default: any free port), INETTA_TICK_SECONDS (fire
schedules this often instead of at their cadence), INETTA_DEMO_PASSWORD, INETTA_LOG_LEVEL.

Edits under services/ and shared/ take effect on the next request (the functions' workers restart); edits to the
CDK app need a restart of `inetta dev`.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path

from inetta.local.errors import LocalStackError

log = logging.getLogger("inetta.local.dev")

DEMO_USERNAME = "demo@inetta.local"
DEMO_PASSWORD = "Inetta-demo-pass-1!"


def run_dev(port: int | None = None, moto_port: int | None = None) -> int:
    logging.basicConfig(
        level=os.environ.get("INETTA_LOG_LEVEL", "INFO"),
        format="%(asctime)s %(name)s %(message)s",
        datefmt="%H:%M:%S",
    )
    from inetta.local.stack import LocalStack

    port = int(os.environ.get("PORT", "8000")) if port is None else port
    moto_port = int(os.environ.get("INETTA_MOTO_PORT", "0")) if moto_port is None else moto_port
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        stack = LocalStack(api_port=port, moto_port=moto_port, inherit_llm_env=True).start()
    except LocalStackError as exc:
        log.error("%s", exc)
        return 1
    try:
        _print_banner(stack)
        watcher = threading.Thread(target=_watch_code, args=(stack, stop), name="code-watch", daemon=True)
        watcher.start()
        stop.wait()
        print("\nStopping the local stack...", flush=True)
    finally:
        stack.close()
    return 0


def _print_banner(stack) -> None:
    password = os.environ.get("INETTA_DEMO_PASSWORD", DEMO_PASSWORD)
    lines = [
        "",
        "Inetta is running locally (no AWS account; moto plays AWS).",
        f"  API        {stack.api_url}      (GET /health; POST /_local/tick fires the schedules now)",
        f"  WebSocket  {stack.websocket_url}   (real-time push: connect with ?token=<access token>)",
        f"  moto       {stack.moto_url}      (AWS_ENDPOINT_URL for the aws CLI or boto3, any fake credentials)",
    ]
    try:
        tokens = stack.sign_up(DEMO_USERNAME, password, DEMO_USERNAME)
    except LocalStackError as exc:
        lines.append(f"  (no demo member: {exc})")
    else:
        llm = os.environ.get("LLM_BASE_URL") or ("OpenAI" if os.environ.get("LLM_API_KEY") else None)
        lines += [
            f"  member     {tokens['username']} / {password}",
            f"  pool       {stack.user_pool_id}, app client {stack.user_pool_client_id}",
            f"  coach      {'LLM at ' + llm if llm else 'offline coach (set LLM_BASE_URL / LLM_API_KEY for a model)'}",
            "",
            "Try it (the demo member's access token, valid for an hour):",
            f'  curl -s -H "Authorization: Bearer {tokens["access_token"]}" {stack.api_url}/threads',
            "A fresh token:",
            f"  curl -s -X POST {stack.api_url}/_local/token "
            f"""-d '{{"username": "{tokens['username']}", "password": "{password}"}}'""",
        ]
        lines += _demo_family(stack, password)
    lines += [
        "",
        f"Web client   {stack.api_url}/app/   (sign in as any member above)",
        f"OpenAPI      {stack.api_url}/openapi.json   (committed copy: docs/openapi.json)",
        "On-call      crisis incidents (list, show <member> <incident>, close ... --by --note):",
        f"  AWS_ENDPOINT_URL={stack.moto_url} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing "
        f"AWS_DEFAULT_REGION={stack.region} .venv/bin/inetta incidents --table {stack.outputs['TableName']} list",
    ]
    lines += ["", "Ctrl-C stops everything.", ""]
    print("\n".join(lines), flush=True)


def _demo_family(stack, password: str) -> list[str]:
    """Seed the demo family (inetta/local/demo.py) through the HTTP API; its banner lines."""
    from inetta.local.demo import seed_demo_family

    print("Seeding the demo family through the API (half a minute)...", flush=True)
    try:
        family = seed_demo_family(stack.api_url, stack.sign_up, password)
    except Exception as exc:  # noqa: BLE001 - the stack stays usable without the demo family
        log.exception("seeding the demo family failed")
        return ["", f"  (no demo family: {exc})"]
    return family.banner_lines()


def _watch_code(stack, stop: threading.Event) -> None:
    """Restart the functions' workers when their code changes (the next request imports it afresh)."""
    root = Path(stack.code_root)
    watched = [root / "services", root / "shared"]

    def snapshot() -> dict[Path, float]:
        return {p: p.stat().st_mtime for d in watched if d.exists() for p in d.rglob("*.py")}

    seen = snapshot()
    while not stop.wait(1.0):
        current = snapshot()
        if current != seen:
            changed = sorted(str(p.relative_to(root)) for p in set(current) ^ set(seen) |
                             {p for p in current if p in seen and current[p] != seen[p]})
            log.info("code changed (%s): functions restart on their next invocation", ", ".join(changed[:3]))
            stack.restart_functions()
            seen = current

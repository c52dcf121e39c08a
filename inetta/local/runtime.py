"""The local Lambda runtime: every function runs in worker processes of its own, like Lambda containers.

Why processes and not threads: each function has its own environment (`os.environ` is process-wide), its own
module cache (sibling modules with the same name across services must not collide) and its own cold start. A
worker is a fresh interpreter (not a fork: no state leaks from this process; see worker.py) started when an
invocation finds no idle one, up to a bound per function; it loads the handler once and then serves invocations
one at a time, as Lambda does.

Everything that invokes a function locally comes through `LocalRuntime.invoke`: the HTTP gateway, moto's Lambda
API (boto3 `invoke`, Step Functions tasks, SNS), the schedule ticker and the stream pollers. Each invocation is
recorded (`invocations()`), which is how tests prove that a handler did or did not run.
"""

from __future__ import annotations

import collections
import json
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Iterable, Mapping

from inetta.local import faults
from inetta.local.errors import LocalStackError
from inetta.local.template import match_logical_id

log = logging.getLogger("inetta.local.runtime")

# A cold start on a busy two-core machine (Python start, Powertools, boto3, pydantic) can take seconds; Lambda's
# own 10 s init limit would make the local stack flaky for no benefit.
INIT_TIMEOUT_SECONDS = 60.0
DEFAULT_MAX_WORKERS = int(os.environ.get("INETTA_LOCAL_MAX_WORKERS", "4"))
_INETTA_PARENT = str(Path(__file__).resolve().parents[2])

# Variables of this process that a worker keeps: what Python and TLS need to run, nothing that identifies the
# developer (no AWS_PROFILE, no real credentials: a local function must never reach a real account).
_PASSTHROUGH = re.compile(
    r"^(PATH|HOME|USER|LOGNAME|LANG|LC_\w+|TMPDIR|TEMP|TMP|PYTHONPATH|PYTHONHASHSEED|PYTHONUTF8|PYTHONDONTWRITEBYTECODE"
    r"|VIRTUAL_ENV|SSL_CERT_FILE|SSL_CERT_DIR|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|NO_PROXY|no_proxy|SYSTEMROOT)$"
)


@dataclass(frozen=True)
class FunctionSpec:
    """One function as provisioned in moto (names, ARN and environment are moto's, resolved from the template)."""

    logical_id: str
    name: str
    arn: str
    handler: str
    environment: Mapping[str, str]
    timeout_seconds: float = 3.0
    memory_mb: int = 128
    runtime: str = "python3.12"


@dataclass
class InvocationResult:
    request_id: str
    payload: bytes
    error: dict[str, Any] | None = None
    duration_ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    def json(self) -> Any:
        return json.loads(self.payload) if self.payload else None


@dataclass
class Invocation:
    """What the invocation log keeps about one invocation."""

    function: str  # logical id
    request_id: str
    source: str  # gateway | lambda-api | tick | stream | sqs | direct ...
    event: Any
    started_at: float
    duration_ms: float = 0.0
    error_type: str | None = None
    done: bool = False


class _WorkerDied(Exception):
    pass


class _WorkerTimedOut(Exception):
    pass


class _Worker:
    """The parent's handle on one worker process (`python -m inetta.local.worker`)."""

    def __init__(self, spec: FunctionSpec, environment: dict[str, str], code_root: str, generation: int):
        self.spec = spec
        self.generation = generation
        parent_socket, child_socket = socket.socketpair()
        environment = dict(environment)
        # The code root first (handlers are dotted paths from it), then wherever inetta itself is installed.
        environment["PYTHONPATH"] = os.pathsep.join(
            p for p in (code_root, _INETTA_PARENT, environment.get("PYTHONPATH")) if p
        )
        environment["PYTHONUNBUFFERED"] = "1"  # a function's logs appear as they are written, as in CloudWatch
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "inetta.local.worker", str(child_socket.fileno()), spec.handler],
                env=environment,
                cwd=code_root,
                pass_fds=(child_socket.fileno(),),
                stdin=subprocess.DEVNULL,
            )
        finally:
            child_socket.close()
        self.conn = Connection(parent_socket.detach())
        self.pid = self.process.pid
        try:
            reply = self._receive(INIT_TIMEOUT_SECONDS)
        except BaseException:
            self.stop(graceful=False)
            raise
        if reply[0] != "ready":
            self.stop(graceful=False)
            raise _WorkerDied(f"unexpected first message {reply[0]!r}")
        _, _, self.init_error = reply
        if self.init_error:
            log.warning("%s: init failed: %s", spec.logical_id, self.init_error.get("errorMessage"))

    def _receive(self, timeout: float):
        try:
            if not self.conn.poll(timeout):
                raise _WorkerTimedOut()
            return self.conn.recv()
        except (EOFError, OSError) as exc:
            raise _WorkerDied(str(exc)) from exc

    def call(self, message: tuple, timeout: float):
        try:
            self.conn.send(message)
        except (BrokenPipeError, OSError) as exc:
            raise _WorkerDied(str(exc)) from exc
        return self._receive(timeout)

    def stop(self, graceful: bool = True) -> None:
        if graceful and self.process.poll() is None:
            try:
                self.conn.send(("stop",))
                self.process.wait(2)
            except (BrokenPipeError, OSError, subprocess.TimeoutExpired):
                pass
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(2)
        self.conn.close()


class _FunctionPool:
    """Idle and busy workers of one function, bounded; a generation number retires workers with an old env."""

    def __init__(self, runtime: "LocalRuntime", spec: FunctionSpec):
        self.runtime = runtime
        self.spec = spec
        self.overrides: dict[str, str | None] = {}
        self.generation = 0
        self.idle: list[_Worker] = []
        self.live: set[_Worker] = set()
        self.starting = 0
        self.warming = 0  # of which prewarm starts, whose worker will be idle when ready
        self.waiting_for_start = 0
        self.closed = False
        self.cond = threading.Condition()

    def acquire(self, wait_seconds: float) -> _Worker:
        deadline = time.monotonic() + wait_seconds
        while True:
            with self.cond:
                while True:
                    if self.closed:
                        raise LocalStackError("the local runtime is closed")
                    if self.idle:
                        return self.idle.pop()
                    if self.warming > self.waiting_for_start:
                        # A prewarm is starting a worker and nobody else waits for it: it will be ready sooner
                        # than a new one.
                        self.waiting_for_start += 1
                        self.cond.wait(max(deadline - time.monotonic(), 0.01))
                        self.waiting_for_start -= 1
                        if time.monotonic() >= deadline:
                            raise _Throttled()
                        continue
                    if len(self.live) + self.starting < self.runtime.max_workers:
                        self.starting += 1
                        generation = self.generation
                        environment = self.runtime.environment_for(self.spec, self.overrides)
                        break
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise _Throttled()
                    self.cond.wait(remaining)
            worker = self._start(generation, environment, into_idle=False)
            if worker is not None:
                return worker

    def warm(self) -> None:
        """Start a worker and leave it idle (prewarm), unless one is already there."""
        with self.cond:
            if self.closed or self.idle or self.starting or len(self.live) >= self.runtime.max_workers:
                return
            self.starting += 1
            self.warming += 1
            generation = self.generation
            environment = self.runtime.environment_for(self.spec, self.overrides)
        self._start(generation, environment, into_idle=True)

    def _start(self, generation: int, environment: dict[str, str], into_idle: bool) -> _Worker | None:
        # Starting takes a while: never hold the lock meanwhile, other invocations may find a free worker.
        try:
            worker = _Worker(self.spec, environment, self.runtime.code_root, generation)
        except BaseException:
            with self.cond:
                self.starting -= 1
                self.warming -= 1 if into_idle else 0
                self.cond.notify_all()
            raise
        with self.cond:
            self.starting -= 1
            self.warming -= 1 if into_idle else 0
            current = worker.generation == self.generation and not self.closed
            if current:
                self.live.add(worker)
                if into_idle:
                    self.idle.append(worker)
            self.cond.notify_all()
        if not current:
            worker.stop()  # the environment changed while it started: the caller starts again
            return None
        return None if into_idle else worker

    def release(self, worker: _Worker, healthy: bool) -> None:
        with self.cond:
            keep = healthy and worker.generation == self.generation and not self.closed
            if keep:
                self.idle.append(worker)
            else:
                self.live.discard(worker)
            self.cond.notify()
        if not keep:
            worker.stop(graceful=healthy)

    def restart(self, overrides: Mapping[str, str | None] | None = None, replace: bool = False) -> None:
        """Apply new overrides: idle workers stop now, busy ones when they finish; new ones get the new env."""
        with self.cond:
            if replace:
                self.overrides = {}
            for key, value in (overrides or {}).items():
                self.overrides[key] = None if value is None else str(value)
            self.generation += 1
            retired, self.idle = self.idle, []
            self.live.difference_update(retired)
        for worker in retired:
            worker.stop()

    def close(self) -> None:
        with self.cond:
            self.closed = True
            workers = list(self.live)
            self.live.clear()
            self.idle.clear()
            self.cond.notify_all()
        for worker in workers:
            worker.stop()


class _Throttled(Exception):
    pass


class LocalRuntime:
    """Runs the template's functions from the source checkout, each in processes of its own."""

    def __init__(
        self,
        *,
        code_root: str,
        region: str,
        account_id: str,
        moto_url: str,
        local_env: Mapping[str, str | None] | None = None,
        max_workers: int = DEFAULT_MAX_WORKERS,
        log_size: int = 5000,
    ):
        self.code_root = code_root
        self.region = region
        self.account_id = account_id
        self.moto_url = moto_url
        self.local_env = dict(local_env or {})
        self.max_workers = max(1, max_workers)
        self._pools: dict[str, _FunctionPool] = {}  # by logical id
        self._by_name: dict[str, str] = {}  # physical name and ARN -> logical id
        self._log: collections.deque[Invocation] = collections.deque(maxlen=log_size)
        self._log_lock = threading.Lock()
        self._closed = False

    # --- functions ----------------------------------------------------------------------------------------------

    def register(self, spec: FunctionSpec) -> None:
        self._pools[spec.logical_id] = _FunctionPool(self, spec)
        self._by_name[spec.name] = spec.logical_id
        self._by_name[spec.arn] = spec.logical_id

    @property
    def functions(self) -> dict[str, FunctionSpec]:
        return {logical_id: pool.spec for logical_id, pool in self._pools.items()}

    def resolve(self, function: str) -> str:
        """Logical id of a function given its logical id, logical-id prefix (`ChatFunction`), name or ARN."""
        if function in self._pools:
            return function
        name = function
        if function.startswith("arn:"):
            parts = function.split(":")
            name = parts[6] if len(parts) > 6 else function  # drop a version/alias qualifier
        if name in self._by_name:
            return self._by_name[name]
        try:
            return match_logical_id(function, self._pools)
        except LocalStackError as exc:
            raise LocalStackError(f"{exc} (functions: {', '.join(sorted(self._pools))})") from None

    def spec(self, function: str) -> FunctionSpec:
        return self._pools[self.resolve(function)].spec

    def environment_for(self, spec: FunctionSpec, overrides: Mapping[str, str | None]) -> dict[str, str]:
        """A worker's environment, in layers: runtime basics < template < local stack < per-function overrides."""
        env = {key: value for key, value in os.environ.items() if _PASSTHROUGH.match(key)}
        env.update(
            {
                # What the Lambda service sets in every container.
                "AWS_REGION": self.region,
                "AWS_DEFAULT_REGION": self.region,
                "AWS_LAMBDA_FUNCTION_NAME": spec.name,
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(spec.memory_mb),
                "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
                "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{spec.name}",
                "AWS_LAMBDA_LOG_STREAM_NAME": "local",
                "AWS_EXECUTION_ENV": f"AWS_Lambda_{spec.runtime}",
                "_HANDLER": spec.handler,
                "TZ": "UTC",
            }
        )
        env.update(spec.environment)
        env.update(
            {
                # Plain boto3 calls in handlers reach moto; fake credentials, so nothing can reach a real account.
                "AWS_ENDPOINT_URL": self.moto_url,
                "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_SESSION_TOKEN": "testing",
                # Without it botocore calls account-based DynamoDB endpoints that moto doesn't route (streams break).
                "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
                # No X-Ray daemon here; Powertools Tracer becomes a no-op instead of logging errors.
                "POWERTOOLS_TRACE_DISABLED": "true",
                "INETTA_LOCAL": "1",
                # The SDK sends `app/<logical id>` in its User-Agent: local fault switches can tell callers apart.
                "AWS_SDK_UA_APP_ID": spec.logical_id[:50],
            }
        )
        for layer in (self.local_env, overrides):
            for key, value in layer.items():
                if value is None:
                    env.pop(key, None)
                else:
                    env[key] = str(value)
        return env

    def set_function_env(self, overrides: Mapping[str, str | None], functions: Iterable[str] | None = None,
                         replace: bool = False) -> None:
        """Override environment variables (a None value unsets the variable) for all or some functions, whose
        workers restart. `replace` drops the overrides set before instead of adding to them."""
        targets = [self.resolve(f) for f in functions] if functions else list(self._pools)
        for logical_id in targets:
            self._pools[logical_id].restart(overrides, replace)

    def function_overrides(self, function: str) -> dict[str, str | None]:
        return dict(self._pools[self.resolve(function)].overrides)

    def restart(self, functions: Iterable[str] | None = None) -> None:
        """Fresh workers (e.g. after a code change): the next invocation cold-starts."""
        targets = [self.resolve(f) for f in functions] if functions else list(self._pools)
        for logical_id in targets:
            self._pools[logical_id].restart()

    def prewarm(self, functions: Iterable[str] | None = None) -> list[threading.Thread]:
        """Start one worker per function in the background, so the first request doesn't pay the cold start."""
        threads = []
        for logical_id in [self.resolve(f) for f in functions] if functions else list(self._pools):
            pool = self._pools[logical_id]

            def warm(pool=pool):
                try:
                    pool.warm()
                except Exception as exc:  # a broken handler shows up on its first invocation anyway
                    log.debug("prewarm of %s failed: %s", pool.spec.logical_id, exc)

            thread = threading.Thread(target=warm, name=f"prewarm:{logical_id}", daemon=True)
            thread.start()
            threads.append(thread)
        return threads

    # --- invoking -----------------------------------------------------------------------------------------------

    def invoke(
        self,
        function: str,
        payload: bytes | str | Any = b"",
        *,
        source: str = "direct",
        qualifier: str | None = None,
        request_id: str | None = None,
    ) -> InvocationResult:
        """Invoke synchronously. Handler errors, timeouts and crashes come back as `result.error`, never raised."""
        pool = self._pools[self.resolve(function)]
        spec = pool.spec
        if isinstance(payload, str):
            payload = payload.encode()
        elif not isinstance(payload, (bytes, bytearray)):
            payload = json.dumps(payload).encode()
        request_id = request_id or str(uuid.uuid4())
        record = Invocation(spec.logical_id, request_id, source, _loggable(payload), time.time())
        with self._log_lock:
            self._log.append(record)
        started = time.monotonic()
        error = faults.lambda_fault(spec.logical_id, payload)  # a fault switch the hardening tests arm
        if error is None:
            try:
                worker = pool.acquire(spec.timeout_seconds + 30)
            except _Throttled:
                error = {"errorType": "TooManyRequestsException", "errorMessage": "Rate Exceeded."}
        body = b""
        if error is None:
            healthy = False
            try:
                body, error, healthy = self._run(worker, spec, payload, request_id, qualifier)
            finally:
                pool.release(worker, healthy)
        duration_ms = (time.monotonic() - started) * 1000
        record.duration_ms, record.done = duration_ms, True
        if error is not None:
            record.error_type = error.get("errorType")
            body = json.dumps(error).encode()
            log.info("λ %s %s %.0f ms ERROR %s: %s", spec.logical_id, source, duration_ms,
                     error.get("errorType"), error.get("errorMessage"))
        else:
            log.info("λ %s %s %.0f ms", spec.logical_id, source, duration_ms)
        return InvocationResult(request_id, body, error, duration_ms)

    def _run(self, worker: _Worker, spec: FunctionSpec, payload: bytes, request_id: str, qualifier: str | None):
        fields = {
            "function_name": spec.name,
            "invoked_function_arn": f"{spec.arn}:{qualifier}" if qualifier else spec.arn,
            "memory_limit_in_mb": spec.memory_mb,
            "aws_request_id": request_id,
            "log_group_name": f"/aws/lambda/{spec.name}",
            "deadline_ms": int((time.time() + spec.timeout_seconds) * 1000),
        }
        try:
            kind, body = worker.call(("invoke", request_id, bytes(payload), fields), spec.timeout_seconds + 1)
        except _WorkerTimedOut:
            # Lambda stops the container at the timeout; so do we, and the next invocation cold-starts.
            return b"", {
                "errorType": "Sandbox.Timedout",
                "errorMessage": f"RequestId: {request_id} Error: Task timed out after "
                                f"{spec.timeout_seconds:.2f} seconds",
            }, False
        except _WorkerDied:
            return b"", {
                "errorType": "Runtime.ExitError",
                "errorMessage": f"RequestId: {request_id} Error: Runtime exited without providing a reason",
            }, False
        if kind == "ok":
            return body, None, True
        return b"", body, True

    def invoke_async(self, function: str, payload: bytes | str | Any = b"", *,
                     source: str = "event") -> threading.Thread:
        """`InvocationType=Event`: run in a thread and return at once (errors are logged, as Lambda would)."""
        thread = threading.Thread(
            target=self.invoke, args=(function, payload), kwargs={"source": source}, name=f"event:{function}",
            daemon=True,
        )
        thread.start()
        return thread

    def worker_environ(self, function: str) -> dict[str, str]:
        """The environment a worker of this function actually has (for diagnostics and tests)."""
        pool = self._pools[self.resolve(function)]
        worker = pool.acquire(INIT_TIMEOUT_SECONDS)
        try:
            kind, environ = worker.call(("environ",), 10)
        except (_WorkerDied, _WorkerTimedOut):
            pool.release(worker, False)
            raise
        pool.release(worker, True)
        return environ

    def worker_pids(self, function: str) -> list[int]:
        pool = self._pools[self.resolve(function)]
        with pool.cond:
            return [w.pid for w in pool.live]

    # --- the invocation log -------------------------------------------------------------------------------------

    def invocations(self, function: str | None = None, source: str | None = None) -> list[Invocation]:
        logical_id = self.resolve(function) if function else None
        with self._log_lock:
            records = list(self._log)
        return [
            r for r in records
            if (logical_id is None or r.function == logical_id) and (source is None or r.source == source)
        ]

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for pool in self._pools.values():
            pool.close()


def _loggable(payload: bytes) -> Any:
    try:
        return json.loads(payload) if payload else {}
    except ValueError:
        return payload[:2000].decode(errors="replace")

"""A LocalStack in a child process, driven from this one: what the test suite uses.

Why: moto's state is global to a process, and `moto.mock_aws()` — which unit tests use in-process — wipes all of
it when it starts and stops. With pytest-xdist, unit and integration tests share worker processes, so a local
stack living in the test process would be emptied by whichever unit test runs next. In a child process it is out
of reach; the test process only talks HTTP to it (the API, moto) plus the small control channel below.

`RemoteLocalStack` offers the same API as `LocalStack` (the values are copied; boto3 clients are made here,
pointed at the child's moto). The child ends when this process closes it — or dies: its connection closes.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Mapping

from inetta.local.errors import LocalStackError
from inetta.local.stack import function_env

log = logging.getLogger("inetta.local.remote")

_INETTA_PARENT = str(Path(__file__).resolve().parents[2])
START_TIMEOUT_SECONDS = 600.0  # a first synth on a busy machine

# What the child answers to, by name: LocalStack's methods whose arguments and results are plain data.
_METHODS = {
    "sign_up", "sign_in", "invoke", "set_function_env", "function_overrides", "worker_environ", "invocations",
    "restart_functions", "start_execution", "wait_for_execution", "tick", "drain", "resource",
    "on_call_notifications",
}
# Fault switches (inetta.local.faults), served by the child's module of that name: they live in the moto process.
_FAULTS = {"arm_fault": "arm", "fault_hits": "hits", "clear_faults": "clear", "faults": "faults"}
_VALUES = ("api_url", "websocket_url", "moto_url", "user_pool_id", "user_pool_client_id", "outputs", "template", "timings",
           "functions", "region", "account_id", "stack_name")


class RemoteLocalStack:
    def __init__(self, **local_stack_arguments: Any):
        self._arguments = local_stack_arguments
        self._process: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._lock = threading.Lock()
        self._values: dict[str, Any] = {}
        self._clients: dict[str, Any] = {}

    def __enter__(self) -> "RemoteLocalStack":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def start(self) -> "RemoteLocalStack":
        parent_socket, child_socket = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_INETTA_PARENT, env.get("PYTHONPATH")) if p)
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "inetta.local.remote", str(child_socket.fileno())],
                env=env, pass_fds=(child_socket.fileno(),), stdin=subprocess.DEVNULL,
            )
        finally:
            child_socket.close()
        self._conn = Connection(parent_socket.detach())
        self._conn.send(self._arguments)
        if not self._conn.poll(START_TIMEOUT_SECONDS):
            self.close()
            raise LocalStackError("the local stack did not start in time")
        try:
            kind, payload = self._conn.recv()
        except EOFError:
            self.close()
            raise LocalStackError("the local stack process died while starting (see its output above)") from None
        if kind != "ready":
            self.close()
            raise LocalStackError(f"the local stack failed to start: {payload}")
        self._values = payload
        return self

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.send(("close",))
            except OSError:
                pass
        if self._process is not None:
            try:
                self._process.wait(15)
            except subprocess.TimeoutExpired:
                self._process.terminate()
                try:
                    self._process.wait(5)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
            self._process = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        if self._conn is None:
            raise LocalStackError("the local stack is not running")
        with self._lock:
            self._conn.send(("call", method, args, kwargs))
            try:
                kind, payload = self._conn.recv()
            except EOFError:
                raise LocalStackError("the local stack process died (see its output above)") from None
        if kind == "error":
            raise payload
        return payload

    def __getattr__(self, name: str) -> Any:
        if name in _VALUES:
            return self._values[name]
        if name in _METHODS or name in _FAULTS:
            return lambda *args, **kwargs: self._call(name, *args, **kwargs)
        raise AttributeError(name)

    function_env = function_env

    def client(self, service_name: str):
        """A boto3 client for the child's moto (fake credentials)."""
        if service_name not in self._clients:
            import boto3
            from botocore.config import Config

            self._clients[service_name] = boto3.client(
                service_name, endpoint_url=self.moto_url, region_name=self.region,
                aws_access_key_id="testing", aws_secret_access_key="testing",
                config=Config(account_id_endpoint_mode="disabled", retries={"total_max_attempts": 1}),
            )
        return self._clients[service_name]


def _serve(conn: Connection) -> None:
    from inetta.local.stack import LocalStack

    arguments: Mapping[str, Any] = conn.recv()
    try:
        stack = LocalStack(**arguments).start()
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        log.exception("the local stack failed to start")
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    try:
        conn.send(("ready", {name: _value(stack, name) for name in _VALUES}))
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return  # the parent is gone
            if message[0] == "close":
                return
            _, method, args, kwargs = message
            try:
                if method in _FAULTS:
                    from inetta.local import faults

                    result = ("ok", getattr(faults, _FAULTS[method])(*args, **kwargs))
                elif method not in _METHODS:
                    raise AttributeError(method)
                else:
                    result = ("ok", getattr(stack, method)(*args, **kwargs))
            except Exception as exc:  # noqa: BLE001 - raised again in the parent
                result = ("error", exc if _picklable(exc) else LocalStackError(f"{type(exc).__name__}: {exc}"))
            conn.send(result)
    finally:
        stack.close()


def _value(stack, name: str) -> Any:
    try:
        return getattr(stack, name)
    except LocalStackError:  # e.g. user_pool_id of a template without a user pool
        return None


def _picklable(value: Any) -> bool:
    try:
        pickle.loads(pickle.dumps(value))
        return True
    except Exception:  # noqa: BLE001
        return False


def main() -> None:
    logging.basicConfig(
        level=os.environ.get("INETTA_LOG_LEVEL", "INFO"),
        format="%(asctime)s.%(msecs)03d %(name)s %(levelname)s %(message)s",
        datefmt="%H:%M:%S",
    )
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    _serve(Connection(int(sys.argv[1])))


if __name__ == "__main__":
    main()

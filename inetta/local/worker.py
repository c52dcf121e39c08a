"""The inside of one local Lambda "container": a fresh Python process that serves one function.

Started by runtime.py as `python -m inetta.local.worker <fd>` with the function's environment already in place
(as in Lambda, the environment exists before the runtime loads the code) and the code root as working directory.
It imports only the standard library before the handler. A plain subprocess rather than a multiprocessing
"spawn" child: spawn re-imports the parent's `__main__`, which re-runs any script without a main guard (a
benchmark, a notebook) inside every worker.

Protocol on the inherited socket (a multiprocessing Connection; tuples, pickled):
    parent -> worker  ("invoke", request_id, payload_bytes, context_fields)   -> ("ok", bytes) | ("error", dict)
    parent -> worker  ("environ",)                                             -> ("environ", dict)
    parent -> worker  ("stop",)                                                -> the worker exits
    worker -> parent  ("ready", pid, init_error_or_None)                       once, after loading the handler
"""

from __future__ import annotations

import decimal
import importlib
import json
import os
import signal
import sys
import time
import traceback
from typing import Any


class LocalLambdaContext:
    """The attributes and method of the Lambda Python runtime's context object that handlers and Powertools use."""

    def __init__(self, fields: dict[str, Any]):
        self.function_name: str = fields["function_name"]
        self.function_version: str = fields.get("function_version", "$LATEST")
        self.invoked_function_arn: str = fields["invoked_function_arn"]
        self.memory_limit_in_mb: int = int(fields.get("memory_limit_in_mb", 128))
        self.aws_request_id: str = fields["aws_request_id"]
        self.log_group_name: str = fields.get("log_group_name", f"/aws/lambda/{self.function_name}")
        self.log_stream_name: str = fields.get("log_stream_name", "local")
        self.identity = None
        self.client_context = None
        self.tenant_id = None
        self._deadline_ms: int = int(fields["deadline_ms"])

    def get_remaining_time_in_millis(self) -> int:
        return max(self._deadline_ms - int(time.time() * 1000), 0)


def _error(error_type: str, message: str, exc: BaseException | None = None) -> dict[str, Any]:
    # The shape the Lambda Python runtime reports; Step Functions matches Retry/Catch on errorType.
    trace = traceback.format_exception(type(exc), exc, exc.__traceback__) if exc else []
    return {"errorType": error_type, "errorMessage": message, "stackTrace": [line.rstrip() for line in trace]}


def _load_handler(dotted: str):
    module_name, _, function_name = dotted.rpartition(".")
    if not module_name:
        return None, _error("Runtime.MalformedHandlerName", f"Bad handler '{dotted}': not enough values to unpack")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return None, _error("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {exc}", exc)
    except Exception as exc:  # an exception raised while the module initialises
        return None, _error(type(exc).__name__, str(exc), exc)
    handler = getattr(module, function_name, None)
    if handler is None:
        return None, _error(
            "Runtime.HandlerNotFound", f"Handler '{function_name}' missing on module '{module_name}'"
        )
    return handler, None


def _json_default(value: Any) -> Any:
    # Same leniency as the Lambda Python runtime: Decimals (from DynamoDB) serialise as numbers.
    if isinstance(value, decimal.Decimal):
        return float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _invoke(handler, payload: bytes, fields: dict[str, Any]) -> tuple[str, Any]:
    try:
        event = json.loads(payload) if payload else {}
    except ValueError as exc:
        return "error", _error("Runtime.UnmarshalError", f"Unable to unmarshal input: {exc}", exc)
    context = LocalLambdaContext(fields)
    try:
        result = handler(event, context)
    except Exception as exc:
        return "error", _error(type(exc).__name__, str(exc), exc)
    try:
        return "ok", json.dumps(result, default=_json_default).encode()
    except (TypeError, ValueError) as exc:
        return "error", _error("Runtime.MarshalError", f"Unable to marshal response: {exc}", exc)


def serve(conn, handler_path: str) -> None:
    handler, init_error = _load_handler(handler_path)
    conn.send(("ready", os.getpid(), init_error))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            # The parent went away (even killed: its end of the socket closes): a container never outlives its
            # runtime. (Not PR_SET_PDEATHSIG: it fires when the *thread* that started us ends.)
            return
        kind = message[0]
        if kind == "invoke":
            _, request_id, payload, fields = message
            os.environ["_X_AMZN_REQUEST_ID"] = request_id
            if handler is None:
                # Lambda retries a failed init on the next invoke; so do we (fixing the code needs no restart).
                handler, init_error = _load_handler(handler_path)
            if handler is None:
                conn.send(("error", init_error))
                continue
            try:
                conn.send(_invoke(handler, payload, fields))
            except (BrokenPipeError, OSError):
                return
        elif kind == "environ":
            conn.send(("environ", dict(os.environ)))
        elif kind == "stop":
            return


def main() -> None:
    from multiprocessing.connection import Connection

    # Ctrl-C in a terminal reaches the whole process group; the parent owns shutdown and stops us cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(int(sys.argv[1]))
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    serve(conn, sys.argv[2])


if __name__ == "__main__":
    main()

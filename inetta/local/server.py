"""moto, in this process, as a real HTTP server: the AWS account of the local stack.

In-process (not a subprocess) because moto's Lambda must call back into our runtime: the patches in `hooks.py`
only take effect in the process that serves the requests. Consequences worth knowing:

- moto's state is process-global: one local stack per process (`MotoServer` refuses a second one).
- `mock_aws()` (moto's decorator) resets all of moto's data when it starts and stops: never use it in a process
  that runs the local stack (with pytest-xdist, keep such unit tests away from the integration tests' workers,
  or use in-memory fakes). `MotoServer` makes that mistake fail loudly instead of wiping the stack.
- The Step Functions executor calls the Lambda API over HTTP at `localhost:$MOTO_PORT`: we set `MOTO_PORT`.
"""

from __future__ import annotations

import logging
import os
import threading

import requests

from inetta.local import hooks
from inetta.local.errors import LocalStackError

log = logging.getLogger("inetta.local.server")

_active_lock = threading.Lock()
_active: "MotoServer | None" = None


class MotoServer:
    def __init__(self, port: int = 0, host: str = "127.0.0.1"):
        self.host = host
        self.requested_port = port
        self.port: int | None = None
        self._server = None
        self._mock_guard = None
        self._previous_moto_port: str | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, dispatcher: hooks.Dispatcher | None = None) -> "MotoServer":
        global _active
        with _active_lock:
            if _active is not None:
                raise LocalStackError("a local stack is already running in this process (moto's state is global)")
            _active = self
        try:
            self._configure_moto()
            hooks.install(dispatcher)
            from moto.server import ThreadedMotoServer

            self._server = ThreadedMotoServer(ip_address=self.host, port=self.requested_port, verbose=False)
            self._server.start()
            self.port = self._server.get_host_and_port()[1]
            # The Step Functions executor and moto's own callbacks find the server through MOTO_PORT.
            self._previous_moto_port = os.environ.get("MOTO_PORT")
            os.environ["MOTO_PORT"] = str(self.port)
            self._guard_against_mock_aws()
        except BaseException:
            self.stop()
            raise
        return self

    def set_dispatcher(self, dispatcher: hooks.Dispatcher | None) -> None:
        hooks.set_dispatcher(dispatcher)

    @staticmethod
    def _configure_moto() -> None:
        from moto.core.config import default_user_config

        # Equivalent to POST /moto-api/config, done in-process before the first request so nothing races it:
        # execute state machines for real, and Lambda without Docker (then routed to our runtime by hooks).
        default_user_config["stepfunctions"] = {"execute_state_machine": True}
        default_user_config["lambda"] = {"use_docker": False}

        # moto's CloudFormation creates state machines in the backend that doesn't execute: point it at the
        # executing one before anything is provisioned, or the template's state machines are invisible.
        import moto.stepfunctions.models as sfn_models
        from moto.stepfunctions.parser.models import stepfunctions_parser_backends

        sfn_models.stepfunctions_backends = stepfunctions_parser_backends

        # The executor logs every handled error (Retry, Catch, even IsPresent) at ERROR; werkzeug logs each request.
        logging.getLogger("moto.stepfunctions.parser").setLevel(logging.CRITICAL)
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    def _guard_against_mock_aws(self) -> None:
        from moto.core.models import MockAWS

        original = MockAWS.start

        def refuse(*args, **kwargs):
            raise LocalStackError(
                "mock_aws() would wipe the local stack running in this process (moto's state is global). "
                "Run tests that use mock_aws in another process, or use a fake."
            )

        MockAWS.start = refuse
        self._mock_guard = (MockAWS, original)

    def reset(self) -> None:
        """Wipe every resource (about 0.5 s). The configuration set above survives."""
        requests.post(f"{self.url}/moto-api/reset", timeout=30).raise_for_status()

    def stop(self) -> None:
        global _active
        if self._server is not None:
            try:
                self._server.stop()
            except Exception:  # noqa: BLE001 - stopping a half-started server must not mask the first error
                log.debug("moto server stop failed", exc_info=True)
            self._server = None
        if self._mock_guard is not None:
            cls, original = self._mock_guard
            cls.start = original
            self._mock_guard = None
        hooks.uninstall()
        if self.port is not None and os.environ.get("MOTO_PORT") == str(self.port):
            if self._previous_moto_port is None:
                os.environ.pop("MOTO_PORT", None)
            else:
                os.environ["MOTO_PORT"] = self._previous_moto_port
        with _active_lock:
            if _active is self:
                _active = None

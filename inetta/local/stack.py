"""`LocalStack`: the pieces of inetta.local assembled into the product, running on this machine.

    with LocalStack() as stack:             # synthesizes (cached) and provisions the CDK app's template
        tokens = stack.sign_up("ada", "a long password 1A!")
        requests.get(f"{stack.api_url}/threads", headers={"Authorization": f"Bearer {tokens['access_token']}"})
        stack.tick()                          # fire the schedules now
        stack.drain()                         # wait for stream/queue consumers to catch up

Start-up order matters: the gateway binds its port first (the template's API endpoint resolves to it), moto starts
with its Lambda routed to the runtime, the template is provisioned, then the functions, routes, schedules and
event source mappings found there are served.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Iterator, Mapping

import boto3
from botocore.config import Config

from inetta.local import cognito
from inetta.local.errors import LocalStackError
from inetta.local.gateway import Gateway, build_api
from inetta.local.oncall import ESCALATION_OUTPUT, OnCallInbox
from inetta.local.provision import Provisioned, Provisioner
from inetta.local.runtime import FunctionSpec, Invocation, InvocationResult, LocalRuntime
from inetta.local.server import MotoServer
from inetta.local.streams import EventSourcePollers
from inetta.local.template import DEFAULT_STACK_NAME, REPO_ROOT, load_template, match_logical_id
from inetta.local.ticker import Schedule, Ticker
from inetta.local.web import LocalWeb
from inetta.local.websocket import LocalWebSocketApi, build_routes, split_api_resources

log = logging.getLogger("inetta.local")

LLM_VARIABLES = ("LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL", "LLM_TIMEOUT_SECONDS", "LLM_MAX_RETRIES",
                 "LLM_MODERATION_MODEL")
LOCAL_API_ID = "inettalocal"
LOCAL_WEBSOCKET_API_ID = "inettalocalws"


@contextlib.contextmanager
def function_env(stack, overrides: Mapping[str, str | None], functions: list[str] | None = None) -> Iterator[None]:
    """`set_function_env` for the duration of a `with` block; the previous overrides come back after."""
    targets = functions or list(stack.functions)
    previous = {f: stack.function_overrides(f) for f in targets}
    stack.set_function_env(overrides, targets)
    try:
        yield
    finally:
        for function, before in previous.items():
            stack.set_function_env(before, [function], replace=True)


class LocalStack:
    def __init__(
        self,
        template: dict[str, Any] | str | Path | None = None,
        api_port: int = 0,
        moto_port: int = 0,
        env_overrides: Mapping[str, str | None] | None = None,
        *,
        region: str = "us-east-1",
        account_id: str = "123456789012",
        stack_name: str = DEFAULT_STACK_NAME,
        code_root: str | Path = REPO_ROOT,
        inherit_llm_env: bool = False,
        run_ticker: bool = True,
        tick_seconds: float | None = None,
        prewarm: bool = True,
        websocket_port: int = 0,
    ):
        """
        template: the synthesized template (dict or path); None synthesizes the CDK app (cached, see template.py).
        env_overrides: extra environment for every function (None as a value unsets a variable).
        inherit_llm_env: pass this process's LLM_* variables to the functions (`inetta dev` does; tests don't, so
            a developer's key never makes the test suite call a real model).
        tick_seconds: fire every schedule this often instead of at its cadence (default: $INETTA_TICK_SECONDS).
        prewarm: start one worker per function in the background, so the first request is fast.
        websocket_port: where the WebSocket API listens (default: a free port; its management API: another).
        """
        if isinstance(template, (str, Path)):
            template = json.loads(Path(template).read_text())
        self.template: dict[str, Any] | None = template
        self.region = region
        self.account_id = account_id
        self.stack_name = stack_name
        self.code_root = str(code_root)
        self._api_port = api_port
        self._moto_port = moto_port
        self._run_ticker = run_ticker
        env_tick = os.environ.get("INETTA_TICK_SECONDS")
        self._tick_seconds = tick_seconds if tick_seconds is not None else (float(env_tick) if env_tick else None)
        self._prewarm = prewarm
        self._websocket_port = websocket_port
        # The contract: locally the LLM key comes from LLM_API_KEY, never from a Secrets Manager secret.
        self._local_env: dict[str, str | None] = {"LLM_API_KEY_SECRET_ARN": None}
        if inherit_llm_env:
            self._local_env.update({k: os.environ[k] for k in LLM_VARIABLES if k in os.environ})
        self._local_env.update(env_overrides or {})
        self._clients: dict[str, Any] = {}
        self._clients_lock = threading.Lock()
        self._session = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name=region
        )
        self.gateway: Gateway | None = None
        self.websocket: LocalWebSocketApi | None = None
        self.moto: MotoServer | None = None
        self.runtime: LocalRuntime | None = None
        self.provisioned: Provisioned | None = None
        self.ticker: Ticker | None = None
        self.on_call: OnCallInbox | None = None
        self.streams: EventSourcePollers | None = None
        self.timings: dict[str, float] = {}
        self._members: cognito.Members | None = None

    # --- lifecycle --------------------------------------------------------------------------------------------

    def __enter__(self) -> "LocalStack":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def start(self) -> "LocalStack":
        began = time.monotonic()
        try:
            if self.template is None:
                self.template = load_template(Path(self.code_root), self.stack_name)
                self.timings["template"] = time.monotonic() - began
            self.gateway = Gateway(self._api_port)
            self.websocket = LocalWebSocketApi(self._websocket_port)
            mark = time.monotonic()
            self.moto = MotoServer(self._moto_port).start()
            self.timings["moto_start"] = time.monotonic() - mark
            self.runtime = LocalRuntime(code_root=self.code_root, region=self.region, account_id=self.account_id,
                                        moto_url=self.moto.url, local_env=self._local_env)
            self.moto.set_dispatcher(self.runtime)

            mark = time.monotonic()
            self.provisioned = Provisioner(
                self.client, account_id=self.account_id, region=self.region, api_id=LOCAL_API_ID,
                api_url=self.gateway.url, stack_name=self.stack_name, websocket_api_id=LOCAL_WEBSOCKET_API_ID,
                websocket_url=self.websocket.endpoint, management_url=self.websocket.management_url,
            ).provision(self.template)
            self.timings["provision"] = time.monotonic() - mark
            for spec in self.provisioned.functions.values():
                self.runtime.register(spec)
            for logical_id, runtime in self.provisioned.unrunnable_functions.items():
                log.warning("function %s (%s) cannot run locally; invoking it will fail", logical_id, runtime)

            http_resources, websocket_resources = split_api_resources(self.provisioned.api_resources,
                                                                      LOCAL_WEBSOCKET_API_ID)
            self.websocket.configure(build_routes(websocket_resources, self.runtime.resolve, LOCAL_WEBSOCKET_API_ID),
                                     self.runtime.invoke, self.account_id)
            api = build_api(http_resources, self.runtime.resolve, self.moto.url,
                            {p.id for p in self.provisioned.user_pools.values()}, LOCAL_API_ID)
            self.gateway.configure(api, self.runtime.invoke, self.account_id, local_routes={
                ("POST", "/_local/tick"): self._tick_for_http,
                ("POST", "/_local/token"): self._token_for_http,
            })
            self.gateway.pages = LocalWeb(self.code_root, self.web_config, lambda: self.api_url)
            self.ticker = Ticker(self._schedules(), self._deliver_scheduled, self._tick_seconds)
            mappings = self.client("lambda").list_event_source_mappings().get("EventSourceMappings", [])
            self.streams = EventSourcePollers(mappings, self.client, self.runtime.invoke, self.region)

            self.streams.start()
            topic = self.provisioned.outputs.get(ESCALATION_OUTPUT)
            if topic:
                # The console shows on-call notifications only where someone watches it (`inetta dev`).
                self.on_call = OnCallInbox(self.client, topic, announce=self._run_ticker).start()
            if self._run_ticker:
                self.ticker.start()
            self.gateway.start()
            self.websocket.start()
            if self._prewarm:
                self.runtime.prewarm()
        except BaseException:
            self.close()
            raise
        self.timings["total"] = time.monotonic() - began
        log.info("local stack ready in %.1f s (%s)", self.timings["total"],
                 ", ".join(f"{k} {v:.1f} s" for k, v in self.timings.items() if k != "total"))
        return self

    def close(self) -> None:
        """Stop everything this stack started; safe to call twice, or after a failed start."""
        for stop in (
            lambda: self.on_call and self.on_call.stop(),
            lambda: self.gateway and self.gateway.stop(),
            lambda: self.websocket and self.websocket.stop(),
            lambda: self.ticker and self.ticker.stop(),
            lambda: self.streams and self.streams.stop(),
            lambda: self.runtime and self.runtime.close(),
            lambda: self.moto and self.moto.stop(),
        ):
            try:
                stop()
            except Exception:  # noqa: BLE001 - keep stopping the rest
                log.exception("error while stopping the local stack")
        self.gateway = self.websocket = self.ticker = self.streams = self.runtime = self.moto = None

    # --- where things are -------------------------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        return self._started(self.gateway).url

    @property
    def websocket_url(self) -> str:
        """Where members' apps connect for real-time push (`?token=<access token>`); as the stage's URL in AWS."""
        return self._started(self.websocket).url

    @property
    def moto_url(self) -> str:
        return self._started(self.moto).url

    @property
    def outputs(self) -> dict[str, str]:
        return dict(self._started(self.provisioned).outputs)

    def resource(self, logical_id_prefix: str) -> str:
        """Physical id (name, ARN or URL, as CloudFormation's Ref gives) of a template resource."""
        resources = self._started(self.provisioned).resources
        return resources[match_logical_id(logical_id_prefix, resources)]

    def client(self, service_name: str):
        """A boto3 client for this stack's moto (fake credentials; nothing can reach a real account)."""
        with self._clients_lock:
            if service_name not in self._clients:
                self._clients[service_name] = self._session.client(
                    service_name,
                    endpoint_url=self._started(self.moto).url,
                    config=Config(account_id_endpoint_mode="disabled", retries={"total_max_attempts": 1}),
                )
            return self._clients[service_name]

    # --- members ----------------------------------------------------------------------------------------------

    @property
    def _cognito(self) -> cognito.Members:
        if self._members is None:
            provisioned = self._started(self.provisioned)
            if not provisioned.user_pools:
                raise LocalStackError("the template defines no Cognito user pool")
            pool, app_client = self._api_pool_and_client(provisioned)
            self._members = cognito.Members(self.client("cognito-idp"), pool, app_client)
        return self._members

    def _api_pool_and_client(self, provisioned: Provisioned):
        """The pool and app client the HTTP API's authorizer trusts (else the template's first ones)."""
        api = self._started(self.gateway).api
        for authorizer in (api.authorizers.values() if api else []):
            for pool in provisioned.user_pools.values():
                if pool.issuer == authorizer.issuer:
                    for app_client in pool.clients.values():
                        if app_client.id in authorizer.audience:
                            return pool, app_client
        pool = next(iter(provisioned.user_pools.values()))
        if not pool.clients:
            raise LocalStackError(f"user pool {pool.logical_id} has no app client")
        return pool, next(iter(pool.clients.values()))

    @property
    def user_pool_id(self) -> str:
        return self._cognito.pool.id

    @property
    def user_pool_client_id(self) -> str:
        return self._cognito.app_client.id

    def sign_up(self, username: str, password: str, email: str | None = None) -> dict[str, Any]:
        """A confirmed member; returns username, sub, id_token, access_token, refresh_token, expires_in."""
        return self._cognito.sign_up(username, password, email)

    def sign_in(self, username: str, password: str) -> dict[str, Any]:
        return self._cognito.sign_in(username, password)

    # --- functions --------------------------------------------------------------------------------------------

    def invoke(self, function: str, event: Any = None) -> InvocationResult:
        """Invoke a function (logical id, logical-id prefix such as "ChatFunction", name or ARN) synchronously."""
        return self._started(self.runtime).invoke(function, {} if event is None else event, source="direct")

    def set_function_env(self, overrides: Mapping[str, str | None], functions: list[str] | None = None,
                         replace: bool = False) -> None:
        """Override environment variables (None unsets one) for all or some functions; their workers restart.

        Overrides add up across calls; `replace=True` starts from none. `function_env()` undoes itself.
        """
        self._started(self.runtime).set_function_env(overrides, functions, replace)

    def function_overrides(self, function: str) -> dict[str, str | None]:
        """The environment overrides currently set for one function (by set_function_env)."""
        return self._started(self.runtime).function_overrides(function)

    @property
    def functions(self) -> dict[str, FunctionSpec]:
        """The template's Python functions by logical id: name, ARN, handler, environment as provisioned."""
        return self._started(self.runtime).functions

    def worker_environ(self, function: str) -> dict[str, str]:
        """The environment a worker of this function really runs with."""
        return self._started(self.runtime).worker_environ(function)

    function_env = function_env

    def invocations(self, function: str | None = None, source: str | None = None) -> list[Invocation]:
        return self._started(self.runtime).invocations(function, source)

    def restart_functions(self, functions: list[str] | None = None) -> None:
        """Fresh workers: the next invocation imports the code again (after an edit)."""
        self._started(self.runtime).restart(functions)

    # --- Step Functions -------------------------------------------------------------------------------------

    def start_execution(self, state_machine: str, execution_input: Any = None, name: str | None = None) -> str:
        """Start an execution (always named: moto's unnamed executions collide) and return its ARN."""
        response = self.client("stepfunctions").start_execution(
            stateMachineArn=self.resource(state_machine), name=name or str(uuid.uuid4()),
            input=json.dumps({} if execution_input is None else execution_input),
        )
        return response["executionArn"]

    def wait_for_execution(self, execution_arn: str, timeout: float = 60.0) -> dict[str, Any]:
        sfn = self.client("stepfunctions")
        deadline = time.monotonic() + timeout
        while True:
            execution = sfn.describe_execution(executionArn=execution_arn)
            if execution["status"] != "RUNNING" or time.monotonic() > deadline:
                return execution
            time.sleep(0.1)

    # --- schedules and asynchronous work ------------------------------------------------------------------------

    def tick(self) -> list[dict[str, Any]]:
        """Fire every schedule of the template now; returns one result per target."""
        return self._started(self.ticker).tick()

    def on_call_notifications(self) -> list[dict[str, Any]]:
        """What the operator's on-call humans have been sent (the escalation topic's messages)."""
        return self._started(self.on_call).notifications()

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait until stream and queue consumers have handled everything written before this call."""
        return self._started(self.streams).drain(timeout)

    def web_config(self) -> dict[str, Any]:
        """The web client's runtime config (web/config.json's shape): here, sign-in through POST /_local/token."""
        return {
            "apiUrl": "",  # same origin
            "auth": "local",
            "region": self.region,
            "userPoolId": self.user_pool_id,
            "userPoolClientId": self.user_pool_client_id,
            "websocketUrl": self.websocket_url,
            "environment": "local",
        }

    def _tick_for_http(self, body: bytes) -> tuple[int, Any]:
        return 200, {"fired": self.tick()}

    def _token_for_http(self, body: bytes) -> tuple[int, Any]:
        try:
            request = json.loads(body or b"{}")
            return 200, self.sign_in(str(request["username"]), str(request["password"]))
        except (ValueError, KeyError, TypeError):
            return 400, {"message": 'send {"username": ..., "password": ...}'}
        except Exception as exc:  # noqa: BLE001 - a wrong password is the usual cause
            return 401, {"message": f"sign-in failed: {exc}"}

    def _schedules(self) -> list[Schedule]:
        provisioned = self._started(self.provisioned)
        events = self.client("events")
        rule_ids = {provisioned.resources[lid] for lid, kind in provisioned.types.items()
                    if kind == "AWS::Events::Rule"}
        schedules = []
        for bus in events.list_event_buses().get("EventBuses", []):
            for rule in events.list_rules(EventBusName=bus["Name"]).get("Rules", []):
                if not ({rule["Name"], rule["Arn"]} & rule_ids) or not rule.get("ScheduleExpression"):
                    continue
                if rule.get("State") != "ENABLED":
                    continue
                targets = events.list_targets_by_rule(Rule=rule["Name"], EventBusName=bus["Name"])["Targets"]
                schedules.append(Schedule(rule["Name"], "rule", rule["Arn"], rule["ScheduleExpression"], targets,
                                          "UTC", self.account_id, self.region))
        for raw in provisioned.schedules:
            if raw.get("State", "ENABLED") != "ENABLED":
                continue
            group = raw.get("GroupName", "default")
            arn = f"arn:aws:scheduler:{self.region}:{self.account_id}:schedule/{group}/{raw['Name']}"
            schedules.append(Schedule(raw["Name"], "schedule", arn, raw["ScheduleExpression"], [raw["Target"]],
                                      raw.get("ScheduleExpressionTimezone", "UTC"), self.account_id, self.region))
        return schedules

    def _deliver_scheduled(self, schedule: Schedule, target: dict[str, Any], payload: Any) -> dict[str, Any]:
        arn = target["Arn"]
        service = arn.split(":")[2]
        result: dict[str, Any] = {"schedule": schedule.name, "target": arn}
        if service == "lambda":
            runtime = self._started(self.runtime)
            outcome = runtime.invoke(arn, payload, source=f"tick:{schedule.name}")
            result.update(function=runtime.resolve(arn), ok=outcome.ok,
                          error=outcome.error.get("errorType") if outcome.error else None)
        elif service == "states":
            result["execution"] = self.client("stepfunctions").start_execution(
                stateMachineArn=arn, name=str(uuid.uuid4()), input=json.dumps(payload))["executionArn"]
            result["ok"] = True
        elif service == "sqs":
            queue_url = self.client("sqs").get_queue_url(QueueName=arn.split(":")[5])["QueueUrl"]
            self.client("sqs").send_message(QueueUrl=queue_url, MessageBody=json.dumps(payload))
            result["ok"] = True
        elif service == "sns":
            self.client("sns").publish(TopicArn=arn, Message=json.dumps(payload))
            result["ok"] = True
        else:
            log.warning("schedule %s: target %s is not delivered locally", schedule.name, arn)
            result.update(ok=False, error="not delivered locally")
        return result

    @staticmethod
    def _started(part):
        if part is None:
            raise LocalStackError("the local stack is not running (use it as a context manager, or call start())")
        return part

"""Provision the synthesized template into moto: what the CDK app defines, nothing restated by hand.

moto's CloudFormation (`create_stack`) resolves the intrinsics and creates most resources (DynamoDB, Lambda, IAM,
SQS, SNS topics, S3, KMS, Logs, EventBridge rules, Step Functions, event source mappings). It silently skips types
it doesn't know and still says CREATE_COMPLETE, so every type is accounted for here before anything is created:

- created before the stack, directly through moto's APIs, and substituted for their `Ref`/`GetAtt` in the
  template: Cognito pools/clients/groups, Secrets Manager secrets, DynamoDB global tables (TableV2);
- served by the local stack itself: the HTTP API and the WebSocket API (`AWS::ApiGatewayV2::*`, see gateway.py
  and websocket.py);
- created after the stack, once what they refer to exists: SNS subscriptions, EventBridge Scheduler schedules,
  CloudWatch alarms;
- ignored, each for a stated reason (nothing to emulate locally);
- anything else moto would skip: a `LocalStackError` naming it, rather than a local stack missing a piece.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from inetta.local import cognito
from inetta.local.errors import LocalStackError
from inetta.local.runtime import FunctionSpec
from inetta.local.template import has_intrinsics, references, resolve_pseudo, substitute

log = logging.getLogger("inetta.local.provision")

BOOTSTRAP_VERSION_PARAMETER = "/cdk-bootstrap/hnb659fds/version"

API_TYPES = {
    "AWS::ApiGatewayV2::Api",
    "AWS::ApiGatewayV2::Stage",
    "AWS::ApiGatewayV2::Route",
    "AWS::ApiGatewayV2::Integration",
    "AWS::ApiGatewayV2::Authorizer",
}
BEFORE_STACK_TYPES = {
    cognito.POOL, cognito.CLIENT, cognito.GROUP, cognito.DOMAIN,
    "AWS::SecretsManager::Secret",
    "AWS::DynamoDB::GlobalTable",
}
AFTER_STACK_TYPES = {
    "AWS::SNS::Subscription",
    "AWS::Scheduler::Schedule",
    "AWS::Scheduler::ScheduleGroup",
    "AWS::CloudWatch::Alarm",
}
IGNORED_TYPES = {
    "AWS::CDK::Metadata": "CDK's own bookkeeping",
    "AWS::SQS::QueuePolicy": "moto enforces no resource policies",
    "AWS::SNS::TopicPolicy": "moto enforces no resource policies",
    "AWS::S3::BucketPolicy": "moto enforces no resource policies",
    "AWS::Logs::MetricFilter": "no CloudWatch metrics are computed locally",
    "AWS::CloudWatch::CompositeAlarm": "alarms never fire locally",
    "AWS::Lambda::EventInvokeConfig": "asynchronous retries/destinations are not emulated locally",
}


@dataclass
class Provisioned:
    stack_name: str
    stack_id: str
    functions: dict[str, FunctionSpec]  # python functions by logical id
    resources: dict[str, str]  # logical id -> physical id, for everything created
    types: dict[str, str]  # logical id -> resource type
    user_pools: dict[str, cognito.UserPool]
    api_resources: dict[str, dict[str, Any]]  # ApiGatewayV2 resources, properties resolved
    schedules: list[dict[str, Any]]  # Scheduler schedules, properties resolved
    outputs: dict[str, str]
    unrunnable_functions: dict[str, str] = field(default_factory=dict)  # logical id -> runtime


class Provisioner:
    def __init__(self, session_clients, *, account_id: str, region: str, api_id: str, api_url: str,
                 stack_name: str, websocket_api_id: str = "", websocket_url: str = "", management_url: str = ""):
        self.clients = session_clients  # callable: service name -> boto3 client pointed at moto
        self.account_id = account_id
        self.region = region
        self.api_id = api_id
        self.api_url = api_url
        # The WebSocket API (inetta/local/websocket.py): where clients connect, and its management API.
        self.websocket_api_id = websocket_api_id
        self.websocket_url = websocket_url
        self.management_url = management_url
        self.stack_name = stack_name
        self.pseudo = {
            "AWS::AccountId": account_id,
            "AWS::Region": region,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::StackName": stack_name,
        }

    # --- the whole sequence -----------------------------------------------------------------------------------

    def provision(self, template: dict[str, Any]) -> Provisioned:
        template = copy.deepcopy(template)
        resources: dict[str, Any] = template.get("Resources", {})
        self._check_types(resources)
        self._bootstrap(template)

        by_kind = lambda kinds: {lid: r for lid, r in resources.items() if r["Type"] in kinds}  # noqa: E731
        pools, values = cognito.create_user_pools(self.clients("cognito-idp"), by_kind(BEFORE_STACK_TYPES), self.pseudo)
        values.update(self._create_secrets(by_kind({"AWS::SecretsManager::Secret"})))
        values.update(self._create_global_tables(by_kind({"AWS::DynamoDB::GlobalTable"})))
        values.update(self._api_values(by_kind(API_TYPES)))

        dropped = {lid: r for lid, r in resources.items() if r["Type"] not in self._moto_types()}
        kept = {lid: r for lid, r in resources.items() if lid not in dropped}
        stack_template = dict(template)
        stack_template["Resources"] = {lid: self._without_dropped_dependencies(r, dropped)
                                       for lid, r in substitute(kept, values).items()}
        if "Outputs" in template:
            stack_template["Outputs"] = substitute(template["Outputs"], values)
        self._check_dangling(stack_template, dropped, values)
        stack_id = self._create_stack(stack_template)

        physical = self._physical_ids(stack_id)
        missing = sorted(set(kept) - set(physical))
        if missing:  # the last line of defence against moto's silent skipping
            raise LocalStackError(f"moto's CloudFormation did not create: {', '.join(missing)}")
        for logical_id, value in values.items():
            physical.setdefault(logical_id, value.get("Ref"))

        resolve = self._resolver(stack_id, values)
        api_resources = {lid: {"Type": r["Type"], "Properties": resolve(r.get("Properties", {}))}
                         for lid, r in dropped.items() if r["Type"] in API_TYPES}
        schedules = self._create_after_stack(dropped, resolve, physical)
        functions, unrunnable = self._functions(kept, physical)
        outputs = {o["OutputKey"]: self._local_endpoint(o.get("OutputValue")) for o in
                   self.clients("cloudformation").describe_stacks(StackName=stack_id)["Stacks"][0].get("Outputs", [])}
        return Provisioned(
            stack_name=self.stack_name, stack_id=stack_id, functions=functions, resources=physical,
            types={lid: r["Type"] for lid, r in resources.items()}, user_pools=pools,
            api_resources=api_resources, schedules=schedules, outputs=outputs, unrunnable_functions=unrunnable,
        )

    def _local_endpoint(self, value: Any) -> Any:
        """The APIs' AWS URLs, as CDK builds them with Fn::Join (https://<api id>.execute-api...), made local.

        The WebSocket API has two: `wss://` where clients connect, `https://` its management API (the stage's
        callback URL, the senders' `PUSH_ENDPOINT`).
        """
        if not isinstance(value, str):
            return value
        suffix = r"\.execute-api\.[a-z0-9-]+\.amazonaws\.com"
        value = re.sub(rf"https://{re.escape(self.api_id)}{suffix}", self.api_url, value)
        if self.websocket_api_id:
            value = re.sub(rf"wss://{re.escape(self.websocket_api_id)}{suffix}", self.websocket_url, value)
            value = re.sub(rf"https://{re.escape(self.websocket_api_id)}{suffix}", self.management_url, value)
        return value

    # --- before the stack -------------------------------------------------------------------------------------

    @staticmethod
    def _moto_types() -> set[str]:
        from moto.cloudformation.parsing import get_model_map

        return set(get_model_map()) - {"?", "AWS::SERVICE::RESOURCE"}

    def _check_types(self, resources: dict[str, Any]) -> None:
        handled = API_TYPES | BEFORE_STACK_TYPES | AFTER_STACK_TYPES | set(IGNORED_TYPES) | self._moto_types()
        unknown = sorted({r["Type"] for r in resources.values() if r["Type"] not in handled})
        if unknown:
            raise LocalStackError(
                "the template has resource types that moto's CloudFormation would silently skip and that the "
                f"local stack doesn't provide: {', '.join(unknown)}. Add them to inetta/local/provision.py "
                "(create them through moto's API, or ignore them with a reason)."
            )
        for logical_id, resource in resources.items():
            if resource["Type"] in IGNORED_TYPES:
                log.debug("ignoring %s (%s): %s", logical_id, resource["Type"], IGNORED_TYPES[resource["Type"]])

    def _bootstrap(self, template: dict[str, Any]) -> None:
        """What `cdk bootstrap` would have created: the version parameter(s) and the asset bucket(s)."""
        ssm = self.clients("ssm")
        names = {BOOTSTRAP_VERSION_PARAMETER}
        for parameter in template.get("Parameters", {}).values():
            default = parameter.get("Default")
            if isinstance(default, str) and default.startswith("/cdk-bootstrap/"):
                names.add(default)
        for name in names:
            ssm.put_parameter(Name=name, Value="30", Type="String", Overwrite=True)
        buckets = {f"cdk-hnb659fds-assets-{self.account_id}-{self.region}"}
        for resource in template.get("Resources", {}).values():
            properties = resource.get("Properties", {})
            for holder in (properties.get("Code"), properties.get("Content")):
                if isinstance(holder, dict) and "S3Bucket" in holder:
                    bucket = resolve_pseudo(holder["S3Bucket"], self.pseudo)
                    if isinstance(bucket, str):
                        buckets.add(bucket)
        s3 = self.clients("s3")
        for bucket in buckets:
            try:
                s3.create_bucket(Bucket=bucket)
            except s3.exceptions.BucketAlreadyOwnedByYou:
                pass

    def _create_secrets(self, secrets: dict[str, Any]) -> dict[str, dict[str, Any]]:
        import secrets as random_secrets

        client = self.clients("secretsmanager")
        values = {}
        for logical_id, resource in secrets.items():
            properties = resolve_pseudo(resource.get("Properties", {}), self.pseudo)
            name = properties.get("Name") if isinstance(properties.get("Name"), str) else f"{logical_id}-local"
            generate = properties.get("GenerateSecretString")
            if isinstance(properties.get("SecretString"), str):
                value = properties["SecretString"]
            elif isinstance(generate, dict) and generate.get("SecretStringTemplate") and \
                    generate.get("GenerateStringKey"):
                document = json.loads(generate["SecretStringTemplate"])
                document[generate["GenerateStringKey"]] = random_secrets.token_urlsafe(24)
                value = json.dumps(document)
            else:
                value = random_secrets.token_urlsafe(24)
            arn = client.create_secret(Name=name, SecretString=value)["ARN"]
            values[logical_id] = {"Ref": arn, "Id": arn, "Arn": arn}
        return values

    def _create_global_tables(self, tables: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """TableV2 emits AWS::DynamoDB::GlobalTable, which moto's CloudFormation skips: create the table."""
        client = self.clients("dynamodb")
        values = {}
        for logical_id, resource in tables.items():
            p = resolve_pseudo(resource.get("Properties", {}), self.pseudo)
            name = p.get("TableName") if isinstance(p.get("TableName"), str) else f"{self.stack_name}-{logical_id}"
            request: dict[str, Any] = {
                "TableName": name,
                "KeySchema": p["KeySchema"],
                "AttributeDefinitions": p["AttributeDefinitions"],
                "BillingMode": p.get("BillingMode", "PAY_PER_REQUEST"),
            }
            if request["BillingMode"] == "PROVISIONED":
                request["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
            for key in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
                if p.get(key):
                    request[key] = [
                        {k: v for k, v in index.items() if k in ("IndexName", "KeySchema", "Projection")}
                        for index in p[key]
                    ]
            if p.get("StreamSpecification"):
                request["StreamSpecification"] = {"StreamEnabled": True, **p["StreamSpecification"]}
            table = client.create_table(**request)["TableDescription"]
            ttl = p.get("TimeToLiveSpecification")
            if ttl and ttl.get("Enabled"):
                client.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl)
            values[logical_id] = {"Ref": name, "Arn": table["TableArn"], "StreamArn": table.get("LatestStreamArn"),
                                  "TableId": table.get("TableId", name)}
        return values

    def _api_values(self, api_resources: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """What the HTTP API's resources stand for: the API is this local gateway; the rest keep logical ids."""
        values = {}
        for logical_id, resource in api_resources.items():
            if resource["Type"] == "AWS::ApiGatewayV2::Api" and self.websocket_api_id and \
                    resource.get("Properties", {}).get("ProtocolType") == "WEBSOCKET":
                values[logical_id] = {"Ref": self.websocket_api_id, "ApiId": self.websocket_api_id,
                                      "ApiEndpoint": self.websocket_url}
            elif resource["Type"] == "AWS::ApiGatewayV2::Api":
                values[logical_id] = {"Ref": self.api_id, "ApiId": self.api_id, "ApiEndpoint": self.api_url}
            elif resource["Type"] == "AWS::ApiGatewayV2::Stage":
                stage = resource.get("Properties", {}).get("StageName", "$default")
                values[logical_id] = {"Ref": stage if isinstance(stage, str) else "$default"}
            else:
                # Routes name integrations as "integrations/<Ref>": the logical id is all the gateway needs.
                values[logical_id] = {"Ref": logical_id, "AuthorizerId": logical_id, "IntegrationId": logical_id,
                                      "RouteId": logical_id}
        return values

    @staticmethod
    def _without_dropped_dependencies(resource: dict[str, Any], dropped: dict[str, Any]) -> dict[str, Any]:
        depends = resource.get("DependsOn")
        if depends is None:
            return resource
        depends = [depends] if isinstance(depends, str) else depends
        kept = [d for d in depends if d not in dropped]
        resource = dict(resource)
        if kept:
            resource["DependsOn"] = kept
        else:
            resource.pop("DependsOn")
        return resource

    @staticmethod
    def _check_dangling(stack_template: dict[str, Any], dropped: dict[str, Any], values: dict[str, Any]) -> None:
        for section in ("Resources", "Outputs"):
            for name, node in stack_template.get(section, {}).items():
                for ref in references(node):
                    if ref in dropped and ref not in values:
                        raise LocalStackError(
                            f"{section[:-1].lower()} {name} refers to {ref} ({dropped[ref]['Type']}), which the "
                            "local stack creates only after the stack: not supported"
                        )

    def _create_stack(self, template: dict[str, Any]) -> str:
        cfn = self.clients("cloudformation")
        stack_id = cfn.create_stack(
            StackName=self.stack_name,
            TemplateBody=json.dumps(template),
            Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"],
        )["StackId"]
        status = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"]
        if status != "CREATE_COMPLETE":
            events = cfn.describe_stack_events(StackName=stack_id)["StackEvents"]
            reasons = [f"{e['LogicalResourceId']}: {e.get('ResourceStatusReason')}" for e in events
                       if e.get("ResourceStatusReason")]
            raise LocalStackError(f"stack creation ended in {status}: {'; '.join(reasons) or 'no reason given'}")
        return stack_id

    def _physical_ids(self, stack_id: str) -> dict[str, str]:
        cfn = self.clients("cloudformation")
        return {r["LogicalResourceId"]: r.get("PhysicalResourceId", "")
                for r in cfn.describe_stack_resources(StackName=stack_id)["StackResources"]}

    # --- after the stack --------------------------------------------------------------------------------------

    def _resolver(self, stack_id: str, values: dict[str, Any]):
        """Resolve intrinsics of the resources moto never saw, with moto's own resolver over the created stack."""
        from moto.cloudformation.models import cloudformation_backends
        from moto.cloudformation.parsing import clean_json

        resource_map = cloudformation_backends[self.account_id][self.region].stacks[stack_id].resource_map

        def resolve(node: Any) -> Any:
            node = substitute(node, values)
            try:
                resolved = clean_json(node, resource_map)
            except Exception as exc:  # noqa: BLE001 - any failure here is a template the local stack can't read
                raise LocalStackError(f"cannot resolve {json.dumps(node)[:300]}: {exc!r}") from exc
            if has_intrinsics(resolved):
                raise LocalStackError(f"unresolved intrinsics left in {json.dumps(resolved)[:300]}")
            return resolved

        return resolve

    def _create_after_stack(self, dropped: dict[str, Any], resolve, physical: dict[str, str]) -> list[dict[str, Any]]:
        schedules = []
        for logical_id, resource in dropped.items():
            kind = resource["Type"]
            if kind not in AFTER_STACK_TYPES:
                continue
            properties = resolve(resource.get("Properties", {}))
            if kind == "AWS::SNS::Subscription":
                physical[logical_id] = self._subscribe(properties)
            elif kind == "AWS::CloudWatch::Alarm":
                physical[logical_id] = self._put_alarm(logical_id, properties)
            elif kind == "AWS::Scheduler::ScheduleGroup":
                name = properties.get("Name", logical_id)
                self.clients("scheduler").create_schedule_group(Name=name)
                physical[logical_id] = name
            elif kind == "AWS::Scheduler::Schedule":
                properties.setdefault("Name", logical_id)
                schedules.append({"LogicalId": logical_id, **properties})
        for schedule in schedules:  # after the groups they may belong to
            physical[schedule["LogicalId"]] = self._create_schedule(schedule)
        return schedules

    def _subscribe(self, p: dict[str, Any]) -> str:
        attributes = {}
        for key in ("FilterPolicy", "RedrivePolicy", "DeliveryPolicy"):
            if key in p:
                attributes[key] = p[key] if isinstance(p[key], str) else json.dumps(p[key])
        for key in ("FilterPolicyScope", "RawMessageDelivery", "SubscriptionRoleArn"):
            if key in p:
                attributes[key] = str(p[key]).lower() if isinstance(p[key], bool) else str(p[key])
        return self.clients("sns").subscribe(
            TopicArn=p["TopicArn"], Protocol=p["Protocol"], Endpoint=p.get("Endpoint", ""),
            Attributes=attributes, ReturnSubscriptionArn=True,
        )["SubscriptionArn"]

    def _put_alarm(self, logical_id: str, p: dict[str, Any]) -> str:
        client = self.clients("cloudwatch")
        members = client.meta.service_model.operation_model("PutMetricAlarm").input_shape.members
        request = {k: v for k, v in p.items() if k in members}
        request.setdefault("AlarmName", f"{self.stack_name}-{logical_id}")
        client.put_metric_alarm(**request)
        return request["AlarmName"]

    def _create_schedule(self, p: dict[str, Any]) -> str:
        client = self.clients("scheduler")
        members = client.meta.service_model.operation_model("CreateSchedule").input_shape.members
        request = {k: v for k, v in p.items() if k in members and k not in ("StartDate", "EndDate")}
        request.setdefault("FlexibleTimeWindow", {"Mode": "OFF"})
        client.create_schedule(**request)
        return p["Name"]

    def _functions(self, kept: dict[str, Any], physical: dict[str, str]):
        client = self.clients("lambda")
        functions, unrunnable = {}, {}
        for logical_id, resource in kept.items():
            if resource["Type"] != "AWS::Lambda::Function":
                continue
            config = client.get_function_configuration(FunctionName=physical[logical_id])
            runtime = config.get("Runtime", "")
            if not runtime.startswith("python"):
                # e.g. CDK's own Node.js providers: they can't run here, and the spine doesn't need them.
                unrunnable[logical_id] = runtime or config.get("PackageType", "?")
                continue
            functions[logical_id] = FunctionSpec(
                logical_id=logical_id,
                name=config["FunctionName"],
                arn=config["FunctionArn"],
                handler=config["Handler"],
                environment={k: self._local_endpoint(v)
                             for k, v in config.get("Environment", {}).get("Variables", {}).items()},
                timeout_seconds=float(config.get("Timeout", 3)),
                memory_mb=int(config.get("MemorySize", 128)),
                runtime=runtime,
            )
        return functions, unrunnable



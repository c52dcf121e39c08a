"""The synthesized `Inetta` stack does what docs/architecture.md promises, and passes cdk-nag.

The app is synthesized once for the module (about 15 s on two cores), in process, offline, with asset staging
off and asset metadata on (`infra.LOCAL_CONTEXT`): the way the local stack reads it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import pytest

from infra import LOCAL_CONTEXT, REPO_ROOT, build_app, cdk_json_context, compliance, packaging
from infra.websocket import SEND_RESOURCE_FINDING

pytestmark = [pytest.mark.spine, pytest.mark.infra, pytest.mark.xdist_group("infra")]

SERVICES = {
    "ChatFunction": "chat",
    "MediationFunction": "mediation",
    "CheckinsFunction": "checkins",
    "CirclesFunction": "circles",
    "ConsentFunction": "consent",
    "ContextFunction": "context",
}
# Functions fed by the table's stream (an event-source mapping with an SQS on-failure destination).
STREAM_FED = {"ContextFunction", "CheckinsFunction"}
CONTRACT_ROUTES = {
    "GET /health",
    "GET /threads",
    "POST /threads/{thread_id}/messages",
    "GET /threads/{thread_id}/messages",
}
CIRCLES_ROUTES = {
    "POST /circles",
    "GET /circles",
    "GET /circles/{circle_id}",
    "POST /circles/{circle_id}/invites",
    "POST /invites/accept",
    "DELETE /circles/{circle_id}/membership",
    "DELETE /circles/{circle_id}/members/{member_id}",
    "PATCH /circles/{circle_id}/members/{member_id}",
    "GET /me/settings",
    "PUT /me/settings",
    "GET /me/export",
    "DELETE /me",
}
CONSENT_ROUTES = {
    "GET /circles/{circle_id}/consents",
    "PUT /circles/{circle_id}/consents",
    "PUT /circles/{circle_id}/consents/{member_id}",
    "DELETE /circles/{circle_id}/consents/{member_id}",
    "GET /me/consent-audit",
}
MEDIATION_ROUTES = {
    "POST /mediations",
    "GET /mediations",
    "GET /mediations/{mediation_id}",
    "POST /mediations/{mediation_id}/participation",
    "POST /mediations/{mediation_id}/perspective",
    "POST /mediations/{mediation_id}/response",
    "POST /mediations/{mediation_id}/cancel",
    "GET /agreements",
}
ROUTE_FUNCTIONS = {
    **{route: "ChatFunction" for route in CONTRACT_ROUTES},
    **{route: "CirclesFunction" for route in CIRCLES_ROUTES},
    **{route: "ConsentFunction" for route in CONSENT_ROUTES},
    "GET /threads/{thread_id}/messages/{message_id}/why": "ContextFunction",
    **{route: "MediationFunction" for route in MEDIATION_ROUTES},
    **{route: "CheckinsFunction" for route in ("GET /me/checkins", "PUT /me/checkins", "POST /me/reminders")},
}
CONTRACT_ENVIRONMENT = {
    "TABLE_NAME",
    "ESCALATION_TOPIC_ARN",
    "POWERTOOLS_SERVICE_NAME",
    "POWERTOOLS_METRICS_NAMESPACE",
    "LLM_BASE_URL",
    "LLM_MODEL",
    "LLM_MODERATION_MODEL",
    "LLM_API_KEY_SECRET_ARN",
    "LLM_TIMEOUT_SECONDS",
    "LLM_MAX_RETRIES",
    "LLM_PRICE_INPUT_PER_MILLION",
    "LLM_PRICE_OUTPUT_PER_MILLION",
}
# Every finding the project accepts, each with its reason in the code that creates the resource. A new
# acknowledgment must be added here too, so that it is reviewed rather than slipped in.
ACCEPTED_FINDINGS = {
    ("Inetta/Identity/UserPool", "AwsSolutions-COG2"),
    ("Inetta/Llm/ApiKey", "AwsSolutions-SMG4"),
    ("Inetta/ChatFunction/Default", "AwsSolutions-L1"),
    ("Inetta/MediationFunction/Default", "AwsSolutions-L1"),
    ("Inetta/CheckinsFunction/Default", "AwsSolutions-L1"),
    ("Inetta/CirclesFunction/Default", "AwsSolutions-L1"),
    ("Inetta/ConsentFunction/Default", "AwsSolutions-L1"),
    ("Inetta/EscalationFunction/Default", "AwsSolutions-L1"),
    ("Inetta/ChatFunction/Role", "AwsSolutions-IAM5[Resource::*]"),
    ("Inetta/MediationFunction/Role", "AwsSolutions-IAM5[Resource::*]"),
    ("Inetta/CheckinsFunction/Role", "AwsSolutions-IAM5[Resource::*]"),
    ("Inetta/CirclesFunction/Role", "AwsSolutions-IAM5[Resource::*]"),
    ("Inetta/ConsentFunction/Role", "AwsSolutions-IAM5[Resource::*]"),
    ("Inetta/EscalationFunction/Role", "AwsSolutions-IAM5[Resource::*]"),
    ("Inetta/EscalationFunction/Role", "AwsSolutions-IAM5[Action::kms:ReEncrypt*]"),
    ("Inetta/EscalationFunction/Role", "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]"),
    ("Inetta/ContextFunction/Default", "AwsSolutions-L1"),
    ("Inetta/ContextFunction/Role", "AwsSolutions-IAM5[Resource::*]"),
    ("Inetta/ContextFunction/Role", "AwsSolutions-IAM5[Action::kms:ReEncrypt*]"),
    ("Inetta/ContextFunction/Role", "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]"),
    ("Inetta/CheckinsFunction/Role", "AwsSolutions-IAM5[Action::kms:ReEncrypt*]"),
    ("Inetta/CheckinsFunction/Role", "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]"),
    ("Inetta/Mediation/StateMachine", "AwsSolutions-IAM5[Resource::*]"),
    ("Inetta/Mediation/StateMachine", "AwsSolutions-IAM5[Resource::<MediationFunction{hash}.Arn>:*]"),
    ("Inetta/CheckinSchedule/DeadLetterQueue", "AwsSolutions-SQS3"),
    ("Inetta/Api/Default/GET--health", "AwsSolutions-APIG4"),
    # Real-time push (infra/websocket.py): the push function like every function; WebSocket routes cannot take a
    # JWT authorizer ($connect verifies the token itself); connection ids exist only at run time.
    ("Inetta/PushFunction/Default", "AwsSolutions-L1"),
    ("Inetta/PushFunction/Role", "AwsSolutions-IAM5[Resource::*]"),
    ("Inetta/Push/Default/$connect-Route", "AwsSolutions-APIG4"),
    ("Inetta/Push/Default/$disconnect-Route", "AwsSolutions-APIG4"),
    *(
        (f"Inetta/{sender}/Role", f"AwsSolutions-IAM5[Resource::{SEND_RESOURCE_FINDING}]")
        for sender in ("ChatFunction", "CheckinsFunction", "MediationFunction")
    ),
}


@dataclass(repr=False)  # a failing test should not print the whole template
class Synthesized:
    app: Any
    template: dict[str, Any]
    metadata: dict[str, list[dict[str, Any]]]
    validation_error: str | None
    web_template: dict[str, Any] | None = None  # the InettaWeb stack (infra/web.py)

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        return self.template["Resources"]

    def of_type(self, resource_type: str) -> dict[str, dict[str, Any]]:
        return {lid: r for lid, r in self.resources.items() if r["Type"] == resource_type}

    def one(self, resource_type: str, logical_id_prefix: str = "") -> tuple[str, dict[str, Any]]:
        """The single resource of a type whose logical id is `prefix` + CDK's 8-character hash."""
        pattern = re.compile(rf"^{logical_id_prefix}[0-9A-F]{{8}}$") if logical_id_prefix else re.compile(".")
        matches = [(lid, r) for lid, r in self.of_type(resource_type).items() if pattern.match(lid)]
        assert len(matches) == 1, f"expected one {resource_type} {logical_id_prefix!r}, found {[m[0] for m in matches]}"
        return matches[0]

    def props(self, resource_type: str, logical_id_prefix: str = "") -> dict[str, Any]:
        return self.one(resource_type, logical_id_prefix)[1]["Properties"]

    def logical_id(self, resource_type: str, logical_id_prefix: str = "") -> str:
        return self.one(resource_type, logical_id_prefix)[0]


@pytest.fixture(scope="module")
def synth(tmp_path_factory) -> Synthesized:
    outdir = tmp_path_factory.mktemp("cdk.out")
    app, _stack = build_app(
        context=LOCAL_CONTEXT,
        outdir=str(outdir),
        # cdk-nag runs explicitly in its own test, which then reports findings instead of a failed fixture.
        nag=False,
    )
    validation_error = None
    try:
        app.synth()
    except RuntimeError as error:  # CDK's built-in CloudFormation schema validation; files are written first
        validation_error = str(error)
    return Synthesized(
        app=app,
        template=json.loads((outdir / "Inetta.template.json").read_text()),
        metadata=json.loads((outdir / "Inetta.metadata.json").read_text()),
        validation_error=validation_error,
        web_template=json.loads((outdir / "InettaWeb.template.json").read_text()),
    )


def ref(logical_id: str) -> dict[str, str]:
    return {"Ref": logical_id}


def arn_of(logical_id: str) -> dict[str, list[str]]:
    return {"Fn::GetAtt": [logical_id, "Arn"]}


# --- the template as a whole ---------------------------------------------------------------------------


def test_the_template_passes_cloudformation_schema_validation(synth):
    assert synth.validation_error is None


def test_the_stack_outputs_what_operators_and_the_apps_need(synth):
    assert {"ApiUrl", "UserPoolId", "UserPoolClientId", "TableName", "StateMachineArn", "EscalationTopicArn"} <= set(
        synth.template["Outputs"]
    )
    outputs = synth.template["Outputs"]
    assert outputs["TableName"]["Value"] == ref(synth.logical_id("AWS::DynamoDB::Table", "DataTable"))
    assert outputs["UserPoolClientId"]["Value"] == ref(synth.logical_id("AWS::Cognito::UserPoolClient"))
    assert outputs["StateMachineArn"]["Value"] == ref(
        synth.logical_id("AWS::StepFunctions::StateMachine", "MediationStateMachine")
    )


def test_the_template_has_no_resource_types_the_local_stack_cannot_run(synth):
    types = {r["Type"] for r in synth.resources.values()}
    # GlobalTable (TableV2) and Scheduler schedules can't be provisioned in moto; see LOCAL-STACK-NOTES.
    assert not types & {"AWS::DynamoDB::GlobalTable", "AWS::Scheduler::Schedule", "AWS::Lambda::Url"}


# --- identity -------------------------------------------------------------------------------------------


def test_members_sign_up_themselves_with_their_email_and_a_strong_password(synth):
    pool = synth.props("AWS::Cognito::UserPool")
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["AutoVerifiedAttributes"] == ["email"]
    policy = pool["Policies"]["PasswordPolicy"]
    assert policy["MinimumLength"] >= 12
    assert all(policy[f"Require{kind}"] for kind in ("Lowercase", "Uppercase", "Numbers", "Symbols"))
    assert pool["UserPoolTier"] == "PLUS"
    assert pool["UserPoolAddOns"]["AdvancedSecurityMode"] == "ENFORCED"


def test_the_app_client_is_public_and_signs_in_with_srp_or_password(synth):
    client = synth.props("AWS::Cognito::UserPoolClient")
    assert client["UserPoolId"] == ref(synth.logical_id("AWS::Cognito::UserPool"))
    assert client.get("GenerateSecret", False) is False
    assert {"ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"} == set(
        client["ExplicitAuthFlows"]
    )
    assert "AllowedOAuthFlows" not in client


# --- HTTP API -------------------------------------------------------------------------------------------


def test_the_jwt_authorizer_trusts_only_the_user_pool_and_its_client(synth):
    authorizer = synth.props("AWS::ApiGatewayV2::Authorizer")
    pool = synth.logical_id("AWS::Cognito::UserPool")
    assert authorizer["AuthorizerType"] == "JWT"
    assert authorizer["IdentitySource"] == ["$request.header.Authorization"]
    assert authorizer["JwtConfiguration"]["Issuer"] == {
        "Fn::Join": ["", ["https://cognito-idp.", ref("AWS::Region"), ".amazonaws.com/", ref(pool)]]
    }
    assert authorizer["JwtConfiguration"]["Audience"] == [ref(synth.logical_id("AWS::Cognito::UserPoolClient"))]


def _of_http_api(synth, resource_type: str) -> dict[str, dict[str, Any]]:
    """Resources of the HTTP API only (the WebSocket API's are tested below)."""
    http_api = synth.logical_id("AWS::ApiGatewayV2::Api", "Api")
    return {lid: r for lid, r in synth.of_type(resource_type).items() if r["Properties"]["ApiId"] == ref(http_api)}


def test_the_api_serves_exactly_the_contracts_routes_each_from_its_function(synth):
    routes = _of_http_api(synth, "AWS::ApiGatewayV2::Route")
    assert {r["Properties"]["RouteKey"] for r in routes.values()} == set(ROUTE_FUNCTIONS)
    integrations = _of_http_api(synth, "AWS::ApiGatewayV2::Integration")
    for integration in integrations.values():
        assert integration["Properties"]["IntegrationType"] == "AWS_PROXY"
        assert integration["Properties"]["PayloadFormatVersion"] == "2.0"
    for route in routes.values():
        target = route["Properties"]["Target"]["Fn::Join"][1]
        assert target[0] == "integrations/" and target[1]["Ref"] in integrations
        function = synth.logical_id("AWS::Lambda::Function", ROUTE_FUNCTIONS[route["Properties"]["RouteKey"]])
        assert integrations[target[1]["Ref"]]["Properties"]["IntegrationUri"] == arn_of(function)


def test_the_websocket_api_connects_through_the_push_function_and_only_senders_may_post(synth):
    api_id, api = synth.one("AWS::ApiGatewayV2::Api", "Push")
    assert api["Properties"]["ProtocolType"] == "WEBSOCKET"
    routes = [r["Properties"] for r in synth.of_type("AWS::ApiGatewayV2::Route").values()
              if r["Properties"]["ApiId"] == ref(api_id)]
    assert sorted(r["RouteKey"] for r in routes) == ["$connect", "$disconnect"]
    push = synth.logical_id("AWS::Lambda::Function", "PushFunction")
    for integration in synth.of_type("AWS::ApiGatewayV2::Integration").values():
        if integration["Properties"]["ApiId"] == ref(api_id):
            assert push in json.dumps(integration["Properties"]["IntegrationUri"])
    env = synth.props("AWS::Lambda::Function", "PushFunction")["Environment"]["Variables"]
    assert {"USER_POOL_ID", "USER_POOL_CLIENT_ID"} <= set(env)
    senders = {name for name in ("ChatFunction", "CheckinsFunction", "MediationFunction")
               if "PUSH_ENDPOINT" in synth.props("AWS::Lambda::Function", name)["Environment"]["Variables"]}
    assert senders == {"ChatFunction", "CheckinsFunction", "MediationFunction"}
    may_post = {r["Ref"] for p in synth.of_type("AWS::IAM::Policy").values()
                if "execute-api:ManageConnections" in json.dumps(p) for r in p["Properties"]["Roles"]}
    assert may_post == {synth.logical_id("AWS::IAM::Role", f"{name}Role") for name in senders}


def test_only_the_circles_function_may_delete_a_members_sign_in_identity(synth):
    pool = arn_of(synth.logical_id("AWS::Cognito::UserPool"))
    granted = {}
    for policy in synth.of_type("AWS::IAM::Policy").values():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            for action in _as_list(statement["Action"]):
                if action.startswith("cognito-idp:"):
                    assert statement["Resource"] == pool
                    granted.setdefault(action, set()).update(r["Ref"] for r in policy["Properties"]["Roles"])
    circles_role = synth.logical_id("AWS::IAM::Role", "CirclesFunctionRole")
    assert granted == {"cognito-idp:AdminDeleteUser": {circles_role}, "cognito-idp:ListUsers": {circles_role}}
    env = synth.props("AWS::Lambda::Function", "CirclesFunction")["Environment"]["Variables"]
    assert env["USER_POOL_ID"] == ref(synth.logical_id("AWS::Cognito::UserPool"))


def test_only_health_is_reachable_without_a_token(synth):
    authorizer = synth.logical_id("AWS::ApiGatewayV2::Authorizer")
    for route in _of_http_api(synth, "AWS::ApiGatewayV2::Route").values():
        props = route["Properties"]
        if props["RouteKey"] == "GET /health":
            assert props["AuthorizationType"] == "NONE"
            assert "AuthorizerId" not in props
        else:
            assert props["AuthorizationType"] == "JWT", props["RouteKey"]
            assert props["AuthorizerId"] == ref(authorizer), props["RouteKey"]


def test_the_default_stage_logs_every_request_and_is_throttled(synth):
    stage = synth.props("AWS::ApiGatewayV2::Stage", "ApiDefaultStage")
    assert stage["StageName"] == "$default" and stage["AutoDeploy"] is True
    log_group = synth.logical_id("AWS::Logs::LogGroup", "ApiAccessLogs")
    assert stage["AccessLogSettings"]["DestinationArn"] == arn_of(log_group)
    fields = json.loads(stage["AccessLogSettings"]["Format"])
    assert fields["requestId"] == "$context.requestId" and fields["status"] == "$context.status"
    assert stage["DefaultRouteSettings"]["ThrottlingRateLimit"] > 0


def test_a_browser_client_may_call_the_api_with_a_bearer_token(synth):
    cors = synth.props("AWS::ApiGatewayV2::Api", "Api")["CorsConfiguration"]
    assert {"authorization", "content-type"} <= set(cors["AllowHeaders"])
    assert {"GET", "POST"} <= set(cors["AllowMethods"])
    assert cors["AllowOrigins"]


# --- functions ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("construct_id, service", SERVICES.items())
def test_each_function_runs_its_contract_handler_on_python312_arm64(synth, construct_id, service):
    function = synth.props("AWS::Lambda::Function", construct_id)
    assert function["Runtime"] == "python3.12"
    assert function["Architectures"] == ["arm64"]
    assert function["Handler"] == f"services.{service}.handler.lambda_handler"
    assert function["TracingConfig"] == {"Mode": "Active"}
    assert function["Layers"] == [ref(synth.logical_id("AWS::Lambda::LayerVersion", "DependenciesLayer"))]
    assert function["LoggingConfig"]["LogGroup"] == ref(synth.logical_id("AWS::Logs::LogGroup", f"{construct_id}Logs"))


@pytest.mark.parametrize("construct_id, service", SERVICES.items())
def test_each_function_gets_the_contract_environment(synth, construct_id, service):
    env = synth.props("AWS::Lambda::Function", construct_id)["Environment"]["Variables"]
    assert CONTRACT_ENVIRONMENT <= set(env)
    assert "LLM_API_KEY" not in env, "the key itself is only ever set locally"
    assert env["TABLE_NAME"] == ref(synth.logical_id("AWS::DynamoDB::Table", "DataTable"))
    assert env["ESCALATION_TOPIC_ARN"] == ref(synth.logical_id("AWS::SNS::Topic", "EscalationTopic"))
    assert env["LLM_API_KEY_SECRET_ARN"] == ref(synth.logical_id("AWS::SecretsManager::Secret", "LlmApiKey"))
    assert env["POWERTOOLS_SERVICE_NAME"] == service
    assert env["POWERTOOLS_METRICS_NAMESPACE"] == "Inetta"
    assert env["POWERTOOLS_LOG_LEVEL"] == "INFO"
    context = cdk_json_context()
    assert env["LLM_BASE_URL"] == context["inetta:llmBaseUrl"]
    assert env["LLM_MODEL"] == context["inetta:llmModel"]
    assert env["LLM_MODERATION_MODEL"] == context["inetta:llmModerationModel"]
    assert int(env["LLM_TIMEOUT_SECONDS"]) * (int(env["LLM_MAX_RETRIES"]) + 1) < synth.props(
        "AWS::Lambda::Function", construct_id
    )["Timeout"], "the function must outlive its LLM calls"


@pytest.mark.parametrize("construct_id", SERVICES)
def test_failed_async_invocations_of_each_function_land_in_an_encrypted_dead_letter_queue(synth, construct_id):
    function = synth.props("AWS::Lambda::Function", construct_id)
    queue_id = synth.logical_id("AWS::SQS::Queue", f"{construct_id}DeadLetterQueue")
    assert function["DeadLetterConfig"]["TargetArn"] == arn_of(queue_id)
    queue = synth.resources[queue_id]["Properties"]
    assert queue["KmsMasterKeyId"] == arn_of(synth.logical_id("AWS::KMS::Key", "DataKey"))
    _assert_ssl_only(synth, "AWS::SQS::QueuePolicy", "Queues", queue_id)


@pytest.mark.parametrize("construct_id", SERVICES)
def test_each_function_role_grants_only_what_the_function_uses(synth, construct_id):
    role = synth.logical_id("AWS::IAM::Role", f"{construct_id}Role")
    assert "ManagedPolicyArns" not in synth.resources[role]["Properties"]
    statements = [
        statement
        for policy in synth.of_type("AWS::IAM::Policy").values()
        if policy["Properties"]["Roles"] == [ref(role)]
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
    ]
    actions = {a for s in statements for a in _as_list(s["Action"])}
    if construct_id in STREAM_FED:
        # The stream's on-failure destination (SqsDlq) grants these on the data key alone (acknowledged in cdk-nag).
        kms_by_dlq = {"kms:ReEncrypt*", "kms:GenerateDataKey*"}
        assert all(r == arn_of(synth.logical_id("AWS::KMS::Key", "DataKey"))
                   for s in statements if kms_by_dlq & set(_as_list(s["Action"])) for r in _as_list(s["Resource"]))
        actions -= kms_by_dlq
    assert not [a for a in actions if "*" in a], "no wildcard actions"
    assert "dynamodb:Scan" not in actions
    unscoped = {a for s in statements if s["Resource"] == "*" for a in _as_list(s["Action"])}
    if construct_id in STREAM_FED:
        unscoped -= {"dynamodb:ListStreams"}  # added by the event source; the action has no resource-level scope
    assert unscoped == {"xray:PutTraceSegments", "xray:PutTelemetryRecords"}

    def resources_for(action: str) -> list[Any]:
        return [r for s in statements if action in _as_list(s["Action"]) for r in _as_list(s["Resource"])]

    table = synth.logical_id("AWS::DynamoDB::Table", "DataTable")
    assert arn_of(table) in resources_for("dynamodb:PutItem")
    assert {"Fn::Join": ["", [arn_of(table), "/index/by_owner"]]} in resources_for("dynamodb:Query")
    assert resources_for("kms:Decrypt") and all(
        r == arn_of(synth.logical_id("AWS::KMS::Key", "DataKey")) for r in resources_for("kms:Decrypt")
    )
    assert resources_for("sns:Publish") == [ref(synth.logical_id("AWS::SNS::Topic", "EscalationTopic"))]
    assert resources_for("secretsmanager:GetSecretValue") == [
        ref(synth.logical_id("AWS::SecretsManager::Secret", "LlmApiKey"))
    ]


@pytest.mark.parametrize("construct_id", SERVICES)
def test_the_local_stack_finds_each_functions_source_and_layer_in_asset_metadata(synth, construct_id):
    function_id, function = synth.one("AWS::Lambda::Function", construct_id)
    assert function["Metadata"]["aws:asset:path"] == str(REPO_ROOT)
    assert function["Metadata"]["aws:asset:property"] == "Code"
    _, layer = synth.one("AWS::Lambda::LayerVersion", "DependenciesLayer")
    assert layer["Metadata"]["aws:asset:path"] == str(packaging.layer_path())
    assert layer["Properties"]["CompatibleArchitectures"] == ["arm64"]
    assert layer["Properties"]["CompatibleRuntimes"] == ["python3.12"]


# --- data -----------------------------------------------------------------------------------------------


def test_the_single_table_has_the_contracts_keys_index_ttl_and_stream(synth):
    table = synth.props("AWS::DynamoDB::Table", "DataTable")
    assert table["KeySchema"] == [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ]
    assert {(a["AttributeName"], a["AttributeType"]) for a in table["AttributeDefinitions"]} == {
        ("pk", "S"),
        ("sk", "S"),
        ("owner", "S"),
    }
    assert table["GlobalSecondaryIndexes"] == [
        {
            "IndexName": "by_owner",
            "KeySchema": [
                {"AttributeName": "owner", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }
    ]
    assert table["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert table["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert len(synth.of_type("AWS::DynamoDB::Table")) == 1


def test_the_table_is_recoverable_and_encrypted_with_a_rotating_customer_key(synth):
    table_id, table = synth.one("AWS::DynamoDB::Table", "DataTable")
    props = table["Properties"]
    assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    key = synth.logical_id("AWS::KMS::Key", "DataKey")
    assert props["SSESpecification"] == {"KMSMasterKeyId": arn_of(key), "SSEEnabled": True, "SSEType": "KMS"}
    assert synth.resources[key]["Properties"]["EnableKeyRotation"] is True
    assert props["DeletionProtectionEnabled"] is True
    assert table["DeletionPolicy"] == "Retain"


# --- mediation ------------------------------------------------------------------------------------------


def _definition(synth: Synthesized) -> dict[str, Any]:
    """The state machine's ASL, with each CloudFormation reference replaced by `${LogicalId.Attribute}` / `${Ref}`."""
    parts = synth.props("AWS::StepFunctions::StateMachine", "MediationStateMachine")["DefinitionString"]["Fn::Join"][1]

    def text(part: Any) -> str:
        if isinstance(part, str):
            return part
        if "Ref" in part:
            return f"${{{part['Ref']}}}"
        logical_id, attribute = part["Fn::GetAtt"]
        return f"${{{logical_id}.{attribute}}}"

    return json.loads("".join(text(part) for part in parts))


def _all_states(definition: dict[str, Any]) -> dict[str, Any]:
    """Every state, those inside Map states included."""
    found = {}
    for name, state in definition["States"].items():
        found[name] = state
        processor = state.get("ItemProcessor") or state.get("Iterator")
        if processor:
            found.update(_all_states(processor))
    return found


def test_mediation_opens_by_invoking_the_mediation_function_with_retries(synth):
    definition = _definition(synth)
    assert "QueryLanguage" not in definition or definition["QueryLanguage"] == "JSONPath"
    opening = definition["States"][definition["StartAt"]]
    mediation_function = synth.logical_id("AWS::Lambda::Function", "MediationFunction")
    assert opening["Type"] == "Task"
    assert opening["Resource"] == f"${{{mediation_function}.Arn}}"
    assert opening["Parameters"] == {
        "step": "open",
        "mediation_id.$": "$.mediation_id",
        "circle_id.$": "$.circle_id",
    }
    assert opening["ResultPath"] == "$.opened"
    [retry] = opening["Retry"]
    assert "Lambda.ServiceException" in retry["ErrorEquals"] and "TransientStepError" in retry["ErrorEquals"]
    assert retry["MaxAttempts"] >= 2 and retry["BackoffRate"] > 1


def test_every_task_retries_with_backoff_and_every_failure_closes_the_mediation(synth):
    states = _all_states(_definition(synth))
    mediation_tasks = {name: s for name, s in states.items() if s["Type"] == "Task"}
    assert {"OpenMediation", "SafetyGate", "Synthesise", "Advise", "DraftAgreement", "Tally", "Conclude",
            "CloseMediation", "OptInAsk", "PerspectiveAsk", "ReviewAsk"} <= set(mediation_tasks)
    for name, task in mediation_tasks.items():
        [retry] = task["Retry"]
        assert "TransientStepError" in retry["ErrorEquals"] and retry["BackoffRate"] > 1, name
        assert "States.Timeout" not in retry["ErrorEquals"], name
    top = _definition(synth)["States"]
    for name in ("OpenMediation", "SafetyGate", "Synthesise", "Advise", "DraftAgreement", "Tally", "Conclude",
                 "InviteParties", "GatherPerspectives", "ReviewDraft"):
        [catch] = top[name]["Catch"]
        assert catch["ErrorEquals"] == ["States.ALL"] and catch["Next"] == "CloseMediation", name
    closing = top["CloseMediation"]
    assert closing["Parameters"]["step"] == "close" and closing["Parameters"]["error.$"] == "$.error"
    # A close caused by a failed task ends in a Fail state (the failed-executions alarm); others end quietly.
    choice = top[closing["Next"]]
    [rule] = choice["Choices"]
    assert rule["And"][0] == {"Variable": "$.closed.reason", "IsPresent": True}
    assert top[rule["Next"]]["Type"] == "Fail" and top[choice["Default"]]["Type"] == "Succeed"


def test_parties_answer_through_task_tokens_with_reminders_and_a_timeout(synth):
    definition = _definition(synth)
    for map_name, prefix, phase in (("InviteParties", "OptIn", "optin"),
                                    ("GatherPerspectives", "Perspective", "perspective"),
                                    ("ReviewDraft", "Review", "agreement")):
        turn = definition["States"][map_name]
        assert turn["Type"] == "Map"
        assert turn["ItemSelector"]["member_id.$"] == "$$.Map.Item.Value"
        states = turn["ItemProcessor"]["States"]
        ask = states[f"{prefix}Ask"]
        assert ask["Resource"].endswith(":states:::lambda:invoke.waitForTaskToken")
        assert ask["Parameters"]["Payload"]["token.$"] == "$$.Task.Token"
        assert ask["Parameters"]["Payload"]["phase"] == phase
        # The wait is configurable (a reminder every `reminder_seconds`), not a constant.
        assert ask["TimeoutSecondsPath"] == "$.timings.reminder_seconds"
        [timeout] = ask["Catch"]
        assert timeout["ErrorEquals"] == ["States.Timeout"]
        timed_out = states[timeout["Next"]]
        give_up = states[timed_out["Next"]]
        [rule] = give_up["Choices"]
        assert states[rule["Next"]] == {"Type": "Fail", "Error": "PartyTimedOut", "Cause": states[rule["Next"]]["Cause"]}
        assert give_up["Default"] == f"{prefix}Ask"


def test_an_amendment_goes_back_to_the_draft_and_agreement_concludes(synth):
    states = _definition(synth)["States"]
    outcome = states[states["Tally"]["Next"]]
    nexts = {rule["And"][1]["StringEquals"]: rule["Next"] for rule in outcome["Choices"]}
    assert nexts == {"agreed": "Conclude", "redraft": "DraftAgreement"}
    assert states[outcome["Default"]]["Parameters"] == {"step": "close", "mediation_id.$": "$.mediation_id",
                                                       "reason": "no_agreement", "audience": "parties"}
    assert states[states["Conclude"]["Next"]]["Type"] == "Succeed"


def test_the_safety_gate_runs_before_anyone_is_invited_and_again_before_synthesis(synth):
    states = _definition(synth)["States"]
    choice = states[states["OpenMediation"]["Next"]]
    [rule] = choice["Choices"]
    # IsPresent first: moto takes the Default on a missing path where AWS fails the execution.
    assert rule["And"] == [
        {"Variable": "$.opened.status", "IsPresent": True},
        {"Variable": "$.opened.status", "StringEquals": "opened"},
    ]
    assert rule["Next"] == "SafetyGate" and states[choice["Default"]]["Type"] == "Succeed"
    gate_open = states[states["SafetyGate"]["Next"]]
    [blocked] = gate_open["Choices"]
    assert states[blocked["Next"]]["Parameters"]["audience"] == "initiator"  # nobody else was invited yet
    assert gate_open["Default"] == "InviteParties"
    assert states["GatherPerspectives"]["Next"] == "SafetyRecheck"


def test_the_mediation_function_may_start_executions_and_answer_tokens_of_this_machine_only(synth):
    policies = [p for p in synth.of_type("AWS::IAM::Policy").values()
                if any(r.get("Ref", "").startswith("MediationFunctionRole") for r in p["Properties"]["Roles"])]
    statements = [s for p in policies for s in p["Properties"]["PolicyDocument"]["Statement"]
                  if any(str(a).startswith("states:") for a in (s["Action"] if isinstance(s["Action"], list) else [s["Action"]]))]
    [statement] = statements
    assert set(statement["Action"]) == {"states:StartExecution", "states:SendTaskSuccess", "states:SendTaskFailure",
                                        "states:SendTaskHeartbeat"}
    assert "Inetta-mediation" in json.dumps(statement["Resource"])
    machine = synth.props("AWS::StepFunctions::StateMachine", "MediationStateMachine")
    assert machine["StateMachineName"] == "Inetta-mediation"


def test_mediation_executions_are_logged_and_traced_without_members_words(synth):
    machine = synth.props("AWS::StepFunctions::StateMachine", "MediationStateMachine")
    assert machine["StateMachineType"] == "STANDARD"
    assert machine["TracingConfiguration"] == {"Enabled": True}
    logging = machine["LoggingConfiguration"]
    assert logging["Level"] == "ALL" and logging["IncludeExecutionData"] is False
    assert logging["Destinations"][0]["CloudWatchLogsLogGroup"]["LogGroupArn"] == arn_of(
        synth.logical_id("AWS::Logs::LogGroup", "MediationLogs")
    )


# --- check-ins ------------------------------------------------------------------------------------------


def test_a_check_in_slot_ticks_the_checkins_function_every_15_minutes(synth):
    rule = synth.props("AWS::Events::Rule", "CheckinSchedule")
    assert rule["ScheduleExpression"] == "cron(0/15 * * * ? *)"  # on the quarter hours
    [target] = rule["Targets"]
    assert target["Arn"] == arn_of(synth.logical_id("AWS::Lambda::Function", "CheckinsFunction"))
    assert json.loads(target["Input"]) == {"source": "inetta.schedule", "slot_minutes": 15}
    assert target["RetryPolicy"]["MaximumRetryAttempts"] >= 1
    assert target["DeadLetterConfig"]["Arn"] == arn_of(
        synth.logical_id("AWS::SQS::Queue", "CheckinScheduleDeadLetterQueue")
    )
    permissions = [
        p["Properties"]
        for p in synth.of_type("AWS::Lambda::Permission").values()
        if p["Properties"]["Principal"] == "events.amazonaws.com"
    ]
    assert {json.dumps(p["FunctionName"]) for p in permissions} == {
        json.dumps(arn_of(synth.logical_id("AWS::Lambda::Function", "CheckinsFunction")))
    }


def test_each_shard_of_a_slot_gets_its_own_invocation_and_follow_ups_arrive_from_the_stream(synth):
    shards = synth.props("AWS::Events::Rule", "CheckinScheduleShards")
    assert shards["EventPattern"] == {"source": ["inetta.checkins"], "detail-type": ["Check-in shard due"]}
    [target] = shards["Targets"]
    assert target["Arn"] == arn_of(synth.logical_id("AWS::Lambda::Function", "CheckinsFunction"))
    function = synth.props("AWS::Lambda::Function", "CheckinsFunction")
    assert function["Environment"]["Variables"]["CHECKINS_FANOUT"] == "events"
    mappings = [
        m["Properties"] for m in synth.of_type("AWS::Lambda::EventSourceMapping").values()
        if m["Properties"]["FunctionName"] == {"Ref": synth.logical_id("AWS::Lambda::Function", "CheckinsFunction")}
    ]
    [mapping] = mappings
    [pattern] = [json.loads(f["Pattern"]) for f in mapping["FilterCriteria"]["Filters"]]
    assert pattern["dynamodb"]["NewImage"]["kind"]["S"] == ["crisis_follow_up", "agreement_followup"]


# --- escalation and monitoring --------------------------------------------------------------------------


def test_new_incidents_and_updates_of_incidents_reach_the_escalation_function_and_nothing_else(synth):
    [mapping] = [
        m["Properties"] for m in synth.of_type("AWS::Lambda::EventSourceMapping").values()
        if m["Properties"]["FunctionName"] == {"Ref": synth.logical_id("AWS::Lambda::Function", "EscalationFunction")}
    ]
    patterns = [json.loads(f["Pattern"]) for f in mapping["FilterCriteria"]["Filters"]]
    # A new incident is escalated; an update may raise its danger or carry the member's answer (on-call is told).
    assert sorted((p["eventName"][0], p["dynamodb"]["NewImage"]["kind"]["S"][0]) for p in patterns) == [
        ("INSERT", "incident"), ("MODIFY", "incident")]


def test_crisis_escalations_go_to_an_encrypted_ssl_only_topic(synth):
    topic_id = synth.logical_id("AWS::SNS::Topic", "EscalationTopic")
    topic = synth.resources[topic_id]["Properties"]
    assert topic["KmsMasterKeyId"] == arn_of(synth.logical_id("AWS::KMS::Key", "DataKey"))
    _assert_ssl_only(synth, "AWS::SNS::TopicPolicy", "Topics", topic_id)
    # No on-call address in cdk.json: no subscription (moto can't provision one either).
    assert not synth.of_type("AWS::SNS::Subscription")


def test_the_on_call_email_subscribes_to_escalations_when_configured(tmp_path):
    from aws_cdk import App, Stack
    from aws_cdk import aws_kms as kms
    from aws_cdk.assertions import Template

    from infra.escalation import Escalation
    from infra.settings import Settings

    app = App(context={"inetta:onCallEmail": " oncall@example.org "}, outdir=str(tmp_path))
    stack = Stack(app, "Escalation")
    settings = Settings.from_context(stack)
    Escalation(stack, "Escalation", key=kms.Key(stack, "Key"), on_call_email=settings.on_call_email)
    Template.from_stack(stack).has_resource_properties(
        "AWS::SNS::Subscription", {"Protocol": "email", "Endpoint": "oncall@example.org"}
    )
    assert settings.alarm_email == "oncall@example.org"


def _alarms(synth: Synthesized) -> list[dict[str, Any]]:
    return [a["Properties"] for a in synth.of_type("AWS::CloudWatch::Alarm").values()]


def _alarm_on(synth: Synthesized, namespace: str, metric: str, dimension: str, value: Any) -> dict[str, Any]:
    found = [
        a
        for a in _alarms(synth)
        if a.get("Namespace") == namespace
        and a.get("MetricName") == metric
        and {"Name": dimension, "Value": value} in a.get("Dimensions", [])
    ]
    assert len(found) == 1, f"expected one alarm on {namespace} {metric} {dimension}={value}"
    return found[0]


@pytest.mark.parametrize("construct_id", SERVICES)
def test_errors_throttles_and_dead_letters_of_each_function_raise_alarms(synth, construct_id):
    function = ref(synth.logical_id("AWS::Lambda::Function", construct_id))
    _alarm_on(synth, "AWS/Lambda", "Errors", "FunctionName", function)
    _alarm_on(synth, "AWS/Lambda", "Throttles", "FunctionName", function)
    queue = synth.logical_id("AWS::SQS::Queue", f"{construct_id}DeadLetterQueue")
    _alarm_on(synth, "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", {"Fn::GetAtt": [queue, "QueueName"]})


def test_failed_mediations_api_5xx_and_undelivered_ticks_raise_alarms(synth):
    machine = ref(synth.logical_id("AWS::StepFunctions::StateMachine", "MediationStateMachine"))
    _alarm_on(synth, "AWS/States", "ExecutionsFailed", "StateMachineArn", machine)
    _alarm_on(synth, "AWS/ApiGateway", "5xx", "ApiId", ref(synth.logical_id("AWS::ApiGatewayV2::Api", "Api")))
    queue = synth.logical_id("AWS::SQS::Queue", "CheckinScheduleDeadLetterQueue")
    _alarm_on(synth, "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", {"Fn::GetAtt": [queue, "QueueName"]})


def test_undelivered_crisis_notifications_and_table_throttles_raise_alarms(synth):
    topic = synth.logical_id("AWS::SNS::Topic", "EscalationTopic")
    _alarm_on(synth, "AWS/SNS", "NumberOfNotificationsFailed", "TopicName", {"Fn::GetAtt": [topic, "TopicName"]})
    table = ref(synth.logical_id("AWS::DynamoDB::Table", "DataTable"))
    [throttles] = [a for a in _alarms(synth) if "throttled requests" in a["AlarmDescription"]
                   and "DynamoDB" in a["AlarmDescription"]]
    stats = [m["MetricStat"]["Metric"] for m in throttles["Metrics"] if "MetricStat" in m]
    watched = {d["Value"] for m in stats if m["MetricName"] == "ThrottledRequests"
               and {"Name": "TableName", "Value": table} in m["Dimensions"]
               for d in m["Dimensions"] if d["Name"] == "Operation"}
    # Every operation the functions use on the table, reads and writes.
    assert {"Query", "BatchGetItem", "TransactWriteItems", "UpdateItem", "PutItem"} <= watched


def test_every_alarm_notifies_the_encrypted_alarm_topic(synth):
    topic_id = synth.logical_id("AWS::SNS::Topic", "MonitoringAlarmTopic")
    assert synth.resources[topic_id]["Properties"]["KmsMasterKeyId"] == arn_of(
        synth.logical_id("AWS::KMS::Key", "MonitoringAlarmKey")
    )
    alarms = _alarms(synth)
    assert len(alarms) >= 12
    for alarm in alarms:
        assert alarm["AlarmActions"] == [ref(topic_id)], alarm["AlarmDescription"]
        assert alarm["Threshold"] == 1
    # CloudWatch may publish to the topic (the SSL-only topic policy replaces the default one).
    [policy] = [
        p["Properties"]["PolicyDocument"]["Statement"]
        for p in synth.of_type("AWS::SNS::TopicPolicy").values()
        if p["Properties"]["Topics"] == [ref(topic_id)]
    ]
    assert any(
        s["Effect"] == "Allow" and s.get("Principal") == {"Service": "cloudwatch.amazonaws.com"} for s in policy
    )


# --- cdk-nag --------------------------------------------------------------------------------------------


def test_cdk_nag_finds_no_unacknowledged_aws_solutions_findings(synth):
    findings = []
    for pack in compliance.nag_packs(synth.app):
        report = pack.validate_scope(synth.app)
        findings += [
            f"{v.severity} {v.rule_name} at {r.construct_path}: {v.description}"
            for v in report.violations
            for r in v.violating_resources
        ]
    assert findings == []


def _acknowledgments(synth: Synthesized) -> list[tuple[str, str, str]]:
    return [
        (path.lstrip("/"), re.sub(r"^annotation::", "", rule, flags=re.IGNORECASE), reason)
        for path, entries in synth.metadata.items()
        for entry in entries
        if entry["type"] == compliance.ACKNOWLEDGED_RULES_METADATA_KEY
        for rule, reason in entry["data"].items()
    ]


def test_every_acknowledged_finding_says_why(synth):
    acknowledgments = _acknowledgments(synth)
    assert acknowledgments
    for path, rule, reason in acknowledgments:
        assert len(reason.strip()) >= compliance.MIN_REASON_LENGTH, f"{rule} at {path}"


def test_the_acknowledged_findings_are_exactly_the_reviewed_ones(synth):
    function_hash = synth.logical_id("AWS::Lambda::Function", "MediationFunction").removeprefix("MediationFunction")
    expected = {(path, rule.replace("{hash}", function_hash)) for path, rule in ACCEPTED_FINDINGS}
    assert {(path, rule) for path, rule, _ in _acknowledgments(synth)} == expected


def test_cdk_nag_fails_the_synth_on_a_violation(tmp_path):
    """The mechanism build_app relies on: an unacknowledged finding stops `cdk synth`."""
    from aws_cdk import App, Stack
    from aws_cdk import aws_sqs as sqs

    app = App(outdir=str(tmp_path))
    stack = Stack(app, "Careless")
    sqs.Queue(stack, "PlainQueue")  # no dead-letter queue, no SSL enforcement
    compliance.enable_checks(app)
    with pytest.raises(RuntimeError, match=r"AwsSolutions-SQS4"):
        app.synth()


def test_an_acknowledgment_without_a_reason_is_refused():
    from aws_cdk import App

    with pytest.raises(ValueError, match="concrete reason"):
        compliance.acknowledge(App(), "AwsSolutions-SQS3", "  because ")


# --- helpers --------------------------------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _assert_ssl_only(synth: Synthesized, policy_type: str, target_key: str, target_id: str) -> None:
    statements = [
        s
        for p in synth.of_type(policy_type).values()
        if ref(target_id) in p["Properties"][target_key]
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    ]
    assert any(
        s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}} for s in statements
    ), f"{target_id} must refuse plain HTTP"


def test_the_operator_dashboard_shows_turns_crises_api_mediations_errors_and_dead_letters(synth):
    (_, dashboard), = synth.of_type("AWS::CloudWatch::Dashboard").items()
    body = json.dumps(dashboard["Properties"]["DashboardBody"])
    for figure in ("ChatTurns", "Replies_safety", "CrisisIncidentsEscalated", "5xx", "ExecutionsFailed",
                   "Errors", "ApproximateNumberOfMessagesVisible", "ThrottledRequests"):
        assert figure in body, figure


# --- the web client (InettaWeb stack, infra/web.py) -----------------------------------------------------------


def _web_of_type(synth: Synthesized, resource_type: str) -> list[dict[str, Any]]:
    return [r for r in synth.web_template["Resources"].values() if r["Type"] == resource_type]


def test_the_api_stack_has_no_web_resources_so_the_local_stack_can_run_it(synth):
    types = {r["Type"] for r in synth.resources.values()}
    assert not {t for t in types if t.startswith("AWS::CloudFront::") or t.startswith("Custom::")}


def test_the_web_client_is_a_private_bucket_behind_cloudfront(synth):
    (bucket,) = _web_of_type(synth, "AWS::S3::Bucket")
    assert bucket["Properties"]["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True, "RestrictPublicBuckets": True}
    (distribution,) = _web_of_type(synth, "AWS::CloudFront::Distribution")
    config = distribution["Properties"]["DistributionConfig"]
    assert config["DefaultRootObject"] == "index.html"
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    assert "OriginAccessControlId" in config["Origins"][0]
    (headers,) = _web_of_type(synth, "AWS::CloudFront::ResponseHeadersPolicy")
    security = headers["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert "frame-ancestors 'none'" in security["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    statements = [s for p in _web_of_type(synth, "AWS::S3::BucketPolicy")
                  for s in p["Properties"]["PolicyDocument"]["Statement"]]
    assert any(s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
               for s in statements)


def test_the_web_client_gets_its_runtime_config_from_the_api_stack(synth):
    (deployment,) = _web_of_type(synth, "Custom::CDKBucketDeployment")
    # Source.json_data("config.json", ...): the deploy-time values travel as markers beside the asset.
    text = json.dumps(deployment["Properties"]["SourceMarkers"])
    imported = {v for v in re.findall(r'"Fn::ImportValue": "([^"]+)"', text)}
    exports = {o["Export"]["Name"] for o in synth.template["Outputs"].values() if "Export" in o}
    # The API URL, the pool, its app client, and the WebSocket API (real-time push)
    assert len(imported) == 4 and imported <= exports
    assert {"WebUrl", "WebBucketName"} <= set(synth.web_template["Outputs"])

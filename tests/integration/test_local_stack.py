"""The local stack behaves like the AWS services it stands in for: the gateway's JWT authorizer and routing, Step
Functions running the template's state machine on our handler, the schedule firing its function, and each
function living in its own environment."""

from __future__ import annotations

import base64
import json
import time
import uuid

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from inetta.local.cognito import strong_password

pytestmark = [pytest.mark.spine, pytest.mark.integration]

TIMEOUT = 30


def gateway_calls(stack, function: str = "ChatFunction") -> int:
    return len(stack.invocations(function, source="gateway"))


def moto_signing_key():
    """The private key every moto user pool signs with (a constant shipped with moto)."""
    from moto.utilities.utils import load_resource

    return jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(load_resource("cognitoidp/resources/jwks-private.json")))


def access_token_claims(stack, member, **changes) -> dict:
    now = int(time.time())
    claims = {
        "sub": member.sub,
        "iss": f"https://cognito-idp.{stack.region}.amazonaws.com/{stack.user_pool_id}",
        "client_id": stack.user_pool_client_id,
        "token_use": "access",
        "scope": "aws.cognito.signin.user.admin",
        "username": member.username,
        "iat": now,
        "auth_time": now,
        "exp": now + 600,
        "jti": str(uuid.uuid4()),
    }
    claims.update(changes)
    return claims


def sign(claims: dict, key) -> str:
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "dummy"})


def get_threads(api_url: str, token: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return requests.get(f"{api_url}/threads", headers=headers, timeout=TIMEOUT)


def test_health_answers_200(api_url):
    response = requests.get(f"{api_url}/health", timeout=TIMEOUT)
    assert response.status_code == 200


def test_a_members_own_tokens_pass_the_authorizer(local_stack, api_url, member):
    before = gateway_calls(local_stack)
    assert get_threads(api_url, member.access_token).status_code == 200  # client_id checked
    assert get_threads(api_url, member.id_token).status_code == 200  # aud checked
    # A token we sign ourselves with moto's key and the right claims passes too: so the refusals below are
    # due to the one thing each of them changes.
    assert get_threads(api_url, sign(access_token_claims(local_stack, member), moto_signing_key())).status_code == 200
    assert gateway_calls(local_stack) == before + 3


def test_requests_without_a_valid_token_are_refused_before_any_handler_runs(local_stack, api_url, member):
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    refused = {
        "no token": None,
        "not a JWT": "not.a.jwt",
        "forged (another RSA key)": sign(access_token_claims(local_stack, member), other_key),
        "expired": sign(access_token_claims(local_stack, member, exp=int(time.time()) - 60), moto_signing_key()),
        "tampered payload": member.access_token[:-4] + ("AAAA" if not member.access_token.endswith("AAAA") else "BBBB"),
    }
    before = gateway_calls(local_stack)
    for case, token in refused.items():
        response = get_threads(api_url, token)
        assert response.status_code == 401, case
        assert response.json() == {"message": "Unauthorized"}, case
    assert gateway_calls(local_stack) == before, "a handler ran for a refused request"


def test_a_token_from_another_user_pool_is_refused_though_moto_signed_it(local_stack, api_url):
    # Every moto pool signs with the same key: only the issuer check can tell this token apart.
    cognito = local_stack.client("cognito-idp")
    pool_id = cognito.create_user_pool(PoolName=f"elsewhere-{uuid.uuid4().hex[:8]}")["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="elsewhere", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    token = _signed_in_token(cognito, pool_id, client_id)
    assert jwt.decode(token, options={"verify_signature": False})["iss"].endswith(pool_id)
    # The same, but claiming our app client: nothing but the issuer is wrong.
    member = type("Claimant", (), {"sub": str(uuid.uuid4()), "username": "claimant"})
    impostor = sign(access_token_claims(local_stack, member, iss=f"https://cognito-idp.{local_stack.region}"
                                        f".amazonaws.com/{pool_id}"), moto_signing_key())
    before = gateway_calls(local_stack)
    assert get_threads(api_url, token).status_code == 401
    assert get_threads(api_url, impostor).status_code == 401
    assert gateway_calls(local_stack) == before


def test_a_token_for_another_app_client_of_the_same_pool_is_refused(local_stack, api_url):
    cognito = local_stack.client("cognito-idp")
    client_id = cognito.create_user_pool_client(
        UserPoolId=local_stack.user_pool_id, ClientName=f"other-app-{uuid.uuid4().hex[:8]}",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"],
    )["UserPoolClient"]["ClientId"]
    access_token = _signed_in_token(cognito, local_stack.user_pool_id, client_id)
    id_token = _signed_in_token(cognito, local_stack.user_pool_id, client_id, kind="IdToken")
    before = gateway_calls(local_stack)
    assert get_threads(api_url, access_token).status_code == 401  # client_id not in the audience
    assert get_threads(api_url, id_token).status_code == 401  # aud not in the audience
    assert gateway_calls(local_stack) == before


def _signed_in_token(cognito, pool_id: str, client_id: str, kind: str = "AccessToken") -> str:
    # An email as username suits pools that sign in by email, and the others.
    username, password = f"outsider-{uuid.uuid4().hex[:8]}@example.test", strong_password()
    cognito.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
                              TemporaryPassword=strong_password())
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)
    result = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": username, "PASSWORD": password})
    return result["AuthenticationResult"][kind]


def test_an_unknown_route_is_404_not_found(local_stack, api_url, member):
    before = gateway_calls(local_stack)
    for method, path in [("GET", "/no-such-route"), ("DELETE", "/threads"), ("GET", "/threads/extra/segments/here")]:
        response = member.session.request(method, f"{api_url}{path}", timeout=TIMEOUT)
        assert response.status_code == 404, (method, path)
        assert response.json() == {"message": "Not Found"}
    assert gateway_calls(local_stack) == before


def test_the_state_machine_runs_for_real_and_its_task_runs_our_handler(local_stack):
    name, mediation_id = f"spine-{uuid.uuid4().hex[:12]}", f"m-{uuid.uuid4().hex[:12]}"
    arn = local_stack.start_execution(
        "MediationStateMachine", {"mediation_id": mediation_id, "circle_id": "c-local"}, name=name
    )
    assert arn.endswith(f":{name}")
    execution = local_stack.wait_for_execution(arn, timeout=60)
    assert execution["status"] == "SUCCEEDED", execution
    # Only this execution's runs: other tests' mediations (some failing on purpose) run on the other worker.
    runs = [run for run in local_stack.invocations("MediationFunction", source="lambda-api")
            if run.event.get("mediation_id") == mediation_id]
    assert runs and all(run.error_type is None for run in runs)
    assert runs[0].event.get("step") == "open"  # the Parameters of the template's first task


def test_a_tick_fires_the_check_in_function_with_the_rules_input(local_stack):
    before = len(local_stack.invocations("CheckinsFunction"))
    fired = local_stack.tick()
    checkins = [f for f in fired if f.get("function", "").startswith("CheckinsFunction")]
    assert checkins and all(f["ok"] for f in checkins), fired
    # Other tests (on the other worker) may invoke the function meanwhile, through the API or its stream: only the
    # tick's own runs are counted.
    runs = [r for r in local_stack.invocations("CheckinsFunction")[before:] if r.source.startswith("tick:")]
    assert len(runs) >= len(checkins) and all(r.error_type is None for r in runs)


def test_the_dev_tick_route_fires_the_schedules(local_stack, api_url):
    before = len(local_stack.invocations("CheckinsFunction"))
    response = requests.post(f"{api_url}/_local/tick", timeout=TIMEOUT)
    assert response.status_code == 200 and response.json()["fired"]
    assert len(local_stack.invocations("CheckinsFunction")) > before


def test_each_function_runs_in_its_own_process_with_its_own_environment(local_stack):
    chat = local_stack.worker_environ("ChatFunction")
    mediation = local_stack.worker_environ("MediationFunction")
    assert chat["POWERTOOLS_SERVICE_NAME"] == "chat" and mediation["POWERTOOLS_SERVICE_NAME"] == "mediation"
    assert chat["AWS_LAMBDA_FUNCTION_NAME"] == local_stack.functions[_logical(local_stack, "ChatFunction")].name
    assert chat["AWS_LAMBDA_FUNCTION_NAME"] != mediation["AWS_LAMBDA_FUNCTION_NAME"]
    assert chat["TABLE_NAME"] == local_stack.outputs["TableName"]  # the template's Ref, resolved by moto
    for environ in (chat, mediation):
        assert environ["AWS_ENDPOINT_URL"] == local_stack.moto_url
        assert environ["AWS_ACCESS_KEY_ID"] == "testing"  # never a developer's real credentials
        assert "LLM_API_KEY_SECRET_ARN" not in environ  # locally the key comes from LLM_API_KEY
        assert "AWS_PROFILE" not in environ


def test_an_env_override_reaches_only_the_functions_it_names_and_is_undone(local_stack):
    marker = uuid.uuid4().hex
    template_model = local_stack.worker_environ("ChatFunction")["LLM_MODEL"]
    with local_stack.function_env({"INETTA_PROBE": marker, "LLM_MODEL": None}, ["ChatFunction"]):
        chat = local_stack.worker_environ("ChatFunction")
        assert chat.get("INETTA_PROBE") == marker and "LLM_MODEL" not in chat
        assert "INETTA_PROBE" not in local_stack.worker_environ("MediationFunction")
    chat = local_stack.worker_environ("ChatFunction")
    assert "INETTA_PROBE" not in chat and chat["LLM_MODEL"] == template_model


def test_a_handler_error_comes_back_as_a_lambda_error_and_the_stack_keeps_serving(local_stack, api_url):
    failed = local_stack.invoke("MediationFunction", {"step": "no-such-step"})
    assert failed.error is not None and failed.error["errorType"] and failed.error["errorMessage"]
    assert requests.get(f"{api_url}/health", timeout=TIMEOUT).status_code == 200


def test_cors_preflight_is_answered_like_api_gateway(local_stack, api_url):
    cors = next((r["Properties"].get("CorsConfiguration") for r in local_stack.template["Resources"].values()
                 if r["Type"] == "AWS::ApiGatewayV2::Api"), None)
    if not cors:
        pytest.skip("the template's HTTP API has no CORS configuration")
    response = requests.options(f"{api_url}/threads", timeout=TIMEOUT, headers={
        "Origin": "https://app.example", "Access-Control-Request-Method": "GET"})
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] in ("*", "https://app.example")


def _logical(stack, prefix: str) -> str:
    return next(lid for lid in stack.functions if lid.startswith(prefix))


# --- asynchronous sources, on a small template of their own ------------------------------------------------------
# The product's template doesn't use all of them yet; later issues will. This template exercises each one the local
# stack serves beyond the spine: DynamoDB stream and SQS mappings, SNS subscriptions, EventBridge pattern rules,
# Scheduler schedules, a TableV2-style global table, and Step Functions catching a handler's own error type.

PROBE_HANDLER = '''
import base64
import json
import os


class ProbeError(Exception):
    pass


def http(event):
    path = event["rawPath"]
    if path == "/plain":
        return {"plain": True}
    if path == "/text":
        return "just text"
    if path == "/binary":
        return {"statusCode": 201, "headers": {"content-type": "application/octet-stream", "x-probe": "1"},
                "body": base64.b64encode(bytes([0, 1, 2, 255])).decode(), "isBase64Encoded": True,
                "cookies": ["a=1; Path=/", "b=2"]}
    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps(event)}


def handler(event, context):
    if isinstance(event, dict) and event.get("version") == "2.0":
        return http(event)
    if isinstance(event, dict) and event.get("fail"):
        raise ProbeError("asked to fail")
    if isinstance(event, dict) and event.get("sleep"):
        import time

        time.sleep(event["sleep"])
    if isinstance(event, dict) and event.get("exit"):
        os._exit(3)
    return {"ok": True, "global_table": os.environ.get("GLOBAL_TABLE"), "pid": os.getpid()}
'''


def _async_sources_template() -> dict:
    fn_arn = {"Fn::GetAtt": ["Probe", "Arn"]}
    return {
        "Resources": {
            "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "BillingMode": "PAY_PER_REQUEST",
                "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"}}},
            "GlobalTable": {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "BillingMode": "PAY_PER_REQUEST", "Replicas": [{"Region": {"Ref": "AWS::Region"}}]}},
            "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 30}},
            "Topic": {"Type": "AWS::SNS::Topic"},
            "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
                "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                        "Principal": {"Service": "lambda.amazonaws.com"}}]}}},
            "Probe": {"Type": "AWS::Lambda::Function", "Properties": {
                "Runtime": "python3.12", "Handler": "probe.handler", "Timeout": 10,
                "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                "Code": {"S3Bucket": {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"},
                         "S3Key": "probe.zip"},
                "Environment": {"Variables": {"GLOBAL_TABLE": {"Ref": "GlobalTable"}}}}},
            "SlowProbe": {"Type": "AWS::Lambda::Function", "Properties": {
                "Runtime": "python3.12", "Handler": "probe.handler", "Timeout": 1,
                "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                "Code": {"S3Bucket": {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"},
                         "S3Key": "probe.zip"}}},
            "StreamMapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
                "EventSourceArn": {"Fn::GetAtt": ["Table", "StreamArn"]}, "FunctionName": {"Ref": "Probe"},
                "StartingPosition": "TRIM_HORIZON", "BatchSize": 10}},
            "QueueMapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
                "EventSourceArn": {"Fn::GetAtt": ["Queue", "Arn"]}, "FunctionName": {"Ref": "Probe"},
                "BatchSize": 5}},
            "Subscription": {"Type": "AWS::SNS::Subscription", "Properties": {
                "TopicArn": {"Ref": "Topic"}, "Protocol": "lambda", "Endpoint": fn_arn}},
            "PatternRule": {"Type": "AWS::Events::Rule", "Properties": {
                "EventPattern": {"source": ["probe.test"]}, "State": "ENABLED",
                "Targets": [{"Arn": fn_arn, "Id": "probe"}]}},
            "Schedule": {"Type": "AWS::Scheduler::Schedule", "Properties": {
                "ScheduleExpression": "cron(0 9 ? * MON-FRI *)", "FlexibleTimeWindow": {"Mode": "OFF"},
                "Target": {"Arn": fn_arn, "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
                           "Input": "{\"from\": \"scheduler\"}"}}},
            "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UsernameAttributes": ["email"]}},
            "PoolClient": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
                "UserPoolId": {"Ref": "Pool"}, "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH"]}},
            "Api": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "probe", "ProtocolType": "HTTP"}},
            "Integration": {"Type": "AWS::ApiGatewayV2::Integration", "Properties": {
                "ApiId": {"Ref": "Api"}, "IntegrationType": "AWS_PROXY", "IntegrationUri": fn_arn,
                "PayloadFormatVersion": "2.0"}},
            "Authorizer": {"Type": "AWS::ApiGatewayV2::Authorizer", "Properties": {
                "ApiId": {"Ref": "Api"}, "AuthorizerType": "JWT", "Name": "jwt",
                "IdentitySource": ["$request.header.Authorization"],
                "JwtConfiguration": {"Audience": [{"Ref": "PoolClient"}], "Issuer": {"Fn::Join": ["", [
                    "https://cognito-idp.", {"Ref": "AWS::Region"}, ".amazonaws.com/", {"Ref": "Pool"}]]}}}},
            **{f"Route{n}": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {
                "ApiId": {"Ref": "Api"}, "RouteKey": key, "AuthorizationType": "JWT" if jwt_auth else "NONE",
                **({"AuthorizerId": {"Ref": "Authorizer"}} if jwt_auth else {}),
                "Target": {"Fn::Join": ["", ["integrations/", {"Ref": "Integration"}]]}}}
               for n, (key, jwt_auth) in enumerate([
                   ("POST /echo/{id}", True), ("ANY /open/{proxy+}", False), ("GET /open/exact", False),
                   ("GET /plain", False), ("GET /text", False), ("GET /binary", False)])},
            "Permission": {"Type": "AWS::Lambda::Permission", "Properties": {
                "Action": "lambda:InvokeFunction", "FunctionName": fn_arn, "Principal": "apigateway.amazonaws.com",
                "SourceArn": {"Fn::Sub": "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/*"}}},
            "Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
                "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
                "DefinitionString": {"Fn::Join": ["", [
                    '{"StartAt":"Try","States":{"Try":{"Type":"Task","Resource":"', fn_arn,
                    '","Catch":[{"ErrorEquals":["ProbeError"],"ResultPath":"$.caught","Next":"Caught"}],"End":true},'
                    '"Caught":{"Type":"Pass","End":true}}}']]}}},
        },
    }


@pytest.fixture(scope="module")
def async_stack(tmp_path_factory):
    from inetta.local.remote import RemoteLocalStack

    code_root = tmp_path_factory.mktemp("probe")
    (code_root / "probe.py").write_text(PROBE_HANDLER)
    with RemoteLocalStack(template=_async_sources_template(), code_root=str(code_root), run_ticker=False) as stack:
        yield stack


def _wait_for(condition, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    return condition()


def test_a_table_write_reaches_the_stream_consumer_asynchronously(async_stack):
    async_stack.client("dynamodb").put_item(TableName=async_stack.resource("Table"), Item={"pk": {"S": "k1"}})
    assert async_stack.drain(20)
    runs = [r for r in async_stack.invocations("Probe", source="esm:dynamodb")
            if any(rec["dynamodb"].get("Keys", {}).get("pk") == {"S": "k1"} for rec in r.event["Records"])]
    assert len(runs) == 1
    record = runs[0].event["Records"][0]
    assert record["eventName"] == "INSERT" and record["eventSource"] == "aws:dynamodb"
    assert record["eventSourceARN"].startswith("arn:aws:dynamodb:")


def test_a_queued_message_is_consumed_and_deleted(async_stack):
    sqs = async_stack.client("sqs")
    queue_url = async_stack.resource("Queue")
    sqs.send_message(QueueUrl=queue_url, MessageBody="hello queue")
    assert async_stack.drain(20)
    runs = [r for r in async_stack.invocations("Probe", source="esm:sqs")
            if r.event["Records"][0]["body"] == "hello queue"]
    assert len(runs) == 1 and runs[0].event["Records"][0]["eventSource"] == "aws:sqs"
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "0"
    assert attributes["ApproximateNumberOfMessagesNotVisible"] == "0"


def test_an_sns_message_reaches_the_subscribed_function(async_stack):
    topic_arn = async_stack.resource("Topic")
    async_stack.client("sns").publish(TopicArn=topic_arn, Message="hello topic", Subject="probe")
    runs = _wait_for(lambda: [r for r in async_stack.invocations("Probe", source="sns")
                              if r.event["Records"][0]["Sns"]["Message"] == "hello topic"])
    assert len(runs) == 1 and runs[0].event["Records"][0]["Sns"]["TopicArn"] == topic_arn


def test_an_event_matching_a_rule_reaches_its_function_and_schedules_stay_quiet(async_stack):
    events = async_stack.client("events")
    before_ticks = len([r for r in async_stack.invocations("Probe") if r.source.startswith("tick:")])
    events.put_events(Entries=[{"Source": "probe.test", "DetailType": "Probe", "Detail": json.dumps({"n": 1})}])
    events.put_events(Entries=[{"Source": "elsewhere", "DetailType": "Probe", "Detail": "{}"}])
    runs = _wait_for(lambda: [r for r in async_stack.invocations("Probe") if r.source.startswith("events:")])
    assert len(runs) == 1 and runs[0].event["source"] == "probe.test" and runs[0].event["detail"] == {"n": 1}
    assert len([r for r in async_stack.invocations("Probe") if r.source.startswith("tick:")]) == before_ticks


def test_a_scheduler_schedule_fires_with_its_input(async_stack):
    fired = async_stack.tick()
    assert [f["ok"] for f in fired] == [True]
    assert async_stack.invocations("Probe")[-1].event == {"from": "scheduler"}


def test_a_global_table_is_created_and_its_ref_resolved(async_stack):
    name = async_stack.functions["Probe"].environment["GLOBAL_TABLE"]
    assert async_stack.client("dynamodb").describe_table(TableName=name)["Table"]["TableStatus"] == "ACTIVE"


def test_step_functions_catches_a_handlers_own_error_type(async_stack):
    execution = async_stack.wait_for_execution(async_stack.start_execution("Machine", {"fail": True}))
    assert execution["status"] == "SUCCEEDED", execution
    caught = json.loads(execution["output"])["caught"]
    assert caught["Error"] == "ProbeError" and "asked to fail" in caught["Cause"]


def test_an_asynchronous_invoke_returns_at_once_and_runs(async_stack):
    marker = uuid.uuid4().hex
    response = async_stack.client("lambda").invoke(
        FunctionName=async_stack.functions["Probe"].name, InvocationType="Event", Payload=json.dumps({"m": marker}))
    assert response["StatusCode"] == 202
    assert _wait_for(lambda: [r for r in async_stack.invocations("Probe") if r.event.get("m") == marker and r.done])


def test_a_function_past_its_timeout_is_stopped_and_the_next_call_cold_starts(async_stack):
    timed_out = async_stack.invoke("SlowProbe", {"sleep": 5})
    assert timed_out.error["errorType"] == "Sandbox.Timedout"
    assert "Task timed out after 1.00 seconds" in timed_out.error["errorMessage"]
    assert async_stack.invoke("SlowProbe", {}).ok


def test_a_crashed_worker_is_an_error_and_is_replaced(async_stack):
    # SlowProbe is only ever invoked one call at a time, so it has a single worker: the one that crashes.
    first = async_stack.invoke("SlowProbe", {}).json()["pid"]
    crashed = async_stack.invoke("SlowProbe", {"exit": True})
    assert crashed.error["errorType"] == "Runtime.ExitError"
    assert async_stack.invoke("SlowProbe", {}).json()["pid"] != first


def test_the_gateway_builds_api_gateway_v2_events(async_stack):
    tokens = async_stack.sign_up(f"echo-{uuid.uuid4().hex[:8]}@example.test", strong_password())
    response = requests.post(
        f"{async_stack.api_url}/echo/a%20b?x=1&x=2&y=", data=b"\x00\xffbinary",
        headers={"Authorization": f"Bearer {tokens['id_token']}", "Content-Type": "application/octet-stream",
                 "X-Custom": "One", "Cookie": "c1=v1; c2=v2"},
        timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    event = response.json()
    assert (event["version"], event["routeKey"], event["rawPath"]) == ("2.0", "POST /echo/{id}", "/echo/a%20b")
    assert event["rawQueryString"] == "x=1&x=2&y="
    assert event["queryStringParameters"] == {"x": "1,2", "y": ""}
    assert event["pathParameters"] == {"id": "a b"}
    assert event["headers"]["x-custom"] == "One" and "cookie" not in event["headers"]
    assert event["cookies"] == ["c1=v1", "c2=v2"]
    assert event["isBase64Encoded"] is True and base64.b64decode(event["body"]) == b"\x00\xffbinary"
    context = event["requestContext"]
    assert context["stage"] == "$default" and context["http"]["method"] == "POST" and context["requestId"]
    assert context["http"]["sourceIp"] == "127.0.0.1" and context["timeEpoch"] > 0
    claims = context["authorizer"]["jwt"]["claims"]
    assert claims["sub"] == tokens["sub"] and all(isinstance(v, str) for v in claims.values())
    assert claims["exp"].isdigit()


def test_the_gateway_picks_the_most_specific_route_and_translates_results(async_stack):
    api = async_stack.api_url
    assert requests.get(f"{api}/open/exact", timeout=TIMEOUT).json()["routeKey"] == "GET /open/exact"
    greedy = requests.delete(f"{api}/open/a/b/c", timeout=TIMEOUT).json()
    assert greedy["routeKey"] == "ANY /open/{proxy+}" and greedy["pathParameters"] == {"proxy": "a/b/c"}
    assert "body" not in greedy and "queryStringParameters" not in greedy
    plain = requests.get(f"{api}/plain", timeout=TIMEOUT)
    assert plain.status_code == 200 and plain.json() == {"plain": True}
    assert plain.headers["content-type"] == "application/json"
    assert requests.get(f"{api}/text", timeout=TIMEOUT).text == "just text"
    binary = requests.get(f"{api}/binary", timeout=TIMEOUT)
    assert binary.status_code == 201 and binary.content == bytes([0, 1, 2, 255])
    assert binary.headers["x-probe"] == "1"
    assert binary.raw.headers.getlist("set-cookie") == ["a=1; Path=/", "b=2"]
    assert requests.post(f"{api}/echo/1", timeout=TIMEOUT).status_code == 401
    assert requests.get(f"{api}/nowhere", timeout=TIMEOUT).status_code == 404

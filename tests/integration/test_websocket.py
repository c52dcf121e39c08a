"""Real-time push over the local stack's WebSocket API, with real Cognito tokens (issue 8).

The WebSocket API is the template's (`infra/websocket.py`): `$connect` and `$disconnect` run the push function,
which verifies the access token; the chat function streams the model's reply to the member's connections through
the management API (`post_to_connection`), and the HTTP response still carries the whole reply.
"""

from __future__ import annotations

import json
import time
import uuid

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.support.fake_llm import FakeLLM

pytestmark = pytest.mark.integration

REPLY = "That sounds painful. What would feeling heard look like for you this week?"


@pytest.fixture
def model(local_stack):
    with FakeLLM(reply_text=REPLY) as server:
        server.stream_delay = 0.12  # a frame at most every 0.1 s (shared.push.sender): one per word here
        env = {"LLM_BASE_URL": server.base_url, "LLM_MODEL": "loopback-model", "LLM_API_KEY": "test-key",
               "LLM_TIMEOUT_SECONDS": "5", "LLM_MAX_RETRIES": "0"}
        with local_stack.function_env(env, ["ChatFunction"]):
            yield server


def open_socket(local_stack, token: str):
    return connect(f"{local_stack.websocket_url}?token={token}", open_timeout=60)


def frames(socket, until_type: str = "reply.done", timeout: float = 30) -> list[dict]:
    received = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = json.loads(socket.recv(timeout=max(0.1, deadline - time.monotonic())))
        received.append(frame)
        if frame.get("type") == until_type:
            return received
    raise AssertionError(f"no {until_type} frame within {timeout} s: {received}")


def say(member, text: str):
    thread_id = member.get("/threads").json()["threads"][0]["id"]
    response = member.post(f"/threads/{thread_id}/messages", json={"text": text},
                           headers={"Idempotency-Key": uuid.uuid4().hex})
    assert response.status_code == 201, response.text
    return thread_id, response.json()


@pytest.mark.parametrize("token", ["", "not-a-jwt", "forged"])
def test_a_connection_without_a_valid_token_is_refused(local_stack, member, token):
    if token == "forged":  # a real token, one character changed in its signature
        token = member.access_token[:-3] + ("A" if member.access_token[-3] != "A" else "B") + member.access_token[-2:]
    with pytest.raises(InvalidStatus) as refused:
        open_socket(local_stack, token)
    assert refused.value.response.status_code == 401


def test_a_token_of_another_app_client_is_refused(local_stack, member):
    # The id token's audience is the app client too; a token whose client differs must be refused. We make
    # one by asking moto's pool for a second app client and signing in through it.
    cognito = local_stack.client("cognito-idp")
    other = cognito.create_user_pool_client(UserPoolId=local_stack.user_pool_id, ClientName="other",
                                            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    tokens = cognito.initiate_auth(ClientId=other["UserPoolClient"]["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": member.username, "PASSWORD": member.password})
    with pytest.raises(InvalidStatus) as refused:
        open_socket(local_stack, tokens["AuthenticationResult"]["AccessToken"])
    assert refused.value.response.status_code == 401


def test_the_reply_streams_in_pieces_that_make_up_the_stored_reply(local_stack, member, model):
    with open_socket(local_stack, member.access_token) as socket:
        thread_id, turn = say(member, "I feel unheard when we talk about chores")
        received = frames(socket)
    deltas = [f for f in received if f["type"] == "reply.delta"]
    done = received[-1]
    reply = turn["reply"]
    assert len(deltas) >= 5, received  # word by word, not all at once
    assert {(d["thread_id"], d["message_id"]) for d in deltas} == {(thread_id, reply["id"])}
    assert "".join(d["text"] for d in deltas) == reply["text"] == REPLY
    assert done["message_id"] == reply["id"] and done["message"] == reply
    stored = member.get(f"/threads/{thread_id}/messages").json()["messages"]
    assert [m["text"] for m in stored if m["author"] == "coach"] == [REPLY]


def test_a_reply_the_model_did_not_write_arrives_whole(local_stack, member):
    with open_socket(local_stack, member.access_token) as socket:
        _, turn = say(member, "We fought about the dishes again")
        received = frames(socket)
    assert [f["type"] for f in received] == ["reply.done"]  # the offline coach: no deltas
    assert received[0]["message"] == turn["reply"]


@pytest.mark.crisis
def test_a_crisis_reply_is_sent_whole_and_never_by_the_model(local_stack, member, model):
    with open_socket(local_stack, member.access_token) as socket:
        _, turn = say(member, "I can't go on, I'm going to kill myself tonight")
        received = frames(socket)
    assert [f["type"] for f in received] == ["reply.done"]
    assert received[0]["message"]["source"] == "safety" and received[0]["message"] == turn["reply"]
    assert model.requests == []


def test_a_member_never_receives_another_members_frames(local_stack, make_member, model):
    ada, ben = make_member("ada"), make_member("ben")
    with open_socket(local_stack, ada.access_token) as ada_socket, \
            open_socket(local_stack, ben.access_token) as ben_socket:
        _, ada_turn = say(ada, "Ada's private words about her brother")
        ada_frames = frames(ada_socket)
        _, ben_turn = say(ben, "Ben's own worry about his job")
        ben_frames = frames(ben_socket)
        with pytest.raises(TimeoutError):
            ada_socket.recv(timeout=1.0)  # nothing of Ben's turn reached Ada
    assert {f["message_id"] for f in ada_frames} == {ada_turn["reply"]["id"]}
    assert {f["message_id"] for f in ben_frames} == {ben_turn["reply"]["id"]}
    assert "Ada" not in json.dumps(ben_frames)


def test_a_closed_connection_is_forgotten(local_stack, member):
    table = local_stack.outputs["TableName"]
    dynamodb = local_stack.client("dynamodb")

    def connections() -> int:
        return dynamodb.query(TableName=table, KeyConditionExpression="pk = :pk AND begins_with(sk, :c)",
                              ExpressionAttributeValues={":pk": {"S": f"MEMBER#{member.sub}"},
                                                         ":c": {"S": "WSCONN#"}})["Count"]

    with open_socket(local_stack, member.access_token):
        assert connections() == 1
    deadline = time.monotonic() + 10
    while connections() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert connections() == 0


def test_a_connection_api_gateway_says_is_gone_is_dropped_and_the_turn_still_answers(local_stack, member):
    # A connection whose $disconnect never ran (say, the function failed): the sender meets GoneException.
    table = local_stack.outputs["TableName"]
    dynamodb = local_stack.client("dynamodb")
    stale = "c2FtZS1nb25lLWlk"
    common = {"owner": {"S": member.sub}, "connection_id": {"S": stale}, "member_id": {"S": member.sub},
              "expires_at": {"N": str(int(time.time()) + 3600)}}
    dynamodb.put_item(TableName=table, Item={"pk": {"S": f"MEMBER#{member.sub}"}, "sk": {"S": f"WSCONN#{stale}"},
                                             **common})
    dynamodb.put_item(TableName=table, Item={"pk": {"S": f"WSCONN#{stale}"}, "sk": {"S": "WSCONN"}, **common})
    with open_socket(local_stack, member.access_token) as socket:
        _, turn = say(member, "We keep arguing about money")
        assert frames(socket)[-1]["message"] == turn["reply"]  # the live connection still got its frame
    left = dynamodb.query(TableName=table, KeyConditionExpression="pk = :pk AND sk = :sk",
                          ExpressionAttributeValues={":pk": {"S": f"MEMBER#{member.sub}"},
                                                     ":sk": {"S": f"WSCONN#{stale}"}})["Count"]
    assert left == 0
    assert "Item" not in dynamodb.get_item(TableName=table, Key={"pk": {"S": f"WSCONN#{stale}"},
                                                                  "sk": {"S": "WSCONN"}})


def test_mediation_updates_reach_each_party_without_anyones_words(local_stack, make_member):
    parent, teen = make_member("pat"), make_member("tim")
    circle = parent.post("/circles", json={"kind": "family", "name": "The Ps", "role": "parent"}).json()
    code = parent.post(f"/circles/{circle['id']}/invites", json={"role": "teen", "minor": True}).json()["code"]
    assert teen.post("/invites/accept", json={"code": code, "minor": True}).status_code < 300
    with open_socket(local_stack, parent.access_token) as parent_socket, \
            open_socket(local_stack, teen.access_token) as teen_socket:
        started = parent.post("/mediations", json={"circle_id": circle["id"], "parties": [teen.sub],
                                                   "topic": "Curfew on school nights"})
        assert started.status_code == 201, started.text
        mediation_id = started.json()["id"]
        for socket in (parent_socket, teen_socket):
            update = frames(socket, until_type="mediation.updated", timeout=60)[-1]
            assert update["mediation_id"] == mediation_id
            assert set(update) == {"type", "mediation_id", "status", "phase"}  # ids and status, no words


def test_a_model_that_fails_half_way_is_superseded_by_the_stored_reply(local_stack, member, model):
    model.mode = "stream_breaks"  # two words, then the provider drops the connection
    with open_socket(local_stack, member.access_token) as socket:
        _, turn = say(member, "We had another fight about his mother")
        received = frames(socket)
    reply = turn["reply"]
    assert reply["source"] == "offline" and "couldn't be reached" in reply["note"]
    assert [f["type"] for f in received][-1] == "reply.done" and received[-1]["message"] == reply
    # Whatever streamed before the failure is named as the same reply, which the done frame replaces.
    assert {f["message_id"] for f in received} == {reply["id"]}


def test_a_check_in_reaches_the_members_open_app(local_stack, member):
    saved = member.put("/me/checkins", json={"frequency": "daily", "time": "09:00", "time_zone": "Europe/Paris"})
    assert saved.status_code == 200, saved.text
    with open_socket(local_stack, member.access_token) as socket:
        result = local_stack.invoke("CheckinsFunction", {"source": "inetta.schedule", "slot_minutes": 15,
                                                         "at": saved.json()["next_check_in_at"]})
        assert result.ok, result.error
        [frame] = frames(socket, until_type="checkin")
    thread_id = member.get("/threads").json()["threads"][0]["id"]
    assert frame["thread_id"] == thread_id and frame["kinds"]
    messages = member.get(f"/threads/{thread_id}/messages").json()["messages"]
    assert frame["message_id"] in {m["id"] for m in messages}

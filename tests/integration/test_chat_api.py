"""A chat turn end to end: HTTP with real JWTs → the local API → the chat handler → DynamoDB in moto."""

import json
import uuid

import pytest
import requests

pytestmark = [pytest.mark.spine, pytest.mark.integration]


def private_thread(member) -> str:
    response = member.get("/threads")
    assert response.status_code == 200, response.text
    threads = response.json()["threads"]
    assert [t["kind"] for t in threads] == ["private"]
    return threads[0]["id"]


def send(member, thread_id: str, text, key: str | None = None, **kwargs):
    headers = {"Idempotency-Key": key} if key else {}
    return member.post(f"/threads/{thread_id}/messages", json={"text": text}, headers=headers, **kwargs)


def history(member, thread_id: str, **params):
    response = member.get(f"/threads/{thread_id}/messages", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_member_sends_a_message_and_gets_the_offline_coach_reply(member):
    thread_id = private_thread(member)
    response = send(member, thread_id, "My husband shuts down whenever I bring up money", key=str(uuid.uuid4()))
    assert response.status_code == 201, response.text
    turn = response.json()
    assert turn["message"]["text"] == "My husband shuts down whenever I bring up money"
    assert turn["reply"]["author"] == "coach" and turn["reply"]["source"] == "offline"
    assert "offline coach" in turn["reply"]["text"]
    page = history(member, thread_id)
    assert [m["id"] for m in page["messages"]] == [turn["reply"]["id"], turn["message"]["id"]]


def test_the_history_pages_newest_first(member):
    thread_id = private_thread(member)
    for n in range(3):
        assert send(member, thread_id, f"note {n}", key=f"page-{n}").status_code == 201
    first = history(member, thread_id, limit=4)
    assert len(first["messages"]) == 4 and first["next_cursor"]
    second = history(member, thread_id, limit=4, cursor=first["next_cursor"])
    texts = [m["text"] for m in first["messages"] + second["messages"] if m["author"] == "member"]
    assert texts == ["note 2", "note 1", "note 0"]


def test_a_client_retry_with_the_same_key_duplicates_nothing(member):
    thread_id = private_thread(member)
    first = send(member, thread_id, "Are you there?", key="retry-me")
    again = send(member, thread_id, "Are you there?", key="retry-me")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["reply"]["id"] == first.json()["reply"]["id"]
    assert len(history(member, thread_id)["messages"]) == 2


@pytest.mark.parametrize(
    ("body", "content_type", "status", "says"),
    [
        ("{not json", "application/json", 400, "not valid JSON"),
        (json.dumps({}), "application/json", 422, "text is required"),
        (json.dumps({"text": 42}), "application/json", 422, "valid string"),
        (json.dumps({"text": "   "}), "application/json", 422, "at least 1 character"),
        (json.dumps({"text": "x" * 8001}), "application/json", 422, "at most 8000 characters"),
        ("text=hello", "application/x-www-form-urlencoded", 415, "application/json"),
    ],
)
def test_bad_input_gets_a_clear_4xx_and_nothing_is_stored(member, body, content_type, status, says):
    thread_id = private_thread(member)
    response = member.post(f"/threads/{thread_id}/messages", data=body, headers={"Content-Type": content_type})
    assert response.status_code == status, response.text
    assert says in response.json()["message"]
    assert history(member, thread_id)["messages"] == []


def test_an_unknown_or_someone_elses_thread_is_not_found(member, another_member):
    theirs = private_thread(another_member)
    for thread_id in (theirs, "t_nothing_here"):
        response = send(member, thread_id, "hello?")
        assert response.status_code == 404 and "no such thread" in response.json()["message"]
        assert member.get(f"/threads/{thread_id}/messages").status_code == 404
    assert history(another_member, theirs)["messages"] == []


def test_without_a_valid_token_nothing_is_stored(member, api_url):
    thread_id = private_thread(member)
    for headers in ({}, {"Authorization": "Bearer not.a.jwt"}, {"Authorization": f"Bearer {member.access_token}x"}):
        response = requests.post(
            f"{api_url}/threads/{thread_id}/messages", json={"text": "sneaky"}, headers=headers, timeout=10
        )
        assert response.status_code == 401
    assert history(member, thread_id)["messages"] == []

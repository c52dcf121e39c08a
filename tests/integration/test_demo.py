"""`make dev`'s demo family, seeded through the HTTP API: what a newcomer finds when they sign in as each member."""

from __future__ import annotations

import pytest
import requests

from inetta.local.cognito import strong_password
from inetta.local.demo import MEDIATION_TOPIC, seed_demo_family


@pytest.fixture(scope="module")
def family(local_stack):
    # Unique usernames per run: the stack is shared with other tests (and the demo's are fixed under `make dev`).
    from inetta.local import demo

    suffix = strong_password()[:6].lower().replace("!", "x")
    originals = demo.MEMBERS
    demo.MEMBERS = tuple(
        demo.DemoMember(m.key, m.username.replace("@", f"+{suffix}@"), m.display_name, m.role, m.minor)
        for m in originals
    )
    try:
        seeded = seed_demo_family(local_stack.api_url, local_stack.sign_up, "Demo-pass-for-tests-1!",
                                  mediation_wait_seconds=120)  # a loaded CI machine runs the workflow slowly
    finally:
        demo.MEMBERS = originals
    return seeded


def session_for(local_stack, member, password) -> requests.Session:
    tokens = requests.post(f"{local_stack.api_url}/_local/token",
                           json={"username": member.username, "password": password}, timeout=30).json()
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {tokens['access_token']}"
    return session


def test_everything_was_seeded(family):
    assert family.problems == []
    lines = "\n".join(family.banner_lines())
    for member in family.members.values():
        assert member.username in lines
    assert family.password in lines


def test_each_member_signs_in_and_sees_the_family(family, local_stack):
    for member in family.members.values():
        session = session_for(local_stack, member, family.password)
        circles = session.get(f"{local_stack.api_url}/circles", timeout=30).json()["circles"]
        assert [c["id"] for c in circles] == [family.circle_id]
    maya = session_for(local_stack, family.members["maya"], family.password)
    detail = maya.get(f"{local_stack.api_url}/circles/{family.circle_id}", timeout=30).json()
    people = {m["display_name"]: (m["role"], m["minor"], m["admin"]) for m in detail["members"]}
    assert people == {"Maya": ("parent", False, True), "Sam": ("parent", False, False), "Alex": ("teen", True, False)}


def test_each_member_has_a_little_history_and_only_their_own(family, local_stack):
    for member in family.members.values():
        session = session_for(local_stack, member, family.password)
        page = session.get(f"{local_stack.api_url}/threads/{member.thread_id}/messages", timeout=30).json()
        authors = sorted(m["author"] for m in page["messages"])
        assert authors.count("member") >= 1 and authors.count("coach") >= authors.count("member")
    maya = session_for(local_stack, family.members["maya"], family.password)
    alex_thread = family.members["alex"].thread_id
    assert maya.get(f"{local_stack.api_url}/threads/{alex_thread}/messages", timeout=30).status_code == 404


def test_consents_are_set(family, local_stack):
    sam = session_for(local_stack, family.members["sam"], family.password)
    consents = sam.get(f"{local_stack.api_url}/circles/{family.circle_id}/consents", timeout=30).json()
    assert consents["default"] == "themes"
    maya_sub = family.members["maya"].sub
    assert [m["rule"] for m in consents["members"] if m["member_id"] == maya_sub] == ["summary"]
    alex = session_for(local_stack, family.members["alex"], family.password)
    assert alex.get(f"{local_stack.api_url}/circles/{family.circle_id}/consents", timeout=30).json()["default"] \
        == "private"


def test_a_mediation_is_in_progress_and_asks_alex_for_his_perspective(family, local_stack):
    assert family.mediation_id
    alex = session_for(local_stack, family.members["alex"], family.password)
    view = alex.get(f"{local_stack.api_url}/mediations/{family.mediation_id}", timeout=30).json()
    assert view["topic"] == MEDIATION_TOPIC and view["status"] == "active"
    assert view["asked_of_me"]["action"] == "perspective"

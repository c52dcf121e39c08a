"""Mediation through the HTTP API on the local stack: the state machine of the CDK app, run by moto's executor,
its Lambda tasks running our handler.

Every party answers through the API (join, perspective, answer to the draft); the workflow waits on their task
tokens. The function's default timings apply here (days between reminders: none fires during a test); timeouts
and reminders are in test_mediation_timeouts.py (short waits), the model, the canary and the retried task in
test_mediation_llm.py (a loopback model and an armed test fault). Each of those modules changes the function's
environment once, for all its tests, on one pytest worker.
"""

from __future__ import annotations

import json
import time
import uuid

import pytest

pytestmark = [pytest.mark.mediation, pytest.mark.integration]

TIMEOUT = 40
POLL_SECONDS = 0.2


# --- helpers ------------------------------------------------------------------------------------------------


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def refused(response, status, code):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == code and body["message"], body
    return body


def make_circle(admin, kind: str, admin_role: str, *others) -> str:
    """A circle `admin` made, which each of `others` ((member, role) pairs) joined with an invite."""
    circle = ok(admin.post("/circles", json={"kind": kind, "name": "Home", "role": admin_role}), 201)
    for member, role in others:
        invite = ok(admin.post(f"/circles/{circle['id']}/invites", json={"role": role}), 201)
        ok(member.post("/invites/accept", json={"code": invite["code"]}), 201)
    return circle["id"]


def view(member, mediation_id: str) -> dict:
    return ok(member.get(f"/mediations/{mediation_id}"))


def wait_view(member, mediation_id: str, predicate, what: str, timeout: float = TIMEOUT) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        current = view(member, mediation_id)
        if predicate(current):
            return current
        assert time.monotonic() < deadline, f"timed out waiting for {what}: {current}"
        time.sleep(POLL_SECONDS)


def wait_asked(member, mediation_id: str, action: str, timeout: float = TIMEOUT) -> dict:
    return wait_view(member, mediation_id, lambda v: (v["asked_of_me"] or {}).get("action") == action,
                     f"{action} asked of {member.username}", timeout)


def wait_status(member, mediation_id: str, status: str, timeout: float = TIMEOUT) -> dict:
    return wait_view(member, mediation_id, lambda v: v["status"] == status, f"status {status}", timeout)


def start(initiator, circle_id: str, parties, topic: str) -> dict:
    return ok(initiator.post("/mediations", json={"circle_id": circle_id, "parties": [p.sub for p in parties],
                                                  "topic": topic}), 201)


def join(member, mediation_id: str, join: bool = True) -> dict:
    wait_asked(member, mediation_id, "opt_in")
    return ok(member.post(f"/mediations/{mediation_id}/participation", json={"join": join}))


def give(member, mediation_id: str, feelings: str, needs: str, requests: str, share=None) -> dict:
    wait_asked(member, mediation_id, "perspective")
    body = {"feelings": feelings, "needs": needs, "requests": requests}
    if share is not None:
        body["share"] = share
    return ok(member.post(f"/mediations/{mediation_id}/perspective", json=body))


def answer(member, mediation_id: str, response: str, amendment: str | None = None) -> dict:
    wait_asked(member, mediation_id, "respond")
    body = {"response": response, **({"amendment": amendment} if amendment else {})}
    return ok(member.post(f"/mediations/{mediation_id}/response", json=body))


def thread_texts(member) -> list[str]:
    texts = []
    for thread in ok(member.get("/threads"))["threads"]:
        page = ok(member.get(f"/threads/{thread['id']}/messages", params={"limit": 100}))
        texts += [m["text"] for m in page["messages"]]
    return texts


def execution(local_stack, mediation_id: str, timeout: float = TIMEOUT) -> dict:
    machine = local_stack.outputs["StateMachineArn"]
    arn = machine.replace(":stateMachine:", ":execution:") + f":{mediation_id}"
    return local_stack.wait_for_execution(arn, timeout=timeout)


def items(local_stack, pk: str, prefix: str = "") -> list[dict]:
    values = {":pk": {"S": pk}, **({":prefix": {"S": prefix}} if prefix else {})}
    response = local_stack.client("dynamodb").query(
        TableName=local_stack.outputs["TableName"],
        KeyConditionExpression="pk = :pk" + (" AND begins_with(sk, :prefix)" if prefix else ""),
        ExpressionAttributeValues=values,
        ConsistentRead=True,
    )
    return response["Items"]


def couple(make_member):
    ann, ben = make_member("ann"), make_member("ben")
    return ann, ben, make_circle(ann, "couple", "partner", (ben, "partner"))


# --- start to agreement ---------------------------------------------------------------------------------------


def test_a_couple_goes_from_start_to_an_accepted_agreement_with_a_follow_up(local_stack, make_member):
    ann, ben, circle_id = couple(make_member)
    started = start(ann, circle_id, [ben], "Phones at dinner")
    mediation_id = started["id"]
    assert started["status"] == "active" and started["topic"] == "Phones at dinner"
    assert {p["member_id"] for p in started["parties"]} == {ann.sub, ben.sub}

    asked = join(ben, mediation_id)
    assert asked["parties"][1]["joined"] is True
    give(ann, mediation_id, "I feel lonely and ignored at dinner", "I need connection and to feel heard",
         "Phones away during dinner")
    give(ben, mediation_id, "I feel pressured and controlled", "I need some space to decompress after work",
         "Ten minutes to myself before dinner")

    drafted = wait_asked(ann, mediation_id, "respond")
    assert drafted["phase"] == "agreement" and drafted["draft_agreement"]
    needs = {n["member_id"]: n["needs"] for n in drafted["needs"]}
    assert any("heard" in label or "closeness" in label for label in needs[ann.sub])
    assert any("space" in label for label in needs[ben.sub])
    # Each party got tailored advice in their private thread.
    assert any("Thank you for sharing your side" in t for t in thread_texts(ann))
    assert any("Thank you for sharing your side" in t for t in thread_texts(ben))

    answer(ann, mediation_id, "accept")
    answer(ben, mediation_id, "accept")
    done = wait_status(ann, mediation_id, "agreed")
    assert done["outcome"]["result"] == "agreed" and done["outcome"]["agreement"] == drafted["draft_agreement"]
    assert execution(local_stack, mediation_id)["status"] == "SUCCEEDED"

    # The agreement is stored for every party (each their own copy) and for the circle; a follow-up is due.
    for member in (ann, ben):
        [copy] = [i for i in items(local_stack, f"MEMBER#{member.sub}", "AGREEMENT#")
                  if i["mediation_id"]["S"] == mediation_id]
        assert copy["owner"]["S"] == member.sub and copy["text"]["S"] == drafted["draft_agreement"]
        assert any("Everyone accepted the agreement" in t for t in thread_texts(member))
    [circle_copy] = items(local_stack, f"CIRCLE#{circle_id}", "AGREEMENT#")
    follow_up_at = circle_copy["follow_up_at"]["S"]
    followups = items(local_stack, "FOLLOWUP#" + follow_up_at[:13])
    assert {f["member_id"]["S"] for f in followups if f["mediation_id"]["S"] == mediation_id} == {ann.sub, ben.sub}
    assert [m["id"] for m in ok(ben.get("/mediations"))["mediations"]] == [mediation_id]
    # Each party finds it under their agreements: the text everyone accepted, nobody's perspective.
    for member in (ann, ben):
        [agreement] = ok(member.get("/agreements"))["agreements"]
        assert agreement["mediation_id"] == mediation_id and agreement["text"] == drafted["draft_agreement"]
        assert agreement["topic"] == "Phones at dinner" and agreement["follow_up_at"] == follow_up_at
        assert "pressured and controlled" not in str(agreement) and "lonely and ignored" not in str(agreement)


def test_a_family_two_parents_and_a_teen_reach_an_agreement_with_advice_for_each(local_stack, make_member):
    mum, dad, zoe = make_member("mum"), make_member("dad"), make_member("zoe")
    circle_id = make_circle(mum, "family", "parent", (dad, "parent"), (zoe, "teen"))
    mediation_id = start(mum, circle_id, [dad, zoe], "Curfew on school nights")["id"]
    join(dad, mediation_id)
    join(zoe, mediation_id)
    give(mum, mediation_id, "I feel worried when she is late", "I need to know she is safe", "Home by 10")
    give(dad, mediation_id, "I'm tired of the yelling", "I need calm and respect at home", "No shouting")
    give(zoe, mediation_id, "I feel frustrated and treated like a child", "I need more freedom and trust",
         "A later curfew on Fridays")
    for member in (mum, dad, zoe):
        answer(member, mediation_id, "accept")
    done = wait_status(zoe, mediation_id, "agreed")
    assert execution(local_stack, mediation_id)["status"] == "SUCCEEDED"
    assert len(done["parties"]) == 3

    # Tailored advice: the parents are asked to acknowledge the teen's feelings first; the teen to say what she
    # feels and needs.
    [mum_advice] = [t for t in thread_texts(mum) if "Thank you for sharing your side" in t]
    [zoe_advice] = [t for t in thread_texts(zoe) if "Thank you for sharing your side" in t]
    assert "acknowledging your teen's feelings" in mum_advice
    assert "say what you feel" in zoe_advice.lower() or "saying what you feel" in zoe_advice.lower()
    for member in (mum, dad, zoe):
        assert any(i["mediation_id"]["S"] == mediation_id for i in items(local_stack, f"MEMBER#{member.sub}", "AGREEMENT#"))


# --- refusing, amending, cancelling ---------------------------------------------------------------------------


def test_a_party_who_refuses_to_join_closes_the_mediation_gracefully_for_everyone(local_stack, make_member):
    ann, ben, circle_id = couple(make_member)
    mediation_id = start(ann, circle_id, [ben], "Money")["id"]
    refused_view = join(ben, mediation_id, join=False)
    assert refused_view["asked_of_me"] is None
    closed = wait_status(ann, mediation_id, "closed")
    assert closed["outcome"]["reason"] == "declined" and "not everyone chose to continue" in closed["outcome"]["message"]
    assert execution(local_stack, mediation_id)["status"] == "SUCCEEDED"  # a graceful close, not a failure
    for member in (ann, ben):
        assert any("has closed: not everyone chose to continue" in t for t in thread_texts(member))
    refused(ben.post(f"/mediations/{mediation_id}/participation", json={"join": True}), 409, "mediation_closed")


def test_an_amendment_sends_the_draft_back_for_a_second_round(local_stack, make_member):
    ann, ben, circle_id = couple(make_member)
    mediation_id = start(ann, circle_id, [ben], "Chores")["id"]
    join(ben, mediation_id)
    give(ann, mediation_id, "I feel exhausted", "I need fairness in the chores", "Split the dishes")
    give(ben, mediation_id, "I feel unappreciated", "I need appreciation for my effort", "Say thanks")
    first = wait_asked(ann, mediation_id, "respond")
    assert first["round"] == 1
    answer(ann, mediation_id, "accept")
    answer(ben, mediation_id, "amend", "We swap who cooks every other week")

    second = wait_view(ann, mediation_id, lambda v: v["round"] == 2 and (v["asked_of_me"] or {}).get("action") == "respond",
                       "the second draft")
    assert "We swap who cooks every other week" in second["draft_agreement"]
    assert second["draft_agreement"] != first["draft_agreement"]
    answer(ann, mediation_id, "accept")
    answer(ben, mediation_id, "accept")
    done = wait_status(ben, mediation_id, "agreed")
    assert "We swap who cooks" in done["outcome"]["agreement"]
    assert execution(local_stack, mediation_id)["status"] == "SUCCEEDED"


def test_any_party_can_cancel_mid_flow_and_everyone_is_told(local_stack, make_member):
    mum, dad, zoe = make_member("mum"), make_member("dad"), make_member("zoe")
    circle_id = make_circle(mum, "family", "parent", (dad, "parent"), (zoe, "teen"))
    mediation_id = start(mum, circle_id, [dad, zoe], "Screen time")["id"]
    join(dad, mediation_id)
    join(zoe, mediation_id)
    give(mum, mediation_id, "I feel ignored", "I need to feel heard", "Screens off at nine")
    wait_asked(zoe, mediation_id, "perspective")
    cancelled = ok(zoe.post(f"/mediations/{mediation_id}/cancel"))
    assert cancelled["asked_of_me"] is None
    closed = wait_status(dad, mediation_id, "closed")
    assert closed["outcome"]["reason"] == "cancelled"
    assert execution(local_stack, mediation_id)["status"] == "SUCCEEDED"
    for member in (mum, dad, zoe):
        assert any("was cancelled by one of the parties" in t for t in thread_texts(member))
    refused(dad.post(f"/mediations/{mediation_id}/perspective", json={"needs": "calm"}), 409, "mediation_closed")


# --- the safety gate ----------------------------------------------------------------------------------------------


def test_a_start_is_blocked_by_the_safety_gate_without_revealing_the_others_disclosure(local_stack, make_member):
    ann, ben, circle_id = couple(make_member)
    thread_id = ok(ben.get("/threads"))["threads"][0]["id"]
    disclosure = ok(ben.post(f"/threads/{thread_id}/messages", headers={"Idempotency-Key": uuid.uuid4().hex},
                             json={"text": "he choked me last night and said he'd kill me if I leave"}), 201)
    assert disclosure["reply"]["source"] == "safety"

    blocked = refused(ann.post("/mediations", json={"circle_id": circle_id, "parties": [ben.sub], "topic": "Us"}),
                      409, "mediation_not_offered")
    text = json.dumps(blocked).lower()
    for revealing in ("abuse", "incident", "choked", "crisis", "disclos", "safety", ben.sub):
        assert revealing not in text
    assert ok(ann.get("/mediations"))["mediations"] == [] and ok(ben.get("/mediations"))["mediations"] == []
    assert not any("mediation" in t.lower() for t in thread_texts(ben))  # never invited

    # The same answer when it is the initiator's own incident: nothing distinguishes whose it is.
    mirrored = refused(ben.post("/mediations", json={"circle_id": circle_id, "parties": [ann.sub], "topic": "Us"}),
                       409, "mediation_not_offered")
    assert mirrored["message"] == blocked["message"]


def test_an_abuse_disclosure_in_a_perspective_gets_the_crisis_reply_and_stops_the_mediation_neutrally(
        local_stack, make_member):
    ann, ben, circle_id = couple(make_member)
    mediation_id = start(ann, circle_id, [ben], "Arguments")["id"]
    join(ben, mediation_id)
    wait_asked(ben, mediation_id, "perspective")
    words = "he choked me last night and said he'd kill me if I leave"
    reply = ok(ben.post(f"/mediations/{mediation_id}/perspective", json={"feelings": words, "needs": "safety"}))
    assert reply["accepted"] is False and reply["support"]["source"] == "safety"
    assert "1-800-799-7233" in reply["support"]["text"]
    closed = wait_status(ann, mediation_id, "closed")
    assert closed["outcome"]["reason"] == "not_offered"
    assert execution(local_stack, mediation_id)["status"] == "SUCCEEDED"
    ann_side = json.dumps(closed) + json.dumps(thread_texts(ann))
    for revealing in ("choked", "kill", "abuse", "crisis", "incident"):
        assert revealing not in ann_side.lower()
    assert any("can't go ahead right now" in t for t in thread_texts(ann))
    assert items(local_stack, f"MEMBER#{ben.sub}", "INCIDENT#")  # the disclosure opened an incident
    assert view(ben, mediation_id)["my_perspective"] is None  # the words went nowhere


# --- the API's edges --------------------------------------------------------------------------------------------------


def test_bad_starts_are_refused_with_a_reason_and_strangers_see_nothing(local_stack, make_member):
    ann, ben, circle_id = couple(make_member)
    stranger = make_member("stranger")
    refused(ann.post("/mediations", json={"circle_id": circle_id, "parties": [stranger.sub], "topic": "Us"}),
            422, "party_not_in_circle")
    refused(ann.post("/mediations", json={"circle_id": circle_id, "parties": [], "topic": "Us"}), 422, "invalid_request")
    refused(ann.post("/mediations", json={"circle_id": circle_id, "parties": [ann.sub], "topic": "Us"}),
            422, "invalid_parties")
    refused(stranger.post("/mediations", json={"circle_id": circle_id, "parties": [ann.sub], "topic": "Us"}),
            404, "circle_not_found")
    mediation_id = start(ann, circle_id, [ben], "Us")["id"]
    refused(stranger.get(f"/mediations/{mediation_id}"), 404, "mediation_not_found")
    refused(ann.post(f"/mediations/{mediation_id}/perspective", json={"needs": "calm"}), 409, "not_your_turn")
    ok(ann.post(f"/mediations/{mediation_id}/cancel"))
    wait_status(ben, mediation_id, "closed")
    assert execution(local_stack, mediation_id)["status"] == "SUCCEEDED"

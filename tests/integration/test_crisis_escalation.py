"""A crisis in chat reaches humans: an incident, an on-call notification, an event for integrations, a follow-up.

All of it asynchronously (the table's stream → the escalation function), while the member's reply is immediate.
"""

import json
import uuid

import pytest

pytestmark = [pytest.mark.crisis, pytest.mark.integration]


@pytest.fixture
def integration_queue(local_stack):
    """An integration listening on the default event bus for crisis events (an SQS target, as a partner's would)."""
    sqs, events = local_stack.client("sqs"), local_stack.client("events")
    name = f"crisis-integration-{uuid.uuid4().hex[:8]}"
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name=name, EventPattern=json.dumps({"source": ["inetta.crisis"]}))
    events.put_targets(Rule=name, Targets=[{"Id": "integration", "Arn": arn}])
    return url


def member_items(local_stack, member_sub: str, prefix: str) -> list[dict]:
    table = local_stack.outputs["TableName"]
    response = local_stack.client("dynamodb").query(
        TableName=table,
        KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues={":pk": {"S": f"MEMBER#{member_sub}"}, ":prefix": {"S": prefix}},
        ConsistentRead=True,
    )
    return response["Items"]


def say(member, text: str):
    thread_id = member.get("/threads").json()["threads"][0]["id"]
    return member.post(
        f"/threads/{thread_id}/messages", json={"text": text}, headers={"Idempotency-Key": uuid.uuid4().hex}
    )


def test_a_crisis_is_escalated_to_on_call_humans_with_one_incident_and_a_follow_up(
    local_stack, member, integration_queue
):
    first = say(member, "he choked me last night and said he'd kill me if I leave")
    assert first.status_code == 201 and first.json()["reply"]["source"] == "safety"
    say(member, "I'm so scared of him")  # the same crisis, a moment later
    say(member, "he choked me again and I think he will kill me")
    assert local_stack.drain()

    incidents = member_items(local_stack, member.sub, "INCIDENT#")
    assert len(incidents) == 1  # one incident per crisis window, however many messages
    incident = incidents[0]
    assert incident["category"]["S"] == "abuse" and incident["danger"]["S"] == "high"
    assert "escalated_at" in incident

    notices = [n for n in local_stack.on_call_notifications() if n["message"]["member_id"] == member.sub]
    assert len(notices) == 1
    notice = notices[0]["message"]
    assert notice["category"] == "abuse" and notice["incident_id"] == incident["incident_id"]["S"]
    assert "choked" not in json.dumps(notices[0])  # the member's words stay in the incident record

    messages = local_stack.client("sqs").receive_message(QueueUrl=integration_queue, MaxNumberOfMessages=10)
    details = [json.loads(m["Body"])["detail"] for m in messages.get("Messages", [])]
    # The integration hears every member's crises (an earlier test's may be delivered now): this member's, once.
    assert [d["incident_id"] for d in details if d["member_id"] == member.sub] == [incident["incident_id"]["S"]]

    follow_ups = member_items(local_stack, member.sub, "FOLLOWUP#crisis#")
    assert len(follow_ups) == 1 and follow_ups[0]["status"]["S"] == "pending"


def test_a_parent_worried_about_a_child_is_helped_to_help_and_on_call_is_told_the_child_is_at_risk(local_stack, member):
    """Over HTTP with a real token: the reply is for the one who worries, and the on-call notification (through the
    stream and the escalation function) says the one at risk is someone else in the member's life."""
    reply = say(member, "my daughter tried to kill herself last night, she's home now and i'm terrified").json()["reply"]
    assert reply["source"] == "safety" and "someone you love" in reply["text"] and "988" in reply["text"]
    assert local_stack.drain()
    [incident] = member_items(local_stack, member.sub, "INCIDENT#")
    assert incident["someone_else"]["BOOL"] is True and incident["danger"]["S"] == "high"
    [notice] = [n["message"] for n in local_stack.on_call_notifications() if n["message"]["member_id"] == member.sub]
    assert notice["someone_else"] is True and notice["category"] == "suicide_self_harm"
    assert "daughter" not in json.dumps(notice)


def test_a_parent_who_hears_their_son_threaten_his_school_is_told_what_keeps_people_safe_and_on_call_is_paged(
    local_stack, member
):
    """Over HTTP with a real token: a family member's threat of an attack is high danger, the reply is for the parent
    (tell the police or the school, keep weapons out of reach), and on-call is told it is someone else's threat."""
    reply = say(member, "my son said he's going to shoot up his school on friday").json()["reply"]
    assert reply["source"] == "safety" and "tell the police or the school" in reply["text"] and "911" in reply["text"]
    assert "carrying a lot of anger" not in reply["text"]
    assert local_stack.drain()
    [incident] = member_items(local_stack, member.sub, "INCIDENT#")
    assert incident["category"]["S"] == "harm_to_others" and incident["danger"]["S"] == "high"
    assert incident["someone_else"]["BOOL"] is True
    [notice] = [n["message"] for n in local_stack.on_call_notifications() if n["message"]["member_id"] == member.sub]
    assert notice["someone_else"] is True and notice["category"] == "harm_to_others"
    assert "school" not in json.dumps(notice)


def test_a_teen_hurt_at_home_is_spoken_to_as_a_child_and_on_call_is_told_the_member_is_the_child(local_stack, member):
    """Over HTTP with a real token: a teen's own words about a stepfather's violence are a child at risk, not a
    partner's abuse. The reply speaks to them (not their fault, a line for young people, an adult they trust), and the
    incident and on-call's notice say the member is the child, without their words."""
    reply = say(member, "my stepdad pinned me down and choked me last night, im scared to go home").json()["reply"]
    assert reply["source"] == "safety" and "not your fault" in reply["text"] and "Childhelp" in reply["text"]
    assert "adult you trust" in reply["text"] and "Domestic Violence Hotline" not in reply["text"]
    assert local_stack.drain()
    [incident] = member_items(local_stack, member.sub, "INCIDENT#")
    assert incident["category"]["S"] == "child_safety" and incident["danger"]["S"] == "high"
    assert incident["writer_is_child"]["BOOL"] is True and incident["someone_else"]["BOOL"] is False
    [notice] = [n["message"] for n in local_stack.on_call_notifications() if n["message"]["member_id"] == member.sub]
    assert notice["writer_is_child"] is True and notice["category"] == "child_safety"
    assert "choked" not in json.dumps(notice) and "stepdad" not in json.dumps(notice)


def test_an_older_person_s_abuse_gets_the_line_for_it_and_on_call_is_told(local_stack, member):
    """Over HTTP with a real token: an older member robbed and kept without care by their son gets the line for the
    abuse of older people with the domestic abuse line, and the incident and on-call's notice say it is an older
    person's abuse, without their words."""
    reply = say(member, "im 82 and my son keeps back my insulin until i hand over my pension").json()["reply"]
    assert reply["source"] == "safety" and "Eldercare Locator" in reply["text"] and "911" in reply["text"]
    assert local_stack.drain()
    [incident] = member_items(local_stack, member.sub, "INCIDENT#")
    assert incident["category"]["S"] == "abuse" and incident["older_adult"]["BOOL"] is True
    [notice] = [n["message"] for n in local_stack.on_call_notifications() if n["message"]["member_id"] == member.sub]
    assert notice["older_adult"] is True and notice["category"] == "abuse" and notice["writer_is_child"] is False
    assert "insulin" not in json.dumps(notice) and "pension" not in json.dumps(notice)


def test_a_member_under_18_is_also_given_the_line_for_young_people(local_stack, make_member):
    """Over HTTP with real tokens: a teen flagged as under 18 in their family's circle who writes of suicidal thoughts
    gets the crisis line and the line for young people; their parent, writing the same words, gets the crisis line
    only. On-call's notice says the teen is a minor."""
    parent, teen = make_member("pam"), make_member("toby")
    circle = parent.post("/circles", json={"kind": "family", "name": "The Ts", "role": "parent"}).json()
    code = parent.post(f"/circles/{circle['id']}/invites", json={"role": "teen", "minor": True}).json()["code"]
    assert teen.post("/invites/accept", json={"code": code, "minor": True}).status_code < 300
    words = "i keep thinking about killing myself"
    teens = say(teen, words).json()["reply"]
    assert teens["source"] == "safety" and "988" in teens["text"] and "Childhelp" in teens["text"]
    parents = say(parent, words).json()["reply"]
    assert parents["source"] == "safety" and "988" in parents["text"] and "Childhelp" not in parents["text"]
    assert local_stack.drain()
    [notice] = [n["message"] for n in local_stack.on_call_notifications() if n["message"]["member_id"] == teen.sub]
    assert notice["minor"] is True and "killing" not in json.dumps(notice)


def test_a_suicidal_thought_let_slip_at_the_end_of_a_long_message_reaches_on_call(local_stack, member):
    """Over HTTP with a real token: one sentence at the end of a long message about the week is not drowned by it (the
    screen reads a long message again in windows)."""
    from tests.support.crisis import SLIP, WEEK

    reply = say(member, WEEK + SLIP).json()["reply"]
    assert reply["source"] == "safety" and "988" in reply["text"]
    assert local_stack.drain()
    [incident] = member_items(local_stack, member.sub, "INCIDENT#")
    assert incident["category"]["S"] == "suicide_self_harm" and incident["danger"]["S"] == "high"
    [notice] = [n["message"] for n in local_stack.on_call_notifications() if n["message"]["member_id"] == member.sub]
    assert notice["category"] == "suicide_self_harm" and "letters" not in json.dumps(notice)


def test_ordinary_conflict_reaches_no_one(local_stack, member):
    assert say(member, "we fought about the dishes again").json()["reply"]["source"] == "offline"
    assert local_stack.drain()
    assert member_items(local_stack, member.sub, "INCIDENT#") == []
    assert [n for n in local_stack.on_call_notifications() if n["message"]["member_id"] == member.sub] == []


def test_on_call_hears_the_answer_to_the_screeners_question_and_a_danger_raised_later_in_the_crisis(
    local_stack, member
):
    from shared.safety import screen

    unsure = "he makes me feel worthless every day"
    assert screen(unsure).tentative and screen(unsure).danger == "moderate"  # no rule names it: the reply asks
    assert "afraid of them" in say(member, unsure).json()["reply"]["text"]
    assert say(member, "yes").json()["reply"]["source"] == "safety"
    say(member, "he choked me last night and said he'd kill me if I leave")
    assert local_stack.drain()

    [incident] = member_items(local_stack, member.sub, "INCIDENT#")  # one crisis, one incident
    assert incident["member_answer"]["S"] == "yes" and incident["danger"]["S"] == "high"
    notices = [n for n in local_stack.on_call_notifications() if n["message"]["member_id"] == member.sub]
    told = {n["subject"]: n["message"] for n in notices}
    assert sorted(told) == ["Inetta crisis incident (MODERATE): abuse", "Inetta crisis incident answered YES: abuse",
                            "Inetta crisis incident raised to HIGH: abuse"]
    assert told["Inetta crisis incident (MODERATE): abuse"]["question_asked"] is True
    assert told["Inetta crisis incident raised to HIGH: abuse"]["raised_from"] == "moderate"
    assert "worthless" not in json.dumps(notices) and "choked" not in json.dumps(notices)


def test_after_a_no_the_same_doubt_is_not_asked_again_and_a_no_taken_back_pages_on_call(local_stack, member):
    """Over HTTP with a real token: the member says no to the screener's question; the same words again get the
    coach's answer with the line for help under it, and no page; "actually I lied" is a yes, and on-call hears it."""
    done = "honestly i am done"
    assert "are you having thoughts of suicide" in say(member, done).json()["reply"]["text"]
    assert say(member, "No").json()["reply"]["source"] == "offline"
    again = say(member, done).json()["reply"]
    assert again["source"] == "offline"
    assert again["text"].endswith("or call or text 988 (Suicide & Crisis Lifeline), any time.")
    assert local_stack.drain()
    [incident] = member_items(local_stack, member.sub, "INCIDENT#")
    assert incident["member_answer"]["S"] == "no" and incident["doubted_after_no"]["N"] == "1"
    assert say(member, "actually I lied, I do think about it").json()["reply"]["source"] == "safety"
    assert local_stack.drain()
    notices = [n for n in local_stack.on_call_notifications() if n["message"]["member_id"] == member.sub]
    assert sorted(n["subject"] for n in notices) == [  # the held-back doubt paged no one
        "Inetta crisis incident (LOW): suicide_self_harm", "Inetta crisis incident answered NO: suicide_self_harm",
        "Inetta crisis incident answered YES: suicide_self_harm"]


def test_on_call_lists_reads_and_closes_an_incident_with_the_inetta_command(local_stack, member):
    import os
    import subprocess
    import sys
    from pathlib import Path

    say(member, "he choked me last night and said he'd kill me if I leave")
    assert local_stack.drain()
    [notice] = [n["message"] for n in local_stack.on_call_notifications() if n["message"]["member_id"] == member.sub]
    env = {**os.environ, "AWS_ENDPOINT_URL": local_stack.moto_url, "AWS_ACCESS_KEY_ID": "testing",
           "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": local_stack.region}
    inetta = [str(Path(sys.executable).with_name("inetta")), "incidents", "--table", local_stack.outputs["TableName"]]

    def run(*args):
        return subprocess.run([*inetta, *args], env=env, capture_output=True, text=True, timeout=60)

    listed = run("list")
    assert listed.returncode == 0 and notice["incident_id"] in listed.stdout and "choked" not in listed.stdout
    shown = run("show", notice["member_id"], notice["incident_id"])  # the two ids the page carries
    assert shown.returncode == 0 and json.loads(shown.stdout)["message_text"].startswith("he choked me")
    closed = run("close", notice["member_id"], notice["incident_id"], "--by", "Sam", "--note", "Safety plan made")
    assert closed.returncode == 0, closed.stderr
    assert notice["incident_id"] not in run("list").stdout

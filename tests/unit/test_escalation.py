"""Escalating an incident: on-call humans told once, integrations told, a follow-up booked, minors flagged; the
member's answer to the screener's question told once too."""

import json

import boto3
import pytest

from services.escalation.notify import Escalator
from shared.store.table import to_item

pytestmark = pytest.mark.crisis


@pytest.fixture
def world(dynamodb):
    sqs, sns = boto3.client("sqs", region_name="us-east-1"), boto3.client("sns", region_name="us-east-1")
    topic = sns.create_topic(Name="escalations")["TopicArn"]
    inbox = sqs.create_queue(QueueName="on-call")["QueueUrl"]
    inbox_arn = sqs.get_queue_attributes(QueueUrl=inbox, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=inbox_arn)
    escalator = Escalator(
        table="inetta-test", topic_arn=topic, sns=sns, events=boto3.client("events", region_name="us-east-1"),
        dynamodb=dynamodb,
    )

    def notifications(with_attributes=False):
        messages = sqs.receive_message(QueueUrl=inbox, MaxNumberOfMessages=10).get("Messages", [])
        bodies = [json.loads(m["Body"]) for m in messages]
        if with_attributes:
            return [(json.loads(b["Message"]), {k: v["Value"] for k, v in b.get("MessageAttributes", {}).items()})
                    for b in bodies]
        return [json.loads(b["Message"]) for b in bodies]

    return escalator, notifications


def subscribe_integration(pattern: dict):
    """An integration's rule on the default bus with an SQS target; returns what it has received so far."""
    sqs, events = boto3.client("sqs", region_name="us-east-1"), boto3.client("events", region_name="us-east-1")
    name = "-".join(pattern["source"]).replace(".", "-")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name=name, EventPattern=json.dumps(pattern))
    events.put_targets(Rule=name, Targets=[{"Id": name, "Arn": arn}])
    return lambda: [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])]


def incident(dynamodb, member="ana", incident_id="i1", write=True, **extra):
    item = {
        "pk": f"MEMBER#{member}", "sk": f"INCIDENT#2026-11-25T00:00:00.000000Z#{incident_id}", "owner": member,
        "kind": "incident", "incident_id": incident_id, "category": "suicide_self_harm", "severity": "plan",
        "danger": "high", "message_id": "m1", "thread_id": "t1", "message_text": "private words",
        "status": "open", "created_at": "2026-11-25T00:00:00.000000Z", **extra,
    }
    if write:
        dynamodb.put_item(TableName="inetta-test", Item=to_item(item))
    return item


def test_an_incident_is_escalated_once_even_when_delivered_twice(world, dynamodb):
    escalator, notifications = world
    item = incident(dynamodb)
    assert escalator.escalate(item) is True
    assert escalator.escalate(item) is False
    sent = notifications()
    assert len(sent) == 1 and sent[0]["incident_id"] == "i1" and sent[0]["category"] == "suicide_self_harm"
    assert "private words" not in json.dumps(sent)
    follow_up = dynamodb.get_item(
        TableName="inetta-test", Key=to_item({"pk": "MEMBER#ana", "sk": "FOLLOWUP#crisis#i1"})
    )["Item"]
    assert follow_up["status"]["S"] == "pending" and follow_up["owner"]["S"] == "ana"


def test_integrations_subscribed_to_crisis_events_get_one_event_without_the_members_words(world, dynamodb):
    """An integration subscribes to the default bus with the documented pattern (README: an `inetta.crisis` event;
    the CDK app itself defines no such rule, integrations add theirs) and hears of each incident once."""
    escalator, _ = world
    integration, unrelated = subscribe_integration({"source": ["inetta.crisis"]}), subscribe_integration(
        {"source": ["inetta.checkins"]})

    item = incident(dynamodb)
    escalator.escalate(item)
    escalator.escalate(item)  # the stream delivers it again

    bodies = integration()
    assert len(bodies) == 1 and unrelated() == []
    event = json.loads(bodies[0])
    assert event["source"] == "inetta.crisis" and event["detail-type"] == "Crisis incident opened"
    assert event["detail"]["incident_id"] == "i1" and event["detail"]["category"] == "suicide_self_harm"
    assert event["detail"]["incident_key"] == {"pk": item["pk"], "sk": item["sk"]}  # where on-call humans look
    assert "private words" not in bodies[0] and "message_text" not in bodies[0]


def test_an_incident_that_no_longer_exists_is_not_escalated(world, dynamodb):
    escalator, notifications = world
    assert escalator.escalate(incident(dynamodb, write=False)) is False
    assert notifications() == []


def test_a_minors_incident_is_flagged_for_on_call_humans(world, dynamodb):
    escalator, notifications = world
    dynamodb.put_item(
        TableName="inetta-test",
        Item=to_item({"pk": "CIRCLE#c1", "sk": "MEMBER#teo", "owner": "teo", "role": "teen", "minor": True}),
    )
    escalator.escalate(incident(dynamodb, member="teo", incident_id="i2"))
    assert notifications()[0]["minor"] is True


def test_on_call_is_told_when_the_one_at_risk_is_someone_else_in_the_member_s_life(world, dynamodb):
    """A parent told the coach of their son's suicidal thoughts: on-call supports the member in helping him."""
    escalator, notifications = world
    escalator.escalate(incident(dynamodb, incident_id="i3", someone_else=True, severity="thoughts", danger="low"))
    escalator.escalate(incident(dynamodb, member="ben", incident_id="i4"))  # incidents from before the field: the member's
    told = {n["incident_id"]: n["someone_else"] for n in notifications()}
    assert told == {"i3": True, "i4": False}


def answered(dynamodb, item, answer, at="2026-11-25T00:05:00.000000Z"):
    """The incident as the chat turn leaves it when the member answers the screener's question."""
    after = {**item, "member_answer": answer, "member_answer_message_id": f"m-{answer}", "member_answered_at": at}
    dynamodb.put_item(TableName="inetta-test", Item=to_item(after))
    return after


def test_on_call_hears_when_the_member_answers_that_the_one_at_risk_is_someone_else(world, dynamodb):
    escalator, notifications = world
    item = incident(dynamodb, severity=None, danger="moderate", question_asked=True)
    escalator.escalate(item)
    after = answered(dynamodb, item, "someone else")
    escalator.tell_changes(item, after)
    _, (notice, attributes) = notifications(with_attributes=True)
    assert notice["member_answer"] == "someone else" and attributes["member_answer"] == "someone else"


def test_on_call_and_integrations_hear_the_members_answer_to_the_screeners_question_once(world, dynamodb):
    escalator, notifications = world
    integration = subscribe_integration({"source": ["inetta.crisis"], "detail-type": ["Crisis incident answered"]})
    item = incident(dynamodb, severity=None, danger="moderate", category="abuse", question_asked=True)
    escalator.escalate(item)
    after = answered(dynamodb, item, "yes")

    assert escalator.tell_changes(item, after) == [f"answer:{after['member_answered_at']}"]
    assert escalator.tell_changes(item, after) == []  # the stream delivers the update again
    opened, told = notifications(with_attributes=True)
    assert opened[0]["question_asked"] is True and "member_answer" not in opened[0]  # on-call knew it was unsure
    notice, attributes = told
    assert notice["incident_id"] == "i1" and notice["member_answer"] == "yes" and notice["category"] == "abuse"
    assert notice["answered_at"] == after["member_answered_at"]
    assert attributes["member_answer"] == "yes"  # a subscription can choose to be woken for a "yes" only
    assert "private words" not in json.dumps(told)
    [event] = [json.loads(body) for body in integration()]
    assert event["detail"]["member_answer"] == "yes" and "private words" not in json.dumps(event)


def test_an_update_that_does_not_change_the_answer_tells_no_one_and_a_changed_answer_is_told(world, dynamodb):
    escalator, notifications = world
    item = incident(dynamodb, question_asked=True)
    escalator.escalate(item)
    escalated = {**item, "escalated_at": "2026-11-25T00:00:01.000000Z"}
    assert escalator.tell_changes(item, escalated) == []  # the escalation's own mark: no answer in it
    no = answered(dynamodb, item, "no")
    assert escalator.tell_changes(item, no) == [f"answer:{no['member_answered_at']}"]
    again = answered(dynamodb, no, "no", at="2026-11-25T00:09:00.000000Z")
    assert escalator.tell_changes(no, again) == []  # "no" after "no": nothing new for on-call
    yes = answered(dynamodb, again, "yes", at="2026-11-25T00:12:00.000000Z")
    assert escalator.tell_changes(again, yes) == [f"answer:{yes['member_answered_at']}"]  # no, now yes: on-call must know
    assert [n.get("member_answer") for n in notifications()] == [None, "no", "yes"]


def test_an_answer_on_an_incident_that_no_longer_exists_is_not_told(world, dynamodb):
    escalator, notifications = world
    item = incident(dynamodb, write=False)
    assert escalator.tell_changes(item, {**item, "member_answer": "yes", "member_answered_at": "t"}) == []
    assert notifications() == []


def test_a_danger_raised_by_a_later_message_in_the_same_crisis_is_told_once(world, dynamodb):
    escalator, notifications = world
    integration = subscribe_integration({"source": ["inetta.crisis"], "detail-type": ["Crisis incident danger raised"]})
    item = incident(dynamodb, category="abuse", severity="controlling", danger="moderate")
    escalator.escalate(item)
    raised = {**item, "danger": "high", "severity": "threat_to_kill", "raised_from": "moderate",
              "danger_raised_at": "2026-11-25T01:00:00.000000Z", "raised_message_id": "m2"}
    dynamodb.put_item(TableName="inetta-test", Item=to_item(raised))

    assert escalator.tell_changes(item, raised) == ["raised:2026-11-25T01:00:00.000000Z"]
    assert escalator.tell_changes(item, raised) == []  # a redelivery
    marked = {**raised, "told": {"raised:2026-11-25T01:00:00.000000Z"}}
    assert escalator.tell_changes(raised, marked) == []  # the function's own mark is no news
    opened, told = notifications()
    assert opened["danger"] == "moderate"
    assert told["danger"] == "high" and told["raised_from"] == "moderate" and told["severity"] == "threat_to_kill"
    assert "private words" not in json.dumps(told)
    [event] = [json.loads(body) for body in integration()]
    assert event["detail"]["danger"] == "high" and event["detail"]["raised_from"] == "moderate"

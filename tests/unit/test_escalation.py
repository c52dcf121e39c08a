"""Escalating an incident: on-call humans told once, integrations told, a follow-up booked, minors flagged."""

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

    def notifications():
        messages = sqs.receive_message(QueueUrl=inbox, MaxNumberOfMessages=10).get("Messages", [])
        return [json.loads(json.loads(m["Body"])["Message"]) for m in messages]

    return escalator, notifications


def incident(dynamodb, member="ana", incident_id="i1", write=True):
    item = {
        "pk": f"MEMBER#{member}", "sk": f"INCIDENT#2026-11-25T00:00:00.000000Z#{incident_id}", "owner": member,
        "kind": "incident", "incident_id": incident_id, "category": "suicide_self_harm", "severity": "plan",
        "danger": "high", "message_id": "m1", "thread_id": "t1", "message_text": "private words",
        "status": "open", "created_at": "2026-11-25T00:00:00.000000Z",
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
    sqs, events = boto3.client("sqs", region_name="us-east-1"), boto3.client("events", region_name="us-east-1")
    queues = {}
    for name, pattern in (("integration", {"source": ["inetta.crisis"]}),
                          ("unrelated", {"source": ["inetta.checkins"]})):
        url = sqs.create_queue(QueueName=name)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events.put_rule(Name=name, EventPattern=json.dumps(pattern))
        events.put_targets(Rule=name, Targets=[{"Id": name, "Arn": arn}])
        queues[name] = url

    item = incident(dynamodb)
    escalator.escalate(item)
    escalator.escalate(item)  # the stream delivers it again

    def received(name):
        return [m["Body"] for m in sqs.receive_message(QueueUrl=queues[name], MaxNumberOfMessages=10).get("Messages", [])]

    bodies = received("integration")
    assert len(bodies) == 1 and received("unrelated") == []
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

"""The local stack's DynamoDB (moto, patched by inetta.local.dynamodb): a cancelled transaction writes nothing and
leaves the table's stream readable — before the patch it cut every stream reader off, so context building,
escalation and check-in follow-ups stopped for the rest of a run."""

import boto3
import pytest
from moto import mock_aws

from inetta.local import dynamodb

pytestmark = [pytest.mark.spine]

TABLE = "local-dynamodb-test"


@pytest.fixture
def table(monkeypatch):
    monkeypatch.setenv("AWS_ACCOUNT_ID_ENDPOINT_MODE", "disabled")  # moto serves streams only on this endpoint
    with mock_aws():
        dynamodb.install()
        try:
            client = boto3.client("dynamodb", region_name="us-east-1")
            client.create_table(
                TableName=TABLE, BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                      {"AttributeName": "sk", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            )
            yield client
        finally:
            dynamodb.uninstall()


def put(pk, sk, **attributes):
    item = {"pk": {"S": pk}, "sk": {"S": sk}, **{k: {"S": v} for k, v in attributes.items()}}
    return {"Put": {"TableName": TABLE, "Item": item}}


def cancelled_transaction(client):
    """Writes a new item and changes an existing one, then fails a condition: nothing of it may stay."""
    with pytest.raises(client.exceptions.TransactionCanceledException):
        client.transact_write_items(TransactItems=[
            put("MEMBER#ana", "MSG#2", text="never stored"),
            {"Update": {"TableName": TABLE, "Key": {"pk": {"S": "MEMBER#ana"}, "sk": {"S": "MSG#1"}},
                        "UpdateExpression": "SET #t = :t", "ExpressionAttributeNames": {"#t": "text"},
                        "ExpressionAttributeValues": {":t": {"S": "overwritten"}}}},
            {"ConditionCheck": {"TableName": TABLE, "Key": {"pk": {"S": "INCIDENT#ana"}, "sk": {"S": "OPEN"}},
                                "ConditionExpression": "attribute_exists(pk)"}},
        ])


def stream_reader(client):
    streams = boto3.client("dynamodbstreams", region_name="us-east-1")
    arn = client.describe_table(TableName=TABLE)["Table"]["LatestStreamArn"]
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]

    def read():
        nonlocal iterator
        page = streams.get_records(ShardIterator=iterator)
        iterator = page["NextShardIterator"]
        return [(r["eventName"], r["dynamodb"]["Keys"]["sk"]["S"]) for r in page["Records"]]

    return read


def test_a_cancelled_transaction_writes_nothing(table):
    table.transact_write_items(TransactItems=[put("MEMBER#ana", "MSG#1", text="my first message")])
    cancelled_transaction(table)
    items = table.query(TableName=TABLE, KeyConditionExpression="pk = :pk",
                        ExpressionAttributeValues={":pk": {"S": "MEMBER#ana"}})["Items"]
    assert [(i["sk"]["S"], i["text"]["S"]) for i in items] == [("MSG#1", "my first message")]


def test_stream_readers_keep_reading_after_a_cancelled_transaction(table):
    read = stream_reader(table)
    table.put_item(TableName=TABLE, Item={"pk": {"S": "MEMBER#ana"}, "sk": {"S": "MSG#1"}, "text": {"S": "hi"}})
    assert read() == [("INSERT", "MSG#1")]

    cancelled_transaction(table)
    table.put_item(TableName=TABLE, Item={"pk": {"S": "MEMBER#ana"}, "sk": {"S": "MSG#3"}, "text": {"S": "later"}})

    # The later write reaches the reader that was already reading; the cancelled transaction left no records.
    assert read() == [("INSERT", "MSG#3")]

"""The crisis escalation function: the table's stream delivers each new incident, which it escalates, and each
update of an incident, whose changes that matter (a danger raised, the member's answer) it tells on-call.

Powertools' batch processor reports the records that failed, so only those are retried (then the DLQ).
"""

from functools import lru_cache

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from services.escalation.notify import Escalator
from shared.config import settings
from shared.observability import observability
from shared.store.table import from_item

logger, tracer, metrics = observability()
processor = BatchProcessor(event_type=EventType.DynamoDBStreams)


@lru_cache(maxsize=1)
def escalator() -> Escalator:
    config = settings()
    return Escalator(
        table=config.table_name,
        topic_arn=config.escalation_topic_arn,
        sns=boto3.client("sns"),
        events=boto3.client("events"),
    )


@tracer.capture_method
def record_handler(record: DynamoDBRecord) -> None:
    change = record.raw_event["dynamodb"]
    incident = from_item(change.get("NewImage") or {})
    if incident.get("kind") != "incident":
        return  # the event source filter keeps these away; ignoring them is harmless
    if record.raw_event.get("eventName") == "INSERT" and escalator().escalate(incident):
        logger.warning(
            "Crisis incident escalated",
            extra={"incident_id": incident["incident_id"], "category": incident["category"], "danger": incident.get("danger")},
        )
        metrics.add_metric(name="CrisisIncidentsEscalated", unit=MetricUnit.Count, value=1)
    elif record.raw_event.get("eventName") == "MODIFY":
        told = escalator().tell_changes(from_item(change.get("OldImage") or {}), incident)
        if told:
            logger.warning("Crisis incident update told", extra={"incident_id": incident["incident_id"], "told": told})
            metrics.add_metric(name="CrisisIncidentUpdatesTold", unit=MetricUnit.Count, value=len(told))


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)

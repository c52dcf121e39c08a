"""The context-building function.

- From the table's stream (an event-source mapping filtered to new member messages): brings the author's
  precomputed context and the insights they share up to date (`shared.context.build`). Never on the reply path.
- From the HTTP API: `GET /threads/{thread_id}/messages/{message_id}/why`, "why this reply", for the author.

(No `from __future__ import annotations` here: Powertools reads the route signatures at run time.)
"""

from functools import lru_cache
from typing import Annotated

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver
from aws_lambda_powertools.event_handler.openapi.params import Path
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.config import settings
from shared.context.build import ContextBuilder
from shared.context.why import WhyNotFound, explain
from shared.http import ApiError, install_error_handlers, member_id
from shared.observability import observability
from shared.store.table import dynamodb_client, from_item

logger, tracer, metrics = observability()
processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
app = APIGatewayHttpResolver(enable_validation=True)
install_error_handlers(app)

Id = Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,64}$")]


@lru_cache(maxsize=1)
def builder() -> ContextBuilder:
    config = settings()
    if not config.llm.configured:
        return ContextBuilder(config.table_name)
    from shared.llm.structured import LlmExtractor

    extractor = LlmExtractor(config.llm, table=config.table_name)
    # The budget is read before each extraction: spent (member or global), the offline engine extracts instead.
    return ContextBuilder(config.table_name, extractor=extractor, budget=extractor.budget)


@tracer.capture_method
def record_handler(record: DynamoDBRecord) -> None:
    values = from_item(record.raw_event["dynamodb"].get("NewImage") or {})
    if record.raw_event.get("eventName") != "INSERT" or not str(values.get("sk", "")).startswith("MSG#") \
            or values.get("author") != "member":
        return  # the event source filter keeps these away; ignoring them is harmless
    if builder().build(values["owner"], values["thread_id"]) is not None:
        metrics.add_metric(name="ContextBuilt", unit=MetricUnit.Count, value=1)


@app.get("/threads/<thread_id>/messages/<message_id>/why")
@tracer.capture_method
def why(thread_id: Id, message_id: Id) -> dict:
    try:
        return explain(dynamodb_client(), settings().table_name, member_id(app), thread_id, message_id)
    except WhyNotFound:
        raise ApiError(404, "message_not_found", "There is no such coach message in your threads.")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    if "Records" in event:
        return process_partial_response(event=event, record_handler=record_handler, processor=processor,
                                        context=context)
    return app.resolve(event, context)

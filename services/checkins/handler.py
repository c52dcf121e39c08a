"""The check-in schedule's target.

Each tick claims its time slot exactly once (the scheduler may deliver twice); finding the members who are due
and writing their check-ins is the check-ins issue's work, built on this claim.
"""

from __future__ import annotations

import time

from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.config import settings
from shared.observability import observability
from shared.store.checkins import CheckinStore

logger, tracer, _ = observability()


@logger.inject_lambda_context
@tracer.capture_lambda_handler
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    slot_minutes = int(event.get("slot_minutes", 15))
    slot = int(time.time() // (slot_minutes * 60))
    first = CheckinStore(settings().table_name).claim_slot(slot_minutes, slot)
    logger.info("Check-in tick", extra={"slot": slot, "first_delivery": first})
    return {"slot": slot, "slot_minutes": slot_minutes, "first_delivery": first}

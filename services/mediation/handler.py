"""Tasks of the mediation state machine.

For now the flow only opens a mediation record and closes it on failure; the mediation issue replaces this
with the full multi-party workflow (invitations, perspectives, agreement) on the same state machine.
"""

from __future__ import annotations

from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.config import settings
from shared.observability import observability
from shared.store.mediations import MediationStore

logger, tracer, _ = observability()

STEPS = ("open", "close")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    step = event.get("step")
    if step not in STEPS:
        raise ValueError(f"Unknown mediation step {step!r}; expected one of {STEPS}")
    mediation_id = event.get("mediation_id")
    if not mediation_id:
        raise ValueError("mediation_id is required")
    store = MediationStore(settings().table_name)
    if step == "open":
        return store.open(mediation_id, circle_id=event.get("circle_id"))
    return store.close(mediation_id, reason=str(event.get("error", {}).get("Error", "failed")))

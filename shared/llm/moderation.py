"""A second opinion on self-harm from the provider's moderation endpoint, when the operator turns it on.

The crisis screen (``shared.safety``) decides on its own, offline, and never waits on a network. This adds one
signal on top of it, only for a text the screen let through and a language model is about to read anyway: if the
provider's moderation model flags self-harm, the turn is answered by the crisis protocol instead. It can add an
escalation, never remove one; any failure (timeout, a server with no such endpoint, an odd answer) counts as "no
signal", so the member's reply never waits on it for long and never depends on it.

Only the self-harm categories count. Violence and harassment flags fire on a disclosure of abuse ("he hit me") as
readily as on a threat the member makes, and would send someone who is being hurt the reply meant for someone who
may hurt others; abuse stays with the screen's own layers.

Turned on by ``LLM_MODERATION_MODEL`` (``omni-moderation-latest`` at OpenAI); off when it is empty.
"""

from __future__ import annotations

SELF_HARM = ("self-harm", "self-harm/intent", "self-harm/instructions")
# Seconds at most (or the model's own timeout, if shorter): the call runs before the model's reply, so it must be
# quick or be skipped. No retries, for the same reason.
TIMEOUT_SECONDS = 3.0


def self_harm_flags(client, model: str, text: str, timeout: float = TIMEOUT_SECONDS) -> tuple[str, ...]:
    """The self-harm categories the moderation model flags for ``text`` (() for none). Raises when the endpoint
    can't answer; ``CoachGateway.self_harm_flags`` turns that into "no second opinion"."""
    response = client.with_options(timeout=min(timeout, TIMEOUT_SECONDS), max_retries=0).moderations.create(
        model=model, input=text)
    categories = response.results[0].categories.model_dump(by_alias=True)
    return tuple(category for category in SELF_HARM if categories.get(category))

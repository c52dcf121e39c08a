"""schemathesis against docs/openapi.json on the local stack, as a signed-in member.

Every operation of the committed document gets generated requests, valid and invalid, sent through the real HTTP
gateway (Cognito JWT authorizer) to the real handlers. The member owns real resources (their thread with a reply, a
circle with a second member, a mediation), and the generated path parameters are often those real ids, so the
fuzzing reaches the code behind the 404s. Every response must be a documented status code with a body that matches
the document, never a server error; invalid input must get a 4xx.

Bounded: a few examples per operation, no shrinking beyond a short budget (the whole file: well under a minute).
Excluded: `DELETE /me` (it deletes the member the other operations run as; tests/integration covers it).
"""

from __future__ import annotations

import secrets
import uuid
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from inetta.local.cognito import strong_password
from tests.integration.conftest import Member

pytestmark = [pytest.mark.hardening, pytest.mark.integration, pytest.mark.xdist_group("hardening")]

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
EXAMPLES_PER_OPERATION = 6

schema = schemathesis.openapi.from_path(DOCUMENT)
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES_PER_OPERATION,
    deterministic=True, database="none", with_security_parameters=False,
)
# Methods no route has (TRACE, ...): API Gateway answers those itself (404), no handler is involved.
schema.config.phases.coverage.unexpected_methods = set()
schema = schema.exclude(method="DELETE", path="/me")

# Invalid input must be refused with a documented 4xx (`negative_data_rejection`), never taken or a 5xx.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance, negative_data_rejection]

# The member's real resources, filled by the `owner` fixture before the first example is generated.
REAL: dict[str, list[str]] = {}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half the time, path parameters name the member's real resources (when the operation has such a parameter)."""
    if not path_parameters or not any(REAL.get(name) for name in path_parameters):
        return st.just(path_parameters)
    real = st.fixed_dictionaries({name: st.sampled_from(REAL[name]) if REAL.get(name) else st.just(value)
                                  for name, value in path_parameters.items()})
    return st.one_of(st.just(path_parameters), real)


def _member(local_stack, name: str) -> Member:
    username = f"{name}-{secrets.token_hex(6)}"
    tokens = local_stack.sign_up(username, strong_password(), f"{username}@example.test")
    return Member(tokens["username"], "", tokens, local_stack.api_url)


@pytest.fixture(scope="module")
def owner(local_stack):
    """A member with a thread (and a reply), a couple circle with a partner, and a mediation between them."""
    me, partner = _member(local_stack, "fuzz"), _member(local_stack, "partner")
    thread_id = me.get("/threads").json()["threads"][0]["id"]
    turn = me.post(f"/threads/{thread_id}/messages", json={"text": "We keep arguing about money"},
                   headers={"Idempotency-Key": uuid.uuid4().hex})
    assert turn.status_code == 201, turn.text
    circle = me.post("/circles", json={"kind": "couple", "name": "Us", "role": "partner"})
    assert circle.status_code == 201, circle.text
    circle_id = circle.json()["id"]
    invite = me.post(f"/circles/{circle_id}/invites", json={"role": "partner"}).json()
    assert partner.post("/invites/accept", json={"code": invite["code"]}).status_code == 201
    mediation = me.post("/mediations", json={"circle_id": circle_id, "parties": [partner.sub], "topic": "Money"})
    assert mediation.status_code == 201, mediation.text
    REAL.update(
        thread_id=[thread_id],
        message_id=[turn.json()["reply"]["id"], turn.json()["message"]["id"]],
        circle_id=[circle_id],
        target=[partner.sub, me.sub],
        mediation_id=[mediation.json()["id"]],
    )
    yield me
    REAL.clear()
    for member in (me, partner):
        member.session.close()


@schema.parametrize()
@hypothesis.settings(deadline=None, suppress_health_check=list(hypothesis.HealthCheck), print_blob=False)
def test_every_operation_answers_as_documented_and_never_with_a_server_error(case, owner):
    headers = {"Authorization": f"Bearer {owner.access_token}"}
    case.call_and_validate(base_url=owner.api_url, headers=headers, checks=CHECKS, timeout=30)

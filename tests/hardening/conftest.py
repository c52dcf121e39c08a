"""Hardening tests: the API fuzzed against its own OpenAPI document, and faults injected into the local stack.

They reuse the integration fixtures (a local stack per test process, fresh members per test). Every module here puts
its tests in one xdist group (`pytestmark`), so one worker runs them all, one after the other: armed faults
(inetta.local.faults, in the local stack's process) can never reach a test that did not arm them, and only that
worker starts this directory's stack.
"""

from __future__ import annotations

import pytest

from tests.integration.conftest import (  # noqa: F401 - fixtures, reused as they are
    Member,
    another_member,
    api_url,
    local_stack,
    make_member,
    member,
)


@pytest.fixture(autouse=True)
def no_fault_outlives_its_test(local_stack):
    local_stack.clear_faults()
    yield
    local_stack.clear_faults()

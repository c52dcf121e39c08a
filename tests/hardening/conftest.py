"""Hardening tests: the API fuzzed against its own OpenAPI document, and faults injected into the local stack.

They reuse the integration fixtures (a local stack per test process, fresh members per test). Every test here is in
one xdist group, so one worker runs them all, one after the other: armed faults (inetta.local.faults, in the local
stack's process) can never reach a test that did not arm them, and only that worker starts this directory's stack.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.conftest import (  # noqa: F401 - fixtures, reused as they are
    Member,
    another_member,
    api_url,
    local_stack,
    make_member,
    member,
)

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.hardening)
            item.add_marker(pytest.mark.integration)
            item.add_marker(pytest.mark.xdist_group("hardening"))


@pytest.fixture(autouse=True)
def no_fault_outlives_its_test(local_stack):
    local_stack.clear_faults()
    yield
    local_stack.clear_faults()

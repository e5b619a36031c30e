"""The ``worked_case`` fixture. (The markers for external programs are handled in the root conftest.py.)"""

from __future__ import annotations

import os
import tempfile

import pytest
from worked_cases import WORKED_CASES, WorkedCase

# The commands' result cache goes to a fresh folder for the test run, never to the user's cache.
os.environ.setdefault(
    "RELU_VARIETIES_CACHE", os.path.join(tempfile.mkdtemp(prefix="relu-varieties-test-"), "ideals.sqlite")
)


@pytest.fixture(params=WORKED_CASES, ids=str)
def worked_case(request: pytest.FixtureRequest) -> WorkedCase:
    """Each worked case of docs/mathematics.md#dimension in turn (defined in tests/worked_cases.py)."""
    return request.param

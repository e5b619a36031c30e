"""The ``worked_case`` fixture. (The markers for external programs are handled in the root conftest.py.)"""
from __future__ import annotations

import pytest

from worked_cases import WORKED_CASES, WorkedCase


@pytest.fixture(params=WORKED_CASES, ids=str)
def worked_case(request: pytest.FixtureRequest) -> WorkedCase:
    """Each worked case of docs/mathematics.md#dimension in turn (defined in tests/worked_cases.py)."""
    return request.param

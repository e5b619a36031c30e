"""Timing shared by the benchmark scripts: the best of several runs, and the value of the last."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")


def best_of(repeat: int, function: Callable[[], T]) -> tuple[float, T]:
    """The shortest wall-clock time of ``repeat`` calls, and the last call's value."""
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - start)
    return best, value  # type: ignore[return-value]

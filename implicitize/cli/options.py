"""Argument types the subcommands share: bounded numbers whose errors say what was expected."""
from __future__ import annotations

import argparse


def positive_int(text: str) -> int:
    """An argparse type: an integer ≥ 1 (degree bounds, counts, workers)."""
    return _bounded(text, int, 1, "a positive integer such as 3")


def nonnegative_int(text: str) -> int:
    """An argparse type: an integer ≥ 0 (seeds, minimum counts)."""
    return _bounded(text, int, 0, "an integer ≥ 0")


def positive_float(text: str) -> float:
    """An argparse type: a finite number > 0 (timeouts in seconds)."""
    value = _bounded(text, float, 0, "a positive number of seconds such as 60")
    if value == 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds such as 60, got {text!r}")
    return value


def probability(text: str) -> float:
    """An argparse type: a number in (0, 1]."""
    value = _bounded(text, float, 0, "a probability in (0, 1] such as 0.99")
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"expected a probability in (0, 1] such as 0.99, got {text!r}")
    return value


def _bounded(text: str, kind: type, low: float, expected: str):
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
    if value != value or value in (float("inf"), float("-inf")) or value < low:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    return value

"""What the subcommands share: bounded argument types, ``--timeout``, and progress bars (whether, and the callback)."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from architectures.errors import TimeLimitError
from architectures.keywords import Progress


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


def add_timeout_argument(parser: argparse.ArgumentParser) -> None:
    """``--timeout S``: the most seconds the command may compute; past it, it stops with an error (exit 2)."""
    parser.add_argument(
        "--timeout",
        dest="time_limit",
        type=positive_float,
        default=None,
        metavar="S",
        help="stop with an error after S seconds (default: no limit)",
    )


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Raise :class:`TimeLimitError` in the main thread once ``seconds`` have passed (``None``: no limit).

    Child programs (Singular) are killed by the code that started them when the error unwinds it.

    Examples
    --------
    >>> import time
    >>> with time_limit(0.05, "the example"):  # doctest: +ELLIPSIS
    ...     time.sleep(1)
    Traceback (most recent call last):
    ...
    architectures.errors.TimeLimitError: the example did not finish within --timeout 0.05 s; raise --timeout ...
    """
    if seconds is None:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeLimitError(
            f"{what} did not finish within --timeout {seconds:g} s; raise --timeout or try a smaller case"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def show_progress(args: argparse.Namespace) -> bool:
    """Whether to draw progress bars: only for a person watching a terminal, never with ``--json``.

    Examples
    --------
    >>> show_progress(argparse.Namespace(json=True))
    False
    """
    if getattr(args, "json", False) or getattr(args, "no_progress", False):
        return False
    return sys.stderr.isatty()


@contextmanager
def progress_callback(args: argparse.Namespace, description: str) -> Iterator[Progress | None]:
    """A ``progress`` callback drawing a tqdm bar on stderr (one step per message), or ``None`` when
    :func:`show_progress` says no bar; the bar is closed on leaving.

    Examples
    --------
    >>> with progress_callback(argparse.Namespace(json=True), "interpolating") as progress:
    ...     progress is None
    True
    """
    if not show_progress(args):
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(desc=description, unit=" steps", file=sys.stderr, leave=False)

    def progress(message: str) -> None:
        bar.update()
        bar.set_postfix_str(message)  # redrawn at every message: a step is long, the line is cheap

    try:
        yield progress
    finally:
        bar.close()

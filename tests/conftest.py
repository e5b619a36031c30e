import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import doctest  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

import pytest  # noqa: E402

# The commands' result cache goes to a fresh folder for the test run, never to the user's cache.
os.environ.setdefault("RELU_VARIETIES_CACHE",
                      os.path.join(tempfile.mkdtemp(prefix="relu-varieties-test-"), "ideals.sqlite"))

#: External programs some tests run, and the reason their tests skip on a machine without them.
EXTERNAL_PROGRAMS = {"Singular": "Singular is not installed (apt-get install singular)",
                     "M2": "Macaulay2 is not installed (apt-get install macaulay2)"}

#: Text by which an error (or a failing notebook cell, or a doctest) shows it needed the program.
PROGRAM_TRACES = {"Singular": ("apt-get install singular", "'Singular'", "Singular backend", "backend=\"singular\"",
                               "_singular", "degree_of_quotient("),
                  "M2": ("apt-get install macaulay2", "'M2'", "Macaulay2 is not")}


def _absent(program: str) -> bool:
    return shutil.which(program) is None


def _missing_program(text: str) -> str | None:
    """The skip reason when ``text`` (an error or a doctest) shows it needs a program this machine lacks."""
    for program, reason in EXTERNAL_PROGRAMS.items():
        if _absent(program) and any(trace in text for trace in PROGRAM_TRACES[program]):
            return reason
    return None


def pytest_collection_modifyitems(config, items):
    """Doctests that call Singular or Macaulay2 skip, with the reason, where the program is absent."""
    for item in items:
        test = getattr(item, "dtest", None)
        if test is not None:
            reason = _missing_program("\n".join(example.source for example in test.examples))
            if reason is not None:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A test that fails because Singular or Macaulay2 is absent skips instead, with the reason.

    Set ``RELU_VARIETIES_REQUIRE_PROGRAMS=1`` (CI does) to make such tests fail instead.
    """
    outcome = yield
    report = outcome.get_result()
    if call.excinfo is None or not report.failed or os.environ.get("RELU_VARIETIES_REQUIRE_PROGRAMS"):
        return
    error = call.excinfo.value
    if isinstance(error, doctest.UnexpectedException):
        error = error.exc_info[1]
    reason = _missing_program(f"{type(error).__name__}: {error} {getattr(error, 'filename', '')!r}")
    if reason is not None:
        report.outcome = "skipped"
        report.longrepr = (str(item.path), item.location[1] or 0, f"Skipped: {reason}")

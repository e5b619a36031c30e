import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import shutil  # noqa: E402

import pytest  # noqa: E402

from architectures.errors import BackendUnavailableError  # noqa: E402

#: External programs some tests run, and the reason their tests skip on a machine without them.
EXTERNAL_PROGRAMS = {"Singular": "Singular is not installed (apt-get install singular)",
                     "M2": "Macaulay2 is not installed (apt-get install macaulay2)"}


PROGRAM_WORDS = {"Singular": "singular", "M2": "macaulay2"}


def _missing_program(error: BaseException) -> str | None:
    """The skip reason when ``error`` comes from an external program this machine does not have."""
    for program, reason in EXTERNAL_PROGRAMS.items():
        if shutil.which(program) is not None:
            continue
        if isinstance(error, BackendUnavailableError) and PROGRAM_WORDS[program] in str(error).lower():
            return reason
        if isinstance(error, FileNotFoundError) and program in str(getattr(error, "filename", "")):
            return reason
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A test that needs Singular or Macaulay2 skips, with the reason, where the program is absent."""
    outcome = yield
    report = outcome.get_result()
    if call.excinfo is not None and report.failed:
        reason = _missing_program(call.excinfo.value)
        if reason is not None:
            report.outcome = "skipped"
            report.longrepr = (str(item.path), item.location[1] or 0, f"Skipped: {reason}")

"""Summaries of a survey database: one line per survey and block count, and a plot of the dimensions.

Reads the rows ``implicitize.survey.run`` stored; used by ``relu-varieties report``.
"""

from __future__ import annotations

import io
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from architectures.atomic_write import write_atomically
from architectures.errors import OutputNotWritableError
from implicitize.survey.database import SurveyRow


@dataclass(frozen=True)
class SurveySummary:
    """Counts over the rows of one survey (architecture, check, settings) with one number of blocks."""

    widths: str
    bias: bool
    check_name: str
    settings: str
    blocks: int
    cases: int
    defective: int
    certified: int
    proved: dict[str, int]
    degrees: dict[str, int]
    seconds: float

    def as_dict(self) -> dict:
        return asdict(self)


def degree_text(degrees: Sequence[int]) -> str:
    """Generator degrees with multiplicities: ``[1, 1, 3]`` → ``"1×2 3"``; no generators → ``"none"``.

    Examples
    --------
    >>> degree_text([1, 1, 3]), degree_text([])
    ('1×2 3', 'none')
    """
    counts = sorted(Counter(degrees).items())
    return " ".join(f"{d}×{c}" if c > 1 else str(d) for d, c in counts) or "none"


def summarise(rows: Sequence[SurveyRow]) -> list[SurveySummary]:
    """Group rows by survey and block count and count what they show.

    Examples
    --------
    >>> row = SurveyRow("2,2,2", False, "dimension", "seed=0", "[[[0]]]", 1, 4, 3, 3, 3, True, False,
    ...                 None, None, None, 0.5, "{}")
    >>> s = summarise([row, row])[0]
    >>> s.cases, s.defective, s.certified, s.seconds
    (2, 0, 2, 1.0)
    """
    groups: dict[tuple, list[SurveyRow]] = defaultdict(list)
    for row in rows:
        groups[(row.widths, row.bias, row.check_name, row.settings, row.blocks)].append(row)
    result = []
    for (widths, bias, check, settings, blocks), members in sorted(groups.items()):
        proved = Counter(row.proved for row in members if row.proved)
        degrees = Counter(degree_text(json.loads(row.degrees)) for row in members if row.degrees is not None)
        result.append(
            SurveySummary(
                widths,
                bias,
                check,
                settings,
                blocks,
                len(members),
                sum(row.defective for row in members),
                sum(row.certified for row in members),
                dict(sorted(proved.items())),
                dict(sorted(degrees.items())),
                sum(row.seconds for row in members),
            )
        )
    return result


def format_table(summaries: Sequence[SurveySummary]) -> str:
    """A plain-text table of the summaries.

    Examples
    --------
    >>> print(format_table([]))
    no survey rows in this database
    """
    if not summaries:
        return "no survey rows in this database"
    header = (
        "widths",
        "bias",
        "check",
        "K",
        "cases",
        "defective",
        "certified",
        "proved",
        "generator degrees",
        "seconds",
    )
    lines = [header]
    for s in summaries:
        proved = "; ".join(f"{k}: {v}" for k, v in s.proved.items()) or "-"
        degrees = "; ".join(f"({k}) ×{v}" for k, v in s.degrees.items()) or "-"
        lines.append(
            (
                s.widths,
                "yes" if s.bias else "no",
                s.check_name,
                str(s.blocks),
                str(s.cases),
                str(s.defective),
                str(s.certified),
                proved,
                degrees,
                f"{s.seconds:.3f}",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in lines]
    text.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(text)


def format_defective(rows: Sequence[SurveyRow], limit: int = 10) -> str:
    """The first ``limit`` defective cases of each survey: patterns, expected and actual dimension.

    Examples
    --------
    >>> row = SurveyRow("2,2,2,2", False, "dimension", "seed=0", "[[[0,1],[0,1]],[[0],[0,1]]]", 2, 8, 8, 8,
    ...                 6, True, True, None, None, None, 0.5, "{}")
    >>> print(format_defective([row]))
    defective cases of (2,2,2,2) dimension seed=0:
      [[[0,1],[0,1]],[[0],[0,1]]]  expected 8, dimension 6 (certified)
    """
    groups: dict[tuple, list[SurveyRow]] = defaultdict(list)
    for row in rows:
        if row.defective:
            groups[(row.widths, row.bias, row.check_name, row.settings)].append(row)
    lines = []
    for (widths, bias, check, settings), members in sorted(groups.items()):
        lines.append(f"defective cases of ({widths}){' with biases' if bias else ''} {check} {settings}:")
        for row in members[:limit]:
            lines.append(
                f"  {row.case_key}  expected {row.expected}, dimension {row.actual}"
                f"{' (certified)' if row.certified else ''}"
            )
        if len(members) > limit:
            lines.append(f"  … and {len(members) - limit} more")
    return "\n".join(lines)


def write_csv(rows: Sequence[SurveyRow], path: str | Path) -> Path:
    """Write every row as one CSV line (columns: the fields of :class:`SurveyRow`, booleans as True/False).

    Examples
    --------
    >>> import csv, tempfile, os
    >>> row = SurveyRow("2,2,2", False, "dimension", "seed=0", "[[[0]]]", 1, 4, 3, 3, 3, True, False,
    ...                 None, None, None, 0.5, "{}")
    >>> path = write_csv([row], os.path.join(tempfile.mkdtemp(), "s.csv"))
    >>> next(csv.DictReader(open(path)))["case_key"]
    '[[[0]]]'
    """
    import csv

    path = Path(path)
    if not path.parent.exists() or path.is_dir():
        raise OutputNotWritableError(f"cannot write the CSV to {str(path)!r}: give a file in an existing directory")
    names = list(asdict(rows[0])) if rows else [f for f in SurveyRow.__dataclass_fields__]
    try:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=names, lineterminator="\n")
            writer.writeheader()
            writer.writerows(asdict(row) for row in rows)
    except OSError as error:
        raise OutputNotWritableError(f"cannot write the CSV to {str(path)!r}: {error.strerror}") from error
    return path


def plot_survey(rows: Sequence[SurveyRow], path: str | Path) -> Path:
    """Write a PNG: expected (refined count) against actual dimension per case, defective cases marked,
    and the share of defective cases per survey and block count.

    Examples
    --------
    >>> import tempfile, os
    >>> row = SurveyRow("2,2,2", False, "dimension", "seed=0", "[[[0]]]", 1, 4, 3, 3, 3, True, False,
    ...                 None, None, None, 0.5, "{}")
    >>> plot_survey([row], os.path.join(tempfile.mkdtemp(), "p.png")).stat().st_size > 0
    True
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    path = Path(path)
    if not path.parent.exists() or path.is_dir():
        raise OutputNotWritableError(f"cannot write the plot to {str(path)!r}: give a file in an existing directory")
    figure, (left, right) = pyplot.subplots(1, 2, figsize=(11, 4.5))
    for defective, colour, label in ((False, "tab:blue", "as expected"), (True, "tab:red", "defective")):
        chosen = [row for row in rows if row.defective == defective]
        left.scatter(
            [row.expected for row in chosen], [row.actual for row in chosen], c=colour, label=label, alpha=0.6, s=18
        )
    if rows:
        low = min(min(row.actual for row in rows), min(row.expected for row in rows))
        high = max(max(row.actual for row in rows), max(row.expected for row in rows))
        left.plot([low, high], [low, high], color="grey", linewidth=0.8)
    left.set_xlabel("expected dimension (refined parameter count)")
    left.set_ylabel("dimension (generic Jacobian rank)")
    left.set_title("pattern varieties")
    left.legend()
    summaries = summarise(rows)
    labels = [f"({s.widths}){'+b' if s.bias else ''} K={s.blocks}" for s in summaries]
    right.bar(range(len(summaries)), [s.defective / s.cases for s in summaries], color="tab:red")
    right.set_xticks(range(len(summaries)), labels, rotation=30, ha="right")
    right.set_ylabel("share of defective cases")
    right.set_ylim(0, 1)
    right.set_title("defective cases per survey")
    figure.tight_layout()
    image = io.BytesIO()
    try:
        figure.savefig(image, dpi=110, format="png")
    finally:
        pyplot.close(figure)
    write_atomically(image.getvalue(), path, what="the plot")  # whole or not at all
    return path


__all__ = ["SurveySummary", "degree_text", "format_defective", "format_table", "plot_survey", "summarise", "write_csv"]

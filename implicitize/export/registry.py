"""One entry point for every export format: ``export(result, "smtlib")`` and writing the text to a file.

Dispatches to the format modules of this package; the ``export`` subcommand goes through here.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Mapping

from architectures.atomic_write import write_atomically
from architectures.errors import OutputNotWritableError, UnknownFormatError

if TYPE_CHECKING:
    from architectures.parametrisation import Parametrisation
    from implicitize.ideal import IdealResult


class Exporters(Mapping[str, Callable[..., str]]):
    """Format name → exporter function, each format's module imported only when its exporter is looked up.

    Examples
    --------
    >>> exporters = Exporters({"json": "implicitize.export.json:export_json"})
    >>> list(exporters), exporters["json"].__name__
    (['json'], 'export_json')
    """

    def __init__(self, homes: Mapping[str, str]) -> None:
        self._homes = dict(homes)

    def __getitem__(self, name: str) -> Callable[..., str]:
        module, function = self._homes[name].split(":")
        return getattr(import_module(module), function)

    def __iter__(self) -> Iterator[str]:
        return iter(self._homes)

    def __len__(self) -> int:
        return len(self._homes)

    def __repr__(self) -> str:
        return f"Exporters({self._homes!r})"


#: Format name → exporter; every exporter is ``f(result, *, parametrisation=None) -> str``.
FORMATS: Mapping[str, Callable[..., str]] = Exporters(
    {
        "smtlib": "implicitize.export.smtlib:export_smtlib",
        "m2": "implicitize.export.macaulay2:export_macaulay2",
        "singular": "implicitize.export.singular:export_singular",
        "json": "implicitize.export.json:export_json",
        "latex": "implicitize.export.latex:export_latex",
    }
)

#: The usual file suffix of each format.
SUFFIXES = {"smtlib": ".smt2", "m2": ".m2", "singular": ".sing", "json": ".json", "latex": ".tex"}


def export(result: IdealResult, format: str, *, parametrisation: Parametrisation | None = None) -> str:
    """The result in ``format`` (one of :data:`FORMATS`).

    Examples
    --------
    >>> import flint
    >>> from implicitize.ideal import IdealResult
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0",), "degrevlex")
    >>> print(export(IdealResult(ctx, (ctx.gens()[0],), 1, proved="generates"), "singular"), end="")
    // relu-varieties: ideal of a variety in Q^1, 1 generator(s); proved: generates
    ring R = 0, (y_0_0), dp;
    ideal I =
      y_0_0;
    >>> export(IdealResult(ctx, (), 1, proved="generates"), "maple")
    Traceback (most recent call last):
    ...
    architectures.errors.UnknownFormatError: unknown export format 'maple'; choose one of json, latex, m2, singular, smtlib
    """
    if format not in FORMATS:
        raise UnknownFormatError(f"unknown export format {format!r}; choose one of {', '.join(sorted(FORMATS))}")
    return FORMATS[format](result, parametrisation=parametrisation)


def write_export(text: str, path: str | Path) -> Path:
    """Write ``text`` to ``path`` (replacing it), raising a clear error when that is impossible.

    Examples
    --------
    >>> write_export("x", "/nonexistent-directory/ideal.smt2")
    Traceback (most recent call last):
    ...
    architectures.errors.OutputNotWritableError: cannot write the export to '/nonexistent-directory/ideal.smt2': the directory '/nonexistent-directory' does not exist; create it or choose another path
    """
    path = check_output_path(path)
    return write_atomically(text, path, what="the export")  # whole or not at all: no half-written script


def check_output_path(path: str | Path) -> Path:
    """Refuse an output path that cannot be written (call it before any long computation).

    Examples
    --------
    >>> check_output_path("/")
    Traceback (most recent call last):
    ...
    architectures.errors.OutputNotWritableError: cannot write the export to '/': it is a directory; give a file name
    """
    path = Path(path)
    if path.is_dir():
        raise OutputNotWritableError(f"cannot write the export to {str(path)!r}: it is a directory; give a file name")
    if not path.parent.is_dir():
        raise OutputNotWritableError(
            f"cannot write the export to {str(path)!r}: the directory "
            f"{str(path.parent)!r} does not exist; create it or choose another path"
        )
    return path

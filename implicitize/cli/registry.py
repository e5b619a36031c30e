"""Every subcommand of ``relu-varieties``: its name, the module that defines it, and its one-line summary.

A subcommand module defines ``register(subparsers)``, which adds exactly its parser (through
:func:`add_command`, with a description and an example) and sets ``handler`` to a function of the
parsed arguments returning an exit status. The module is imported only when its subcommand runs,
so ``relu-varieties --help`` reads only this table.

Examples
--------
>>> COMMANDS["implicitize"].module
'implicitize.cli.implicitize'
"""

from __future__ import annotations

import argparse
import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """Where a subcommand is defined, and the line ``relu-varieties --help`` shows for it."""

    module: str
    summary: str


#: Subcommands in the order ``--help`` lists them.
COMMANDS: dict[str, Command] = {
    "parametrisation": Command("implicitize.cli.parametrisation", "print the polynomial parametrisation of a variety"),
    "dimension": Command("implicitize.cli.dimension", "ambient, expected and actual dimension, with what is certified"),
    "constraints": Command("implicitize.cli.constraints", "rank-constraint families and their minors"),
    "network-variety": Command(
        "implicitize.cli.network_variety", "activation patterns of a trained network on data, and their varieties"
    ),
    "implicitize": Command("implicitize.cli.implicitize", "generators of the ideal of a variety, with a proof status"),
    "equivalent": Command(
        "implicitize.cli.equivalent",
        "are two network files related by a symmetry, and do they compute the same function?",
    ),
    "identifiability": Command(
        "implicitize.cli.identifiability", "functional, fibre and symmetry dimensions of a network file, with reasons"
    ),
    "survey": Command(
        "implicitize.cli.survey", "run a dimension or generation check on every pattern tuple up to symmetry"
    ),
    "report": Command("implicitize.cli.report", "summarise a survey database (and plot it with --plot)"),
    "export": Command(
        "implicitize.cli.export",
        "write a variety's equations for z3/cvc5 (SMT-LIB), Macaulay2, Singular, JSON or LaTeX",
    ),
    "contains": Command(
        "implicitize.cli.contains",
        "decide whether an output array lies on the variety (exactly) and, with --realisable, "
        "whether a network produces it",
    ),
    "distribution": Command(
        "implicitize.cli.distribution", "distribution over affine pieces of a network under a Gaussian input"
    ),
}


def add_command(
    subparsers: argparse._SubParsersAction, name: str, *, description: str, examples: list[str]
) -> argparse.ArgumentParser:
    """Add the parser of subcommand ``name``: its summary from :data:`COMMANDS`, a description, examples.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="relu-varieties")
    >>> sub = add_command(parser.add_subparsers(), "dimension", description="The dimension.",
    ...                   examples=["relu-varieties dimension --example determinant"])
    >>> print(sub.epilog)
    example:
      relu-varieties dimension --example determinant
    """
    return subparsers.add_parser(
        name,
        help=COMMANDS[name].summary,
        description=textwrap.fill(description, 79),
        epilog=f"example{'s' if len(examples) > 1 else ''}:\n" + "\n".join(f"  {line}" for line in examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def command_in(argv: list[str]) -> str | None:
    """The subcommand named in ``argv`` (its first word that is not an option), if it is one.

    The options before the subcommand (``--debug``, ``--version``, ``--help``) take no value.

    Examples
    --------
    >>> command_in(["--debug", "dimension", "--example", "determinant"]), command_in(["--help"])
    ('dimension', None)
    """
    word = next((item for item in argv if not item.startswith("-")), None)
    return word if word in COMMANDS else None

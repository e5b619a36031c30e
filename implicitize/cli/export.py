"""The ``export`` subcommand: implicitize a spec's variety and write its ideal in another system's syntax.

Spec → variety (varieties) → ideal (implicitize) → text (implicitize.export.registry) → stdout or a file.
"""

from __future__ import annotations

import argparse
import json
import sys

from implicitize.cli.spec_options import add_spec_arguments, spec_from_arguments
from architectures.errors import UnknownFormatError
from implicitize.export.registry import FORMATS, check_output_path, export, write_export
from implicitize.cli.ideal_options import add_implicitize_arguments, implicitize_from_arguments
from implicitize.cli.options import add_timeout_argument, positive_int
from implicitize.cli.registry import add_command


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``export`` to the command line.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="relu-varieties")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["export", "--example", "determinant", "--format", "json"])
    >>> args.format, args.output, args.handler.__name__
    ('json', None, 'run_export')
    """
    parser = add_command(
        subparsers,
        "export",
        description=(
            "Implicitize a spec's variety and write its ideal in another system's syntax: SMT-LIB for z3/cvc5, "
            "Macaulay2, Singular, JSON or LaTeX; or, with --format vnncomp, a verification bundle folder (ONNX, "
            "VNN-LIB 2.0, instances.csv) for a spec or a network file."
        ),
        examples=[
            "relu-varieties export --example determinant --format smtlib -o ideal.smt2",
            "relu-varieties export net.onnx --format vnncomp -o bundle",
        ],
    )
    add_spec_arguments(parser)
    parser.add_argument(
        "--format",
        required=True,
        metavar="FORMAT",
        help=f"one of {', '.join(FORMATS)}, or vnncomp (a folder: ONNX + VNN-LIB 2.0 + instances.csv; "
        "SPEC may then be a network file)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of standard output (vnncomp: a new folder)"
    )
    parser.add_argument(
        "--instance-timeout",
        type=positive_int,
        default=60,
        metavar="S",
        help="vnncomp: the timeout in seconds written in instances.csv (default 60)",
    )
    parser.add_argument(
        "--point",
        action="append",
        default=[],
        metavar="Y.json",
        help='vnncomp: also a property "the outputs equal this point" (repeatable; format as for contains)',
    )
    parser.add_argument(
        "--keep-parameters",
        action="store_true",
        help="also write the parametrisation y = F(θ) (SMT-LIB: and the activation regions)",
    )
    add_implicitize_arguments(parser)
    add_timeout_argument(parser)
    parser.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Check the format and the output path, implicitize the spec's variety, write the export.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="relu-varieties")
    >>> register(parser.add_subparsers())
    >>> run_export(parser.parse_args(["export", "--example", "determinant", "--format", "singular", "--no-cache"]))
    ... # doctest: +ELLIPSIS
    // relu-varieties: ideal of a variety in Q^9, 1 generator(s); proved: generates (...)
    ring R = 0, (m_0_0_0, m_0_0_1, m_0_0_2, m_0_1_0, m_0_1_1, m_0_1_2, m_0_2_0, m_0_2_1, m_0_2_2), dp;
    ideal I =
      ...m_0_0_0*m_0_1_1*m_0_2_2...;
    0
    """
    if args.format == "vnncomp":
        from implicitize.cli.export_bundle import run_bundle

        return run_bundle(args)
    if args.format not in FORMATS:
        raise UnknownFormatError(f"unknown export format {args.format!r}; choose one of {', '.join(FORMATS)}, vnncomp")
    if args.output is not None:
        check_output_path(args.output)
    spec = spec_from_arguments(args)
    from varieties import variety_from_spec

    variety = variety_from_spec(spec)
    result, _ = implicitize_from_arguments(variety, args)
    parametrisation = variety.parametrisation if args.keep_parameters else None
    text = export(result, args.format, parametrisation=parametrisation)
    if args.output is None and not args.json:
        sys.stdout.write(text)
        return 0
    if args.output is not None:
        write_export(text, args.output)
    if args.json:
        summary = {
            "format": args.format,
            "output": args.output,
            "proved": str(result.proved),
            "generators": len(result.generators),
            "degrees": [int(d) for d in result.degrees],
        }
        if args.output is None:
            summary["text"] = text
        print(json.dumps(summary))
    else:
        print(f"wrote {len(result.generators)} generator(s) ({result.proved}) as {args.format} to {args.output}")
    return 0

"""``relu-varieties contains SPEC --point Y.json [--realisable] [--timeout S]``: is this output on the variety?

Membership is exact: the proved generators are evaluated at the point over Q. With
``--realisable``, z3 is asked whether some network with the spec's patterns produces the point
(the parametrisation y = F(θ) and the activation regions, exported as SMT-LIB), and prints the
witness parameters when it finds them; a timeout answers "unknown", never "no".
"""

from __future__ import annotations

import argparse
import json
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from implicitize.cli.spec_options import add_spec_arguments, spec_from_arguments
from architectures.errors import InvalidNumberError, InvalidPointError
from architectures.json_files import read_json_file
from architectures.numbers import fraction_to_string, to_fraction
from implicitize.cli.registry import add_command


def point_shape(parametrisation) -> tuple[int, ...]:
    """The nested shape a point may be given in: (n_L, m) for an output variety, (K, n_L, cols) for a pattern one.

    Examples
    --------
    >>> from architectures import Architecture, pattern_parametrisation
    >>> point_shape(pattern_parametrisation(Architecture((3, 2, 3)), [[[0, 1]]]))
    (1, 3, 3)
    """
    rows = parametrisation.architecture.output_width
    count = parametrisation.ambient_dimension
    if parametrisation.kind == "output":
        return (rows, count // rows)
    blocks = len(parametrisation.patterns)
    return (blocks, rows, count // (blocks * rows))


def read_point(raw: Any, coordinates: Sequence[str], shape: tuple[int, ...]) -> tuple[Fraction, ...]:
    """An exact point from parsed JSON: a flat list of N numbers, or nested lists of ``shape`` (row-major).

    Numbers are integers, ``"p/q"`` or decimal strings; JSON floats stand for the binary value they hold.

    Examples
    --------
    >>> read_point([[1, "1/2"]], ["y_0_0", "y_0_1"], (1, 2))
    (Fraction(1, 1), Fraction(1, 2))
    >>> read_point([1, 2, 3], ["y_0_0", "y_0_1"], (1, 2))
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidPointError: the point has shape (3,) but the variety's coordinates y_0_0 … y_0_1 need 2 numbers: a flat list of 2, or nested lists of shape (1, 2)
    """
    expected = (
        f"the variety's coordinates {coordinates[0]} … {coordinates[-1]} need {len(coordinates)} numbers: "
        f"a flat list of {len(coordinates)}, or nested lists of shape {shape}"
    )
    if not isinstance(raw, list):
        raise InvalidPointError(f"the point is a JSON {type(raw).__name__}; {expected}")
    array = np.array(raw, dtype=object)  # ragged lists become a 1-d array of lists: a wrong shape
    if array.shape not in ((len(coordinates),), shape):
        raise InvalidPointError(f"the point has shape {array.shape} but {expected}")
    try:
        return tuple(to_fraction(v, what=f"point entry {i}", allow_float=True) for i, v in enumerate(array.ravel()))
    except InvalidNumberError as error:
        raise InvalidPointError(str(error)) from error


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``contains`` to the command line.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="relu-varieties")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["contains", "--example", "determinant", "--point", "y.json", "--realisable"])
    >>> args.point, args.realisable, args.timeout
    ('y.json', True, 30.0)
    """
    parser = add_command(
        subparsers,
        "contains",
        description=(
            "Decide exactly whether a point (an output array) lies on a spec's variety, by evaluating the proved "
            "generators of its ideal over Q; with --realisable, also ask z3 for network parameters with the spec's "
            "activation patterns that produce the point (a timeout answers 'unknown', never 'no')."
        ),
        examples=[
            "relu-varieties contains --example determinant --point y.json",
            "relu-varieties contains my_spec.json --point y.json --realisable --timeout 60",
        ],
    )
    add_spec_arguments(parser)
    parser.add_argument(
        "--point",
        required=True,
        metavar="Y.json",
        help="the point: a JSON list of the N coordinates, or nested lists (outputs × points)",
    )
    parser.add_argument(
        "--realisable",
        action="store_true",
        help="also ask z3 for parameters with these activation patterns that produce the point",
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds for z3 (default 30)")
    parser.add_argument("--strategy", default="auto", help="implicitization strategy (default: auto)")
    parser.set_defaults(handler=run_contains)


def run_contains(args: argparse.Namespace) -> int:
    """Read the spec and the point, decide membership exactly, then realisability with z3 if asked."""
    from implicitize import implicitize
    from implicitize.export.base import check_exportable
    from implicitize.export.queries import point_query
    from implicitize.backends.smt_solvers import query_script, z3_decide
    from varieties import contains, variety_from_spec

    spec = spec_from_arguments(args)
    variety = variety_from_spec(spec)
    parametrisation = variety.parametrisation
    coordinates = list(parametrisation.coordinate_names)
    point = read_point(
        read_json_file(args.point, what="point", error=InvalidPointError), coordinates, point_shape(parametrisation)
    )
    result = check_exportable(implicitize(variety, strategy=args.strategy), exporter="contains")
    membership = contains(variety, point, ideal=result)
    reason = (
        membership.reason
        if membership.member is not None
        else (
            f'every computed generator vanishes at the point, but they are proved only as "{result.proved}", '
            "so the point may still be off the variety (try --strategy elimination)"
        )
    )
    report: dict[str, Any] = {
        "on_variety": membership.member,
        "reason": reason,
        "proved": str(result.proved),
        "generators": len(result.generators),
    }
    if args.realisable:
        text = query_script(result, point_query(coordinates, point), parametrisation=parametrisation)
        decision = z3_decide(text, timeout=args.timeout)
        report["realisable"] = {"sat": True, "unsat": False}.get(decision.answer)
        report["solver"] = {"answer": decision.answer, "detail": decision.detail, "seconds": round(decision.seconds, 4)}
        if decision.answer == "sat":
            report["witness"] = {
                name: _text(decision.model.get(name, Fraction(0))) for name in parametrisation.parameter_names
            }
    if args.json:
        print(json.dumps(report))
        return 0
    verdict = {True: "on the variety", False: "not on the variety", None: "undecided"}[membership.member]
    print(f"{verdict}: {reason}")
    if args.realisable:
        answer = decision.answer
        if answer == "sat":
            print("realisable: z3 found parameters with the spec's activation patterns producing the point:")
            for name, value in report["witness"].items():
                print(f"  {name} = {value}")
        elif answer == "unsat":
            print("not realisable: z3 proved that no parameters with these activation patterns produce the point")
        else:
            print(
                f"unknown/timeout: z3 gave up after {decision.seconds:.1f}s ({decision.detail}); "
                "this is not a proof either way (raise --timeout)"
            )
    return 0


def _text(value: Fraction | str) -> str:
    return fraction_to_string(value) if isinstance(value, Fraction) else f"≈{value}"

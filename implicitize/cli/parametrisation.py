"""Subcommand ``parametrisation``: the polynomial parametrisation of a spec's variety."""

from __future__ import annotations

import argparse
import json

from implicitize.cli.registry import add_command
from implicitize.cli.spec_options import add_spec_arguments, spec_from_arguments


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers,
        "parametrisation",
        description=(
            "Print the polynomial parametrisation y = F(θ) of a spec's variety: its parameters θ and, for each "
            "coordinate of the variety, the polynomial in θ that gives it."
        ),
        examples=[
            "relu-varieties parametrisation --example determinant",
            "relu-varieties parametrisation my_spec.json --json",
        ],
    )
    add_spec_arguments(parser)
    parser.set_defaults(handler=run_parametrisation)


def run_parametrisation(args: argparse.Namespace) -> int:
    spec = spec_from_arguments(args)
    parametrisation = spec.parametrisation()
    pairs = list(zip(parametrisation.coordinate_names, (str(p) for p in parametrisation.polynomials)))
    if args.json:
        print(
            json.dumps(
                {
                    "spec": spec.to_json(),
                    "parameters": list(parametrisation.parameter_names),
                    "coordinates": dict(pairs),
                }
            )
        )
        return 0
    print(f"{spec.variety} variety of {spec.architecture}, patterns {', '.join(str(p) for p in spec.patterns)}")
    print(f"P = {parametrisation.parameter_count} parameters → N = {parametrisation.ambient_dimension} coordinates")
    for name, polynomial in pairs:
        print(f"  {name} = {polynomial}")
    return 0

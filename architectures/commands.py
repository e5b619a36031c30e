"""Subcommands about networks themselves: ``parametrisation`` (and the shared spec arguments)."""
from __future__ import annotations

import argparse
import json

from architectures.errors import InvalidSpecError
from architectures.spec import EXAMPLES, Spec, load_spec


def add_spec_arguments(parser: argparse.ArgumentParser) -> None:
    """The problem to work on: a spec file, or ``--example NAME`` for a built-in one."""
    parser.add_argument("spec", nargs="?", help="a JSON spec file (see README)")
    parser.add_argument("--example", choices=sorted(EXAMPLES), help="a built-in problem instead of a file")
    parser.add_argument("--json", action="store_true", help="print one machine-readable JSON object")


def spec_from_arguments(args: argparse.Namespace) -> Spec:
    """Load the spec named by :func:`add_spec_arguments`'s arguments."""
    if (args.spec is None) == (args.example is None):
        raise InvalidSpecError("give either a spec file or --example NAME (one of them, not both)")
    return load_spec(EXAMPLES[args.example] if args.example else args.spec)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("parametrisation", help="print the polynomial parametrisation of a variety")
    add_spec_arguments(parser)
    parser.set_defaults(handler=run_parametrisation)


def run_parametrisation(args: argparse.Namespace) -> int:
    spec = spec_from_arguments(args)
    parametrisation = spec.parametrisation()
    pairs = list(zip(parametrisation.coordinate_names, (str(p) for p in parametrisation.polynomials)))
    if args.json:
        print(json.dumps({"spec": spec.to_json(), "parameters": list(parametrisation.parameter_names),
                          "coordinates": dict(pairs)}))
        return 0
    print(f"{spec.variety} variety of {spec.architecture}, patterns "
          f"{', '.join(str(p) for p in spec.patterns)}")
    print(f"P = {parametrisation.parameter_count} parameters → N = {parametrisation.ambient_dimension} coordinates")
    for name, polynomial in pairs:
        print(f"  {name} = {polynomial}")
    return 0

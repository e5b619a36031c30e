"""``relu-varieties export SPEC_OR_NETWORK --format vnncomp -o DIR``: write a verification bundle.

A spec (or ``--example``) of an output variety gives the family bundle (its ideal is computed
first); a network file (``.onnx``, ``.pt``, ``.npz``, or JSON with ``"weights"``) gives the
linear-region bundle of that network.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from architectures.errors import InvalidExportError, InvalidPointError
from architectures.json_files import read_json_file

#: Extensions that are always network files.
NETWORK_SUFFIXES = (".onnx", ".pt", ".pth", ".npz")


def is_network_file(path: str | None) -> bool:
    """Whether ``path`` names a network file rather than a spec.

    Examples
    --------
    >>> is_network_file("net.onnx"), is_network_file(None)
    (True, False)
    """
    if path is None:
        return False
    if Path(path).suffix.lower() in NETWORK_SUFFIXES:
        return True
    raw = read_json_file(path, what="spec or network")
    return isinstance(raw, dict) and "weights" in raw


def point_queries(paths: list[str], parametrisation) -> list:
    """One query "the outputs equal this point" per JSON point file (read as ``contains`` reads them)."""
    from implicitize.cli.contains import point_shape, read_point
    from implicitize.export.queries import point_query

    names = list(parametrisation.coordinate_names)
    queries = []
    for index, path in enumerate(paths):
        point = read_point(
            read_json_file(path, what="point", error=InvalidPointError), names, point_shape(parametrisation)
        )
        queries.append(
            point_query(
                names, point, name=f"point_{index}", description=f"the outputs equal the point of {Path(path).name}"
            )
        )
    return queries


def run_bundle(args: argparse.Namespace) -> int:
    """Write the bundle named by the ``export`` arguments and print what was written."""
    from implicitize.export.vnncomp import check_bundle_path, network_bundle, variety_bundle

    if args.output is None:
        raise InvalidExportError("--format vnncomp writes a folder: give it with -o DIR")
    check_bundle_path(args.output)
    if args.example is None and is_network_file(args.spec):
        if getattr(args, "point", []):
            raise InvalidExportError(
                "--point belongs to a spec's bundle (outputs at its data); a network bundle "
                "has linear-region queries only"
            )
        from architectures.network_file import load_network

        folder = network_bundle(args.output, load_network(args.spec), timeout=args.instance_timeout)
        kind = "network"
    else:
        from implicitize.cli.spec_options import spec_from_arguments
        from implicitize.cli.ideal_options import implicitize_from_arguments
        from implicitize.export.queries import REALISABLE
        from varieties import variety_from_spec

        spec = spec_from_arguments(args)
        if spec.variety != "output":
            raise InvalidExportError(
                "a vnncomp bundle needs an output variety (data points for the network to run on) or a "
                "network file; this spec is a pattern variety: use --format smtlib for it"
            )
        variety = variety_from_spec(spec)
        queries = [REALISABLE] + point_queries(getattr(args, "point", []), variety.parametrisation)
        result, _ = implicitize_from_arguments(variety, args)
        folder = variety_bundle(args.output, result, variety.parametrisation, queries, timeout=args.instance_timeout)
        kind = "variety"
    properties = sorted(p.name for p in (folder / "vnnlib").iterdir())
    if args.json:
        print(json.dumps({"format": "vnncomp", "output": str(folder), "kind": kind, "properties": properties}))
    else:
        print(
            f"wrote a {kind} bundle with {len(properties)} propert{'y' if len(properties) == 1 else 'ies'} to {folder}"
        )
    return 0

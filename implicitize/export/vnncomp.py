"""A VNN-COMP style verification bundle: ``onnx/``, ``vnnlib/``, ``instances.csv`` and a README.

Two kinds (see docs/file-formats.md#verification-bundles):

* from an output variety (:func:`variety_bundle`): ``onnx/family.onnx`` is the network with its
  weights as inputs, evaluated at the data; one property per query (equations + regions + query);
* from a trained network (:func:`network_bundle`): ``onnx/network.onnx`` is the network itself;
  one linear-region query per activation pattern that sampled inputs of the box take.

``instances.csv`` holds one line ``onnx path,vnnlib path,timeout`` per property (no header, paths
relative to the bundle), as in VNN-COMP benchmarks. The bundle is written to a temporary folder
beside the target and renamed at the end, so an error leaves nothing behind.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from architectures.errors import InvalidExportError, OutputNotWritableError
from architectures.forward import forward_pass
from architectures.network_file import Network
from architectures.numbers import fraction_to_string
from architectures.parametrisation import Parametrisation
from architectures.patterns import ActivationPattern
from implicitize.export.base import check_exportable, check_parametrisation, proof_line
from implicitize.export.vnnlib import family_property, heads_property, region_property
from implicitize.ideal import IdealResult
from implicitize.export.onnx import family_data, family_model, network_model
from implicitize.export.queries import REALISABLE, Query


@dataclass(frozen=True)
class Property:
    """One instance of the bundle: its file name, VNN-LIB text, and what it asserts in words."""

    name: str
    text: str
    meaning: str
    network: str = ""
    """The ONNX file it is about (empty: the bundle's main network)."""


def variety_bundle(
    directory: str | Path,
    result: IdealResult,
    parametrisation: Parametrisation,
    queries: Sequence[Query] = (REALISABLE,),
    *,
    timeout: float = 60.0,
    heads: bool = True,
) -> Path:
    """Write the bundle of an output variety: the family network and one property per query.

    With ``heads`` (and at least one generator) also ``onnx/heads.onnx`` and one property
    ``off_variety_i`` per generator: "|p_i| > 10⁻⁶ on the regions", unsatisfiable.

    Examples
    --------
    >>> import pytest, tempfile, flint; _ = pytest.importorskip("onnx")
    >>> from architectures import Architecture, output_parametrisation
    >>> f = output_parametrisation(Architecture((1, 1, 1)), [[1], [2]], [0, 0], patterns=[[[0]]])
    >>> ctx = flint.fmpq_mpoly_ctx.get(f.coordinate_names, "degrevlex")
    >>> y0, y1 = ctx.gens()
    >>> result = IdealResult(ctx, (y1 - 2 * y0,), 2, proved="generates")
    >>> folder = variety_bundle(Path(tempfile.mkdtemp()) / "bundle", result, f)
    >>> sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    ['README.md', 'instances.csv', 'onnx', 'onnx/family.onnx', 'onnx/heads.onnx', 'vnnlib', 'vnnlib/off_variety_0.vnnlib', 'vnnlib/realisable.vnnlib']
    >>> print((folder / "instances.csv").read_text(), end="")
    onnx/family.onnx,vnnlib/realisable.vnnlib,60
    onnx/heads.onnx,vnnlib/off_variety_0.vnnlib,60
    """
    target = check_bundle_path(directory)
    result = check_exportable(result, exporter="variety_bundle")
    parametrisation = check_parametrisation(result, parametrisation, exporter="variety_bundle")
    if parametrisation is None:
        raise InvalidExportError("variety_bundle needs the variety's parametrisation (variety.parametrisation)")
    names = [q.name for q in queries]
    if len(set(names)) != len(names) or not names:
        raise InvalidExportError(f"give at least one query, with distinct names; got {names}")
    model = family_model(parametrisation)
    properties = [
        Property(
            q.name,
            family_property(result, parametrisation, q),
            f"{q.description}; with the variety's equations and every data point in its assigned "
            "activation region. sat iff some weights W, b realise that",
        )
        for q in queries
    ]
    extra = {}
    if heads and result.generators:
        from implicitize.export.polynomial_heads import head_model

        extra["heads.onnx"] = head_model(result, parametrisation)
        properties += [
            Property(
                f"off_variety_{i}",
                heads_property(result, parametrisation, i),
                f"over `onnx/heads.onnx`: some weights with the assigned regions give |p_{i}| > 10^-6, "
                f"p_{i} the head computing generator {i}; unsat (the generator vanishes on the image)",
                network="heads.onnx",
            )
            for i in range(len(result.generators))
        ]
    architecture = parametrisation.architecture
    summary = [
        f"Output variety of the ReLU network {architecture}: {proof_line(result)}.",
        "Data points (column j of the constant D): "
        + "; ".join(
            f"{j}: ({', '.join(fraction_to_string(v) for v in point)})"
            for j, point in enumerate(family_data(parametrisation))
        ),
        "Assigned patterns per block: " + ", ".join(str(p) for p in parametrisation.patterns),
        "Network `onnx/family.onnx`: inputs are the weights W1, b1, ... (W_l is n_l x n_(l-1), b_l is n_l x 1); "
        "Z_l = W_l A_(l-1) + b_l, A_l = Relu(Z_l), output Y = W_L A_(L-1) + b_L, so Y[i, j] is output i at "
        "data point j (coordinate y_i_j). Equations are polynomial assertions on Y, regions linear "
        "assertions on the hidden tensors Z_l.",
    ]
    summary.append(
        "Network `onnx/heads.onnx` (when the ideal has generators): the same network with extra outputs "
        "p_0, p_1, ... (shape [1]), the generators (times the lcm of their denominators) at Y, built from "
        "Mul, Add and Constant nodes after a Reshape and Split of Y."
    )
    return _write_bundle(target, "family.onnx", model, properties, summary, timeout, extra)


def network_bundle(
    directory: str | Path,
    network: Network,
    *,
    box: Sequence[tuple[Any, Any]] | None = None,
    samples: int = 64,
    seed: int = 0,
    timeout: float = 60.0,
) -> Path:
    """Write the bundle of a trained network: the network and one linear-region query per sampled pattern.

    Inputs are sampled in ``box`` (default [−1, 1] per input) on a grid of eighths; each distinct
    activation pattern they take gives a query, satisfiable (the sample is a witness).
    """
    target = check_bundle_path(directory)
    architecture = network.architecture
    if architecture.depth < 2:
        raise InvalidExportError(f"the network {architecture} has no hidden layer, so it has no activation regions")
    box = (
        [(Fraction(-1), Fraction(1))] * architecture.input_width
        if box is None
        else [(Fraction(low), Fraction(high)) for low, high in box]
    )
    model = network_model(network)
    witnesses = sample_box(box, samples, seed)
    patterns: dict[ActivationPattern, tuple[Fraction, ...]] = {}
    for point, pattern in zip(witnesses, forward_pass(architecture, network.theta, witnesses).patterns):
        patterns.setdefault(pattern, point)
    properties = []
    for index, (pattern, point) in enumerate(patterns.items()):
        witness = ", ".join(fraction_to_string(v) for v in point)
        properties.append(
            Property(
                f"region_{index}",
                region_property(network, pattern, box, note=f"witness x = ({witness})"),
                f"some input in the box has activation pattern {pattern}; sat (witness x = ({witness}))",
            )
        )
    summary = [
        f"Trained ReLU network {architecture}; input box "
        + " x ".join(f"[{fraction_to_string(a)}, {fraction_to_string(b)}]" for a, b in box)
        + ".",
        "Network `onnx/network.onnx`: input X (1 x n_0), Gemm + Relu layers, pre-activations Z1, Z2, ... "
        "(1 x n_l), output Y (1 x n_L). Every property is linear.",
    ]
    return _write_bundle(target, "network.onnx", model, properties, summary, timeout)


def sample_box(box: Sequence[tuple[Fraction, Fraction]], count: int, seed: int) -> list[tuple[Fraction, ...]]:
    """``count`` exact points of the box, each coordinate ``low + k (high − low) / 8`` (seeded).

    Examples
    --------
    >>> sample_box([(Fraction(0), Fraction(1))], 2, seed=0)
    [(Fraction(7, 8),), (Fraction(5, 8),)]
    """
    rng = np.random.default_rng(seed)
    steps = rng.integers(0, 9, size=(count, len(box)))
    return [tuple(low + Fraction(int(k), 8) * (high - low) for k, (low, high) in zip(row, box)) for row in steps]


def check_bundle_path(directory: str | Path) -> Path:
    """The bundle's folder: it may not exist yet or be empty; its parent must exist."""
    path = Path(directory)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise OutputNotWritableError(
            f"cannot write the bundle to {str(path)!r}: it exists and is not an empty "
            "folder; choose a new folder name (nothing is overwritten)"
        )
    if not path.parent.is_dir():
        raise OutputNotWritableError(
            f"cannot write the bundle to {str(path)!r}: the folder {str(path.parent)!r} does not exist; create it first"
        )
    return path


def _write_bundle(
    target: Path,
    onnx_name: str,
    model: Any,
    properties: list[Property],
    summary: list[str],
    timeout: float,
    extra: dict[str, Any] | None = None,
) -> Path:
    import onnx

    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout < math.inf:
        raise InvalidExportError(f"timeout must be a positive number of seconds such as 60, got {timeout!r}")
    timeout = int(timeout) if float(timeout).is_integer() else float(timeout)  # 60.0 is written 60
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as error:
        raise OutputNotWritableError(f"cannot write the bundle beside {str(target)!r}: {error.strerror}") from error
    try:
        (staging / "onnx").mkdir()
        (staging / "vnnlib").mkdir()
        onnx.save(model, str(staging / "onnx" / onnx_name))
        for name, other in (extra or {}).items():
            onnx.save(other, str(staging / "onnx" / name))
        rows = []
        for prop in properties:
            (staging / "vnnlib" / f"{prop.name}.vnnlib").write_text(prop.text)
            rows.append(f"onnx/{prop.network or onnx_name},vnnlib/{prop.name}.vnnlib,{timeout}\n")
        (staging / "instances.csv").write_text("".join(rows))
        (staging / "README.md").write_text(_readme(onnx_name, properties, summary, timeout))
        if target.exists():
            target.rmdir()  # empty, checked above
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _readme(onnx_name: str, properties: list[Property], summary: list[str], timeout: float) -> str:
    lines = [
        "# Verification bundle (relu-varieties)",
        "",
        *[f"{line}\n" for line in summary],
        f"`instances.csv`: one line `onnx/{onnx_name},vnnlib/NAME.vnnlib,{timeout}` per property "
        "(network, property, timeout in seconds). Properties are VNN-LIB 2.0 (`(vnnlib-version <2.0>)`), "
        "float64 variables, exact decimal literals. As in VNN-COMP, a property describes the set searched "
        "for: `sat` means a satisfying assignment exists.",
        "",
        "| property | asserts |",
        "| --- | --- |",
    ]
    lines += [f"| `vnnlib/{p.name}.vnnlib` | {p.meaning} |" for p in properties]
    return "\n".join(lines) + "\n"

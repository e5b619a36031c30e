"""Symmetries and identifiability: our exact routes against floating-point references.

1. activation regions: exact rational simplex (ours) vs the same enumeration with scipy's HiGHS float LP;
2. functional dimension: exact rank over Q and rank mod p (ours) vs numpy's float SVD of the same Jacobian;
3. same function: the exact proof over all regions (ours) vs comparing outputs at 1000 random points (evidence).
Usage: python benchmarks/symmetries_exact_vs_float.py [--repeat 3]
"""

from __future__ import annotations

import argparse
from fractions import Fraction
from unittest import mock

import numpy as np
from scipy.optimize import linprog

from timing import best_of
from architectures import Architecture, Network, forward_pass
from architectures.modular import DEFAULT_PRIME, rank_mod, residues
from architectures.parametrisation import pattern_parametrisation
from varieties.symmetry import regions as regions_module
from varieties.symmetry.regions import activation_regions
from varieties.symmetry.same_function import same_function
from varieties.symmetry.symmetries import random_symmetry

CASES = [((2, 6, 1), True), ((3, 5, 5, 2), True), ((4, 6, 4, 1), False)]


def network(widths, bias: bool, seed: int = 0) -> Network:
    architecture = Architecture(widths, bias=bias)
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 10, size=architecture.parameter_count) * rng.choice([-1, 1], architecture.parameter_count)
    return Network(
        architecture,
        tuple(Fraction(int(v), int(d)) for v, d in zip(values, rng.integers(1, 8, size=architecture.parameter_count))),
    )


def float_interior_point(inequalities, dimension):
    """The reference: maximise the slack with HiGHS in floats (no proof either way)."""
    if not inequalities:
        return tuple(Fraction(0) for _ in range(dimension)), Fraction(1)
    a = np.array([[float(v) for v in row[:-1]] for row in inequalities])
    c = np.array([float(row[-1]) for row in inequalities])
    result = linprog(
        np.r_[np.zeros(dimension), -1.0],
        A_ub=np.c_[-a, np.ones(len(c))],
        b_ub=c,
        bounds=[(None, None)] * dimension + [(None, 1.0)],
        method="highs",
    )
    if result.status != 0 or result.x[-1] <= 1e-9:
        return None
    return tuple(Fraction(float(x)).limit_denominator(10**9) for x in result.x[:-1]), Fraction(float(result.x[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'task':<22}{'case':<22}{'ours (s)':>10}{'reference (s)':>15}{'ratio':>8}  agreement")
    for widths, bias in CASES:
        net = network(widths, bias)
        case = f"{widths}{' +b' if bias else ''}"
        ours, exact = best_of(args.repeat, lambda: activation_regions(net))
        with mock.patch.object(regions_module, "interior_point", float_interior_point):
            reference, approximate = best_of(args.repeat, lambda: activation_regions(net))
        print(
            f"{'regions':<22}{case:<22}{ours:>10.3f}{reference:>15.3f}{ours / reference:>8.1f}  "
            f"{len(exact)} vs {len(approximate)} regions"
        )
        patterns = [region.patterns[0] for region in exact]
        parametrisation = pattern_parametrisation(net.architecture, patterns)
        exact_time, rank = best_of(args.repeat, lambda: parametrisation.jacobian(net.theta).rank())
        theta = residues(net.theta, DEFAULT_PRIME)
        modular_time, modular = best_of(
            args.repeat, lambda: rank_mod(parametrisation.jacobian_mod(theta, DEFAULT_PRIME), DEFAULT_PRIME)
        )
        floats = np.array([float(v) for v in net.theta])
        svd_time, float_rank = best_of(
            args.repeat,
            lambda: int(np.linalg.matrix_rank(np.array(parametrisation.jacobian(net.theta).tolist(), dtype=float))),
        )
        print(
            f"{'rank over Q':<22}{case:<22}{exact_time:>10.3f}{svd_time:>15.3f}{exact_time / svd_time:>8.1f}  "
            f"ranks {rank} / {float_rank} (float)"
        )
        print(
            f"{'rank mod p':<22}{case:<22}{modular_time:>10.3f}{svd_time:>15.3f}{modular_time / svd_time:>8.1f}  "
            f"ranks {modular} / {float_rank} (float)"
        )
        del floats
        moved = Network(net.architecture, random_symmetry(net.architecture, seed=1).act(net.theta))
        proof_time, verdict = best_of(args.repeat, lambda: same_function(net, moved))
        points = [
            tuple(Fraction(int(v)) for v in row)
            for row in np.random.default_rng(2).integers(-50, 51, size=(1000, widths[0]))
        ]
        sample_time, agree = best_of(
            args.repeat,
            lambda: (
                forward_pass(net.architecture, net.theta, points).outputs
                == forward_pass(moved.architecture, moved.theta, points).outputs
            ),
        )
        print(
            f"{'same function':<22}{case:<22}{proof_time:>10.3f}{sample_time:>15.3f}{proof_time / sample_time:>8.1f}  "
            f"proof {verdict.same} / sampled {agree}"
        )


if __name__ == "__main__":
    main()

"""Dimension of a pattern variety: our exact modular Jacobian rank against numpy's float SVD rank.

Same Jacobian (built once in each arithmetic by the same structural products), same run.
Usage: python benchmarks/dimension_vs_svd.py [--repeat 3]
"""

from __future__ import annotations

import argparse

import numpy as np

from timing import best_of
from architectures import ActivationPattern, Architecture
from architectures.modular import DEFAULT_PRIME, rank_mod
from varieties import PatternVariety, dimension

CASES = [((20, 50, 10), 8), ((10, 20, 20, 5), 6)]


def random_patterns(architecture: Architecture, blocks: int, seed: int) -> list[ActivationPattern]:
    rng = np.random.default_rng(seed)
    return [
        ActivationPattern(
            [
                sorted(rng.choice(n, size=int(rng.integers(1, n + 1)), replace=False).tolist())
                for n in architecture.hidden_widths
            ]
        )
        for _ in range(blocks)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'case':<26}{'N×P':>11}{'build J':>10}{'rank mod p':>12}{'float SVD':>11}{'ratio':>7}"
        f"{'dimension()':>13}  ranks"
    )
    for widths, blocks in CASES:
        architecture = Architecture(widths)
        variety = PatternVariety(architecture, random_patterns(architecture, blocks, seed=0))
        parametrisation = variety.parametrisation
        # positive small parameters: the integer Jacobian's entries stay below p, so the residues ARE the
        # exact integer Jacobian and both routes rank the very same matrix
        theta = np.random.default_rng(1).integers(1, 10, size=architecture.parameter_count)
        build, jacobian = best_of(args.repeat, lambda: parametrisation.jacobian_mod(theta, DEFAULT_PRIME))
        ours, rank = best_of(args.repeat, lambda: rank_mod(jacobian, DEFAULT_PRIME))
        svd, float_rank = best_of(args.repeat, lambda: int(np.linalg.matrix_rank(jacobian.astype(float))))
        full, result = best_of(1, lambda: dimension(variety))
        shape = f"{variety.ambient_dimension}×{architecture.parameter_count}"
        print(
            f"{str(widths) + f' {blocks} blocks':<26}{shape:>11}{build:>9.3f}s{ours:>11.3f}s{svd:>10.3f}s"
            f"{ours / svd:>7.2f}{full:>12.3f}s  {rank} vs {float_rank} (certified: {result.certified})"
        )


if __name__ == "__main__":
    main()

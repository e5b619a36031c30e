"""Functional dimension of seeded random networks by the batch route, and equivalent on a rescaled copy.

For each network: P, the proved upper bound P − orbit dimension, the certified rank, the inputs used,
the seconds of the whole exact modular route, and, on a batch of the same size, the exact rank of the
Jacobian modulo a prime below 2^21 by blocked float64 elimination (``architectures.blocked_rank``, the
route's rank) and modulo a 31-bit prime by python-flint's ``nmod_mat`` (left out for the largest network:
its conversion from Python integers costs several GB) against numpy's float ``matrix_rank`` of the same
(float) Jacobian, same run; ratio = blocked / matrix_rank. Then ``equivalent`` on a network and a
permuted, positively rescaled copy. Wall-clock seconds.
Usage: python benchmarks/batch_dimension.py [--skip-largest] [--only 0|1|2] [--route-only] [--equivalent-only]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from architectures.blocked_rank import random_blocked_prime, rank_mod_blocked
from architectures.modular import rank_mod
from architectures.network_file import Network
from varieties.symmetry.batch_dimension import (
    INPUT_DENOMINATOR,
    _float_layers,
    _modular_layers,
    activation_masks,
    batch_functional_dimension,
    batch_jacobian,
    random_inputs,
)
from varieties.symmetry.compare import compare_networks
from architectures.keywords import random_prime
from varieties.symmetry.symmetries import random_symmetry

CASES = [(8, 16, 16, 3), (32, 32, 32, 8), (64, 64, 64, 10)]


def random_network(widths: tuple[int, ...], seed: int) -> Network:
    rng = np.random.default_rng(seed)
    weights = [rng.integers(-9, 10, size=(widths[i + 1], widths[i])).tolist() for i in range(len(widths) - 1)]
    biases = [rng.integers(-9, 10, size=widths[i + 1]).tolist() for i in range(len(widths) - 1)]
    return Network.from_weights(weights, biases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-largest", action="store_true", help="leave out (64, 64, 64, 10)")
    parser.add_argument("--only", type=int, choices=range(len(CASES)), help="run only this case (0, 1 or 2)")
    parser.add_argument(
        "--route-only",
        action="store_true",
        help="time only the route (and equivalent), not the ranks of one batch Jacobian",
    )
    parser.add_argument("--equivalent-only", action="store_true", help="time only equivalent on the largest case")
    args = parser.parse_args()
    cases = CASES[:-1] if args.skip_largest else CASES
    if args.only is not None:
        cases = [CASES[args.only]]
    print(
        f"{'widths':<18}{'P':>7}{'bound':>7}{'rank':>7}{'N':>6}{'ours':>9}{'blocked':>10}{'flint':>10}"
        f"{'float rank':>12}{'ratio':>7}  certified"
    )
    for widths in [] if args.equivalent_only else cases:
        network = random_network(widths, 0)
        start = time.perf_counter()
        result = batch_functional_dimension(network, seed=0)
        ours = time.perf_counter() - start
        if args.route_only:
            print(
                f"{str(widths):<18}{result.parameter_count:>7}{result.upper_bound:>7}{result.rank:>7}"
                f"{result.inputs:>6}{ours:>8.2f}s  (rounds {result.rounds}, CPU {time.process_time():.0f} s)  "
                f"{result.certified}",
                flush=True,
            )
            continue
        # the same batch size again, to time the ranks of one matrix
        numerators = random_inputs(np.random.default_rng(1), result.inputs, widths[0])
        masks, kept = activation_masks(network, numerators / INPUT_DENOMINATOR)
        numerators, masks = numerators[kept], [m[kept] for m in masks]
        small = random_blocked_prime(0)
        residue_inputs = (numerators % small) * pow(INPUT_DENOMINATOR, -1, small) % small
        modular = batch_jacobian(_modular_layers(network, small), residue_inputs, masks, bias=True, modulus=small)
        start = time.perf_counter()
        rank_mod_blocked(modular, small)
        blocked_time = time.perf_counter() - start
        flint_time = float("nan")
        if widths != CASES[-1]:
            p = random_prime(0)
            residue_inputs = (numerators % p) * pow(INPUT_DENOMINATOR, -1, p) % p
            modular = batch_jacobian(_modular_layers(network, p), residue_inputs, masks, bias=True, modulus=p)
            start = time.perf_counter()
            rank_mod(modular, p)
            flint_time = time.perf_counter() - start
        del modular
        floats = batch_jacobian(_float_layers(network), numerators / INPUT_DENOMINATOR, masks, bias=True, modulus=None)
        start = time.perf_counter()
        np.linalg.matrix_rank(floats)
        float_time = time.perf_counter() - start
        del floats
        print(
            f"{str(widths):<18}{result.parameter_count:>7}{result.upper_bound:>7}{result.rank:>7}{result.inputs:>6}"
            f"{ours:>8.2f}s{blocked_time:>9.2f}s{flint_time:>9.2f}s{float_time:>11.2f}s"
            f"{blocked_time / float_time:>7.2f}  {result.certified}",
            flush=True,
        )
    widths = cases[-1]
    network = random_network(widths, 0)
    copy = Network(network.architecture, random_symmetry(network.architecture, seed=1).act(network.theta))
    start = time.perf_counter()
    verdict = compare_networks(network, copy)
    print(
        f"equivalent {widths} vs a permuted, positively rescaled copy: {verdict['related_by_symmetry']} "
        f"in {time.perf_counter() - start:.2f}s"
    )


if __name__ == "__main__":
    main()

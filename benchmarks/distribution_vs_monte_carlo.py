"""Benchmark: the distribution over affine pieces against Monte Carlo at the same PMF accuracy.

For each network: the time of ``affine_pieces(..., mass=0.99, timeout=T)`` (the default search: patterns
found by seeded samples, every probability integrated); the mass found with its error and, when the time
limit stopped it, the limit; the accuracy ε it states (the largest error bound of a piece's
probability); the number of Monte Carlo samples n that gives every piece's frequency the same accuracy at
the same confidence, n = (3.5 · max_k √(p_k (1 − p_k)) / ε)² (3.5 standard errors, as our bound); the time
Monte Carlo (vectorised numpy, ``distributions.monte_carlo``) takes for n samples, measured on
min(n, 2·10^6) samples (with BLAS on one thread and on its default threads, the faster kept) and scaled
linearly beyond. Times are CPU seconds of this process (``time.process_time``), so that other work on a
shared machine skews them less. ratio = Monte Carlo time / ours; it is left out ("—") for a run stopped
by its time limit, whose ε is not that of the target mass.

Networks: scikit-learn MLPClassifiers trained (seeded) on two moons (2,16,16,2) and on the 8×8 digits
(64,64,64,10); seeded random networks (weights N(0, 1/fan-in), biases N(0, 1/4)) (10,32,32,2) and
(8,16,16,3). Inputs: a Gaussian around a data point or a random mean, and N(0, I) for (8,16,16,3), where
99% of the mass is spread over some 7·10^4 pieces (seen by Monte Carlo): that run stops at its time limit.

    python benchmarks/distribution_vs_monte_carlo.py [--timeout 120]
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
from sklearn.datasets import load_digits, make_moons
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits

from distributions.float_network import network_from_arrays_float
from distributions.inputs import GaussianInput, standard_normal
from distributions.monte_carlo import monte_carlo_float
from distributions.pieces import affine_pieces

MEASURED = 2_000_000
Z = 3.5


def moons_network():
    X, y = make_moons(n_samples=400, noise=0.1, random_state=0)
    classifier = MLPClassifier(hidden_layer_sizes=(16, 16), max_iter=600, random_state=0).fit(X, y)
    network = network_from_arrays_float([w.T for w in classifier.coefs_], classifier.intercepts_)
    return network, GaussianInput(X[0], 0.1**2 * np.eye(2)), "moons-trained, N(x_0, 0.1² I)"


def random_network(widths, local=True):
    rng = np.random.default_rng(0)
    depth = len(widths) - 1
    weights = [rng.normal(size=(widths[i + 1], widths[i])) / np.sqrt(widths[i]) for i in range(depth)]
    biases = [rng.normal(size=widths[i + 1]) / 2 for i in range(depth)]
    network = network_from_arrays_float(weights, biases)
    if not local:
        return network, standard_normal(widths[0]), "random, N(0, I)"
    return network, GaussianInput(rng.normal(size=widths[0]), 0.1**2 * np.eye(widths[0])), "random, N(μ, 0.1² I)"


def digits_network():
    digits = load_digits()
    images = digits.data / 16.0
    classifier = MLPClassifier(hidden_layer_sizes=(64, 64), max_iter=150, random_state=0).fit(
        images[:1500], digits.target[:1500]
    )
    network = network_from_arrays_float([w.T for w in classifier.coefs_], classifier.intercepts_)
    return network, GaussianInput(images[1600], 0.05**2 * np.eye(64)), "digits-trained, N(digit, 0.05² I)"


def monte_carlo_seconds(network, distribution, samples: int) -> float:
    """CPU seconds of ``samples`` Monte Carlo samples: the faster of one BLAS thread and the default threads."""
    times = []
    for limits in (1, None):
        with threadpool_limits(limits=limits, user_api="blas"):
            start = time.process_time()
            monte_carlo_float(network, distribution, samples, seed=1)
            times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120.0, help="time limit of each of our runs (s)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    rows = []
    builds = (
        moons_network,
        lambda: random_network((10, 32, 32, 2)),
        lambda: random_network((8, 16, 16, 3)),
        lambda: random_network((8, 16, 16, 3), local=False),
        digits_network,
    )
    for build in builds:
        network, distribution, description = build()
        start = time.process_time()
        result = affine_pieces(network, distribution, mass=0.99, seed=0, timeout=args.timeout)
        ours = time.process_time() - start
        epsilon = max(piece.error for piece in result.pieces)
        spread = max(np.sqrt(piece.probability * (1 - piece.probability)) for piece in result.pieces)
        samples = int(np.ceil((Z * spread / epsilon) ** 2))
        measured = min(samples, MEASURED)
        carlo = monte_carlo_seconds(network, distribution, measured) * samples / measured
        rows.append(
            (
                str(network.architecture.widths),
                description,
                len(result.pieces),
                result.mass,
                result.mass_error,
                "time limit" if result.stopped else "",
                epsilon,
                ours,
                samples,
                carlo,
                "" if samples <= MEASURED else "*",
                "—" if result.stopped else f"{carlo / ours:.1f}",
            )
        )
    print(
        "| network | input | pieces | mass ± error | stopped by | ε (max error) | ours (CPU s) | MC samples "
        "| MC (CPU s) | MC / ours |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for widths, description, pieces, mass, error, stop, epsilon, ours, samples, carlo, mark, ratio in rows:
        print(
            f"| {widths} | {description} | {pieces} | {mass:.4f} ± {error:.4f} | {stop} | {epsilon:.1e} | "
            f"{ours:.1f} | {samples:.2e} | {carlo:.1f}{mark} | {ratio} |"
        )
    print(f"* measured on {MEASURED:,} samples and scaled linearly")


if __name__ == "__main__":
    main()

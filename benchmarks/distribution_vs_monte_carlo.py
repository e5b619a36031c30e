"""Benchmark: the sample-free distribution over affine pieces against Monte Carlo at the same PMF accuracy.

For each network: the time of ``affine_pieces(..., mass=0.99)``; the accuracy ε it states (the largest error
bound of a piece's probability); the number of Monte Carlo samples n that gives every piece's frequency the
same accuracy at the same confidence, n = (3.5 · max_k √(p_k (1 − p_k)) / ε)² (3.5 standard errors, as our
bound); the time Monte Carlo (vectorised numpy, ``distributions.monte_carlo``) takes for n samples — measured
on min(n, 2·10^6) samples and scaled linearly beyond. Times are CPU seconds of this process
(``time.process_time``), so that other work on a shared machine does not skew them. Prints one table;
ratio = Monte Carlo time / ours.

    python benchmarks/distribution_vs_monte_carlo.py
"""
from __future__ import annotations

import time
import warnings

import numpy as np
from sklearn.datasets import load_digits, make_moons
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from distributions.float_network import network_from_arrays_float
from distributions.inputs import GaussianInput
from distributions.monte_carlo import monte_carlo_float
from distributions.pieces import affine_pieces

MEASURED = 2_000_000
Z = 3.5


def moons_network():
    X, y = make_moons(n_samples=400, noise=0.1, random_state=0)
    classifier = MLPClassifier(hidden_layer_sizes=(16, 16), max_iter=600, random_state=0).fit(X, y)
    network = network_from_arrays_float([w.T for w in classifier.coefs_], classifier.intercepts_)
    return network, GaussianInput(X[0], 0.1 ** 2 * np.eye(2)), "moons-trained, N(x_0, 0.1² I)"


def random_network():
    rng = np.random.default_rng(0)
    widths = (10, 32, 32, 2)
    weights = [rng.normal(size=(widths[i + 1], widths[i])) / np.sqrt(widths[i]) for i in range(3)]
    biases = [rng.normal(size=widths[i + 1]) / 2 for i in range(3)]
    return (network_from_arrays_float(weights, biases), GaussianInput(rng.normal(size=10), 0.1 ** 2 * np.eye(10)),
            "random N(0, 1/fan-in), N(μ, 0.1² I)")


def digits_network():
    digits = load_digits()
    images = digits.data / 16.0
    classifier = MLPClassifier(hidden_layer_sizes=(64,), max_iter=150, random_state=0).fit(images[:1500],
                                                                                         digits.target[:1500])
    network = network_from_arrays_float([w.T for w in classifier.coefs_], classifier.intercepts_)
    return network, GaussianInput(images[1600], 0.05 ** 2 * np.eye(64)), "digits-trained, N(digit, 0.05² I)"


def main() -> None:
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    rows = []
    for build in (moons_network, random_network, digits_network):
        network, distribution, description = build()
        start = time.process_time()
        result = affine_pieces(network, distribution, mass=0.99, seed=0)
        ours = time.process_time() - start
        epsilon = max(piece.error for piece in result.pieces)
        spread = max(np.sqrt(piece.probability * (1 - piece.probability)) for piece in result.pieces)
        samples = int(np.ceil((Z * spread / epsilon) ** 2))
        measured = min(samples, MEASURED)
        start = time.process_time()
        monte_carlo_float(network, distribution, measured, seed=1)
        carlo = (time.process_time() - start) * samples / measured
        rows.append((str(network.architecture.widths), description, len(result.pieces), result.mass, epsilon, ours,
                     samples, carlo, "" if samples <= MEASURED else "*", carlo / ours))
    print("| network | input | pieces | mass | ε (max error) | ours (CPU s) | MC samples | MC (CPU s) | MC / ours |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for widths, description, pieces, mass, epsilon, ours, samples, carlo, mark, ratio in rows:
        print(f"| {widths} | {description} | {pieces} | {mass:.4f} | {epsilon:.1e} | {ours:.1f} | {samples:.2e} | "
              f"{carlo:.1f}{mark} | {ratio:.1f} |")
    print(f"* measured on {MEASURED:,} samples and scaled linearly")


if __name__ == "__main__":
    main()

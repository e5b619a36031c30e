"""Monte Carlo estimates of the same distributions, by sampling inputs and running the network forward.

The independent route against which the sample-free results are checked and plotted (floating point,
vectorised numpy, seeded); it shares nothing with the region and orthant code but the forward pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from architectures.errors import InvalidDistributionError
from architectures.network_file import Network
from architectures.patterns import ActivationPattern
from distributions.float_network import FloatNetwork, forward_float, indicator_to_pattern
from distributions.inputs import InputDistribution, check_input


@dataclass(frozen=True, eq=False)
class MonteCarloSample:
    """``count`` seeded samples: the frequency of each pattern seen and (optionally) the outputs."""

    count: int
    frequencies: dict[ActivationPattern, float]
    outputs: np.ndarray | None

    def standard_error(self, probability: float) -> float:
        """√(p(1 − p)/n): the standard error of a frequency whose true probability is ``probability``."""
        return float(np.sqrt(max(probability * (1 - probability), 0.0) / self.count))


def _pattern_keys(active: np.ndarray) -> np.ndarray:
    """One integer per sample (up to 64 hidden neurons) or one row of 64-bit words, for fast counting."""
    packed = np.packbits(active, axis=1)
    words = -(-packed.shape[1] // 8)
    padded = np.zeros((packed.shape[0], 8 * words), dtype=np.uint8)
    padded[:, : packed.shape[1]] = packed
    keys = padded.view(np.uint64)
    return keys[:, 0] if words == 1 else keys


def monte_carlo_float(
    network: Network | FloatNetwork,
    distribution: InputDistribution,
    count: int,
    *,
    seed: int,
    keep_outputs: bool = False,
    chunk: int = 2**17,
) -> MonteCarloSample:
    """Sample ``count`` inputs, record the pattern frequencies (and the outputs when ``keep_outputs``).

    Examples
    --------
    >>> from distributions.inputs import standard_normal
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]], [[0, 0], [0]])
    >>> sample = monte_carlo_float(net, standard_normal(1), 10000, seed=0)
    >>> sorted(str(p) for p in sample.frequencies), abs(sum(sample.frequencies.values()) - 1) < 1e-12
    (['{0}', '{1}'], True)
    """
    net = FloatNetwork.of(network)
    distribution = check_input(distribution, net.widths[0])
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 1:
        raise InvalidDistributionError(f"count must be a positive integer, got {count!r}")
    rng = np.random.default_rng(seed)
    counts: dict[bytes, int] = {}
    rows: dict[bytes, np.ndarray] = {}
    outputs = []
    done = 0
    while done < count:
        size = min(chunk, count - done)
        values, active = forward_float(net, distribution.sample(size, rng))
        keys = _pattern_keys(active)
        unique, first, tally = np.unique(
            keys, axis=0 if keys.ndim == 2 else None, return_index=True, return_counts=True
        )
        for key, position, number in zip(unique, first, tally):
            key_bytes = np.asarray(key).tobytes()
            counts[key_bytes] = counts.get(key_bytes, 0) + int(number)
            rows.setdefault(key_bytes, active[position])
        if keep_outputs:
            outputs.append(values)
        done += size
    frequencies = {indicator_to_pattern(rows[key], net.widths): number / count for key, number in counts.items()}
    return MonteCarloSample(count, frequencies, np.concatenate(outputs) if keep_outputs else None)

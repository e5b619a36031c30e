"""Seeded random networks for the distributions tests (imported by name: this folder is on the pythonpath
set in setup.cfg)."""

from __future__ import annotations

import numpy as np
from distributions.float_network import network_from_arrays_float


def make_network(widths, seed, bias=True):
    """Weights N(0, 1/fan-in), biases N(0, 1/4), floats converted exactly; seeded."""
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=(widths[i + 1], widths[i])) / np.sqrt(widths[i]) for i in range(len(widths) - 1)]
    biases = [rng.normal(size=widths[i + 1]) / 2 for i in range(len(widths) - 1)] if bias else None
    return network_from_arrays_float(weights, biases)

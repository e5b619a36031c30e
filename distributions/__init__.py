"""ReLU networks under random inputs: the distribution over affine pieces and of the outputs, without sampling.

Data flow: input distribution (``inputs``) -> region of a pattern (``region``) -> its Gaussian orthant
probability (``orthant``) -> best-first search over pieces (``pieces``) -> output distribution (``outputs``),
Jacobian spectra (``spectra``), figures (``plots``); ``monte_carlo`` is the independent sampling route;
``invariant_families`` holds families of input distributions that ReLU layers map into themselves (exact).
Floating point throughout (``invariant_families`` excepted, which is exact), every probability with its error bound.

Public API: the names in ``__all__``, each imported on first use.
"""

from typing import TYPE_CHECKING

from architectures.lazy_imports import lazy_exports

# ruff: noqa: F401 - the imports below are the public API, re-exported on first use (architectures.lazy_imports)
if TYPE_CHECKING:
    from distributions.float_network import FloatNetwork, affine_map_float, network_from_arrays_float, pattern_code
    from distributions.inputs import GaussianInput, GaussianMixtureInput, standard_normal
    from distributions.invariant_families import (
        ClippedGaussian,
        FiniteDistribution,
        gaussian_face_masses_float,
        push_forward,
        push_forward_layer,
    )
    from distributions.monte_carlo import MonteCarloSample, monte_carlo_float
    from distributions.orthant import (
        ProbabilityEstimate,
        orthant_probability_float,
        polytope_probability_float,
        polytope_probability_shifted_float,
    )
    from distributions.outputs import output_cdf_float, output_density_float, output_moments_float
    from distributions.pieces import AffinePiece, PieceDistribution, affine_pieces
    from distributions.region import (
        certify_nonempty,
        has_interior_exact,
        is_empty_float,
        pattern_region,
        pattern_region_float,
        support_polytope,
    )
    from distributions.spectra import jacobian_spectra, singular_value_distribution

__getattr__, __dir__, __all__ = lazy_exports(__name__, __file__)

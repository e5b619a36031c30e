"""ReLU networks under random inputs: the distribution over affine pieces and of the outputs, without sampling.

Data flow: input distribution (``inputs``) -> region of a pattern (``region``) -> its Gaussian orthant
probability (``orthant``) -> best-first search over pieces (``pieces``) -> output distribution (``outputs``),
Jacobian spectra (``spectra``), figures (``plots``); ``monte_carlo`` is the independent sampling route.
Floating point throughout, every probability with its error bound.
"""
from distributions.float_network import FloatNetwork, affine_map_float, network_from_arrays_float, pattern_code
from distributions.inputs import GaussianInput, GaussianMixtureInput, standard_normal
from distributions.monte_carlo import MonteCarloSample, monte_carlo_float
from distributions.orthant import (
    ProbabilityEstimate, orthant_probability_float, polytope_probability_float, polytope_probability_shifted_float,
)
from distributions.outputs import output_cdf_float, output_density_float, output_moments_float
from distributions.pieces import AffinePiece, PieceDistribution, affine_pieces
from distributions.region import (
    certify_nonempty, has_interior_exact, is_empty_float, pattern_region, pattern_region_float, support_polytope,
)
from distributions.spectra import jacobian_spectra, singular_value_distribution

__all__ = [
    "AffinePiece", "FloatNetwork", "GaussianInput", "GaussianMixtureInput", "MonteCarloSample", "PieceDistribution",
    "ProbabilityEstimate", "affine_map_float", "affine_pieces", "certify_nonempty", "has_interior_exact",
    "is_empty_float", "jacobian_spectra", "monte_carlo_float", "network_from_arrays_float", "orthant_probability_float",
    "output_cdf_float", "output_density_float", "output_moments_float", "pattern_code", "pattern_region",
    "pattern_region_float", "polytope_probability_float", "polytope_probability_shifted_float", "singular_value_distribution",
    "standard_normal", "support_polytope",
]

from architectures.validation import check_public_api as _check_public_api  # noqa: E402 - after the names it wraps

_check_public_api(globals(), __all__)

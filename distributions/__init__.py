"""ReLU networks under random inputs: the distribution over affine pieces and of the outputs, without sampling.

Data flow: input distribution (``inputs``) -> region of a pattern (``region``) -> its Gaussian orthant
probability (``orthant``) -> best-first search over pieces (``pieces``) -> output distribution (``outputs``),
Jacobian spectra (``spectra``), figures (``plots``); ``monte_carlo`` is the independent sampling route;
``invariant_families`` holds families of input distributions that ReLU layers map into themselves (exact).
Floating point throughout (``invariant_families`` excepted, which is exact), every probability with its error bound.

Public API: the names in ``__all__``, each imported on first use.
"""
from architectures.lazy_imports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "distributions.float_network": ["FloatNetwork", "affine_map_float", "network_from_arrays_float", "pattern_code"],
    "distributions.inputs": ["GaussianInput", "GaussianMixtureInput", "standard_normal"],
    "distributions.invariant_families": ["ClippedGaussian", "FiniteDistribution", "gaussian_face_masses_float",
                                         "push_forward", "push_forward_layer"],
    "distributions.monte_carlo": ["MonteCarloSample", "monte_carlo_float"],
    "distributions.orthant": ["ProbabilityEstimate", "orthant_probability_float", "polytope_probability_float",
                              "polytope_probability_shifted_float"],
    "distributions.outputs": ["output_cdf_float", "output_density_float", "output_moments_float"],
    "distributions.pieces": ["AffinePiece", "PieceDistribution", "affine_pieces"],
    "distributions.region": ["certify_nonempty", "has_interior_exact", "is_empty_float", "pattern_region",
                             "pattern_region_float", "support_polytope"],
    "distributions.spectra": ["jacobian_spectra", "singular_value_distribution"],
})

"""The mathematical objects: output and pattern varieties, rank constraints and dimensions; parameter
symmetries and identifiability.

Modules: ``variety`` (the output variety V_{X,A} and the pattern variety P_A), ``rank``, ``bounds``
and ``minors`` (rank constraints and their equations), ``dimension`` (certified dimensions and
expected counts), ``membership`` (exact membership of a point), ``network_variety`` (the varieties
of a trained network on data). Sub-package ``symmetry``: symmetries of hidden neurons, activation
regions, same function, identifiability, batch dimension, reduction.

Public API: the names in ``__all__`` (the symmetry line's and the ReLU-invariant families, which
live in ``distributions.invariant_families``, stay importable from here); each is imported on first
use, so that ``import varieties`` stays fast.
"""
from architectures.lazy_imports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "varieties.symmetry.batch_dimension": ["BatchDimension", "activation_masks", "batch_functional_dimension",
                                           "batch_jacobian", "orbit_dimension_fast", "random_inputs",
                                           "sampled_patterns"],
    "varieties.dimension": ["DimensionResult", "ExpectedDimension", "dimension", "expected_dimension",
                            "is_defective"],
    "varieties.symmetry.identifiability": ["Degeneracy", "FunctionalDimension", "Identifiability", "degeneracies",
                                           "degenerate_examples", "functional_dimension", "generic_inputs",
                                           "identifiability", "orbit_dimension"],
    "distributions.invariant_families": ["ClippedGaussian", "FiniteDistribution", "gaussian_face_masses_float",
                                         "push_forward", "push_forward_layer"],
    "varieties.membership": ["MembershipResult", "contains"],
    "varieties.minors": ["minor_count", "minors"],
    "varieties.rank": ["RankFamily", "rank_constraints"],
    "varieties.symmetry.reduction": ["Reduction", "reduce_network"],
    "varieties.symmetry.regions": ["ActivationRegion", "activation_regions", "interior_point"],
    "varieties.symmetry.same_function": ["SameFunction", "same_function", "same_function_on"],
    "varieties.symmetry.symmetries": ["CanonicalForm", "Equivalence", "SymmetryElement", "canonical_form",
                                      "equivalent", "positive_ratio", "random_symmetry", "symmetry_dimension",
                                      "symmetry_vector_fields"],
    "varieties.variety": ["OutputVariety", "PatternVariety", "Variety", "variety_from_spec"],
})

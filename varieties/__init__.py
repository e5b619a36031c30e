"""The mathematical objects: output and pattern varieties, rank constraints and dimensions; parameter
symmetries, identifiability and ReLU-invariant families."""
from varieties.batch_dimension import (
    BatchDimension, activation_masks, batch_functional_dimension, batch_jacobian, orbit_dimension_fast,
    random_inputs, sampled_patterns,
)
from varieties.dimension import DimensionResult, ExpectedDimension, dimension, expected_dimension, is_defective
from varieties.identifiability import (
    Degeneracy,
    FunctionalDimension,
    Identifiability,
    degeneracies,
    degenerate_examples,
    functional_dimension,
    generic_inputs,
    identifiability,
    orbit_dimension,
)
from varieties.invariant_families import (
    ClippedGaussian,
    FiniteDistribution,
    gaussian_face_masses_float,
    push_forward,
    push_forward_layer,
)
from varieties.membership import MembershipResult, contains
from varieties.minors import minor_count, minors
from varieties.rank import RankFamily, rank_constraints
from varieties.reduction import Reduction, reduce_network
from varieties.regions import ActivationRegion, activation_regions, interior_point
from varieties.same_function import SameFunction, same_function, same_function_on
from varieties.symmetries import (
    CanonicalForm,
    Equivalence,
    SymmetryElement,
    canonical_form,
    equivalent,
    positive_ratio,
    random_symmetry,
    symmetry_dimension,
    symmetry_vector_fields,
)
from varieties.variety import OutputVariety, PatternVariety, Variety, variety_from_spec

__all__ = [
    "BatchDimension", "activation_masks", "batch_functional_dimension", "batch_jacobian", "orbit_dimension_fast",
    "random_inputs", "sampled_patterns",
    "ActivationRegion", "CanonicalForm", "ClippedGaussian", "Degeneracy", "DimensionResult", "Equivalence",
    "ExpectedDimension", "FiniteDistribution", "FunctionalDimension", "Identifiability", "MembershipResult",
    "OutputVariety", "PatternVariety", "RankFamily", "Reduction", "SameFunction", "SymmetryElement", "Variety",
    "activation_regions", "canonical_form", "contains", "degeneracies", "degenerate_examples", "dimension",
    "equivalent", "expected_dimension", "functional_dimension", "gaussian_face_masses_float", "generic_inputs",
    "identifiability", "interior_point", "is_defective", "minor_count", "minors", "orbit_dimension",
    "positive_ratio", "push_forward", "push_forward_layer", "random_symmetry", "rank_constraints",
    "reduce_network", "same_function", "same_function_on", "symmetry_dimension", "symmetry_vector_fields",
    "variety_from_spec",
]

from architectures.validation import check_public_api as _check_public_api  # noqa: E402 - after the names it wraps

_check_public_api(globals(), __all__)

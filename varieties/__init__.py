"""The mathematical objects: output and pattern varieties, rank constraints and dimensions; parameter
symmetries and identifiability.

Modules: ``variety`` (the output variety V_{X,A} and the pattern variety P_A), ``rank``, ``bounds``
and ``minors`` (rank constraints and their equations), ``dimension`` (certified dimensions and
expected counts), ``membership`` (exact membership of a point), ``network_variety`` (the varieties
of a trained network on data). Sub-package ``symmetry``: symmetries of hidden neurons, activation
regions, same function, identifiability, batch dimension, reduction.

Public API: the names in ``__all__`` (the symmetry line's included); each is imported on first use,
so that ``import varieties`` stays fast. The ReLU-invariant families are distributions: they live in
``distributions`` (``distributions.invariant_families``).
"""

from typing import TYPE_CHECKING

from architectures.lazy_imports import lazy_exports

# ruff: noqa: F401 - the imports below are the public API, re-exported on first use (architectures.lazy_imports)
if TYPE_CHECKING:
    from varieties.dimension import DimensionResult, ExpectedDimension, dimension, expected_dimension, is_defective
    from varieties.membership import MembershipResult, contains
    from varieties.minors import minor_count, minors
    from varieties.rank import RankFamily, rank_constraints
    from varieties.symmetry.batch_dimension import (
        BatchDimension,
        activation_masks,
        batch_functional_dimension,
        batch_jacobian,
        orbit_dimension_fast,
        random_inputs,
        sampled_patterns,
    )
    from varieties.symmetry.identifiability import (
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
    from varieties.symmetry.reduction import Reduction, reduce_network
    from varieties.symmetry.regions import ActivationRegion, activation_regions, interior_point
    from varieties.symmetry.same_function import SameFunction, same_function, same_function_on
    from varieties.symmetry.symmetries import (
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

__getattr__, __dir__, __all__ = lazy_exports(__name__, __file__)

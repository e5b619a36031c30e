"""Network symmetries: when two parameter vectors or two networks compute the same function.

``symmetries`` (permutations and positive rescalings of hidden neurons, canonical forms),
``regions`` (exact enumeration of activation regions), ``same_function`` (exact equality of two
networks' functions), ``identifiability`` (functional and fibre dimension up to symmetry, exactly
per region), ``batch_dimension`` (the same on a batch of inputs, for large networks) and
``reduction`` (minimal networks computing the same function).

Public API: ``CanonicalForm``, ``Equivalence``, ``SymmetryElement``, ``canonical_form``,
``equivalent``, ``positive_ratio``, ``random_symmetry``, ``symmetry_dimension``,
``symmetry_vector_fields``, ``ActivationRegion``, ``activation_regions``, ``interior_point``,
``SameFunction``, ``same_function``, ``same_function_on``, ``Degeneracy``, ``FunctionalDimension``,
``Identifiability``, ``degeneracies``, ``degenerate_examples``, ``functional_dimension``,
``generic_inputs``, ``identifiability``, ``orbit_dimension``, ``BatchDimension``,
``activation_masks``, ``batch_functional_dimension``, ``batch_jacobian``, ``orbit_dimension_fast``,
``random_inputs``, ``sampled_patterns``, ``Reduction``, ``reduce_network``.
"""

from typing import TYPE_CHECKING

from architectures.lazy_imports import lazy_exports

# ruff: noqa: F401 - the imports below are the public API, re-exported on first use (architectures.lazy_imports)
if TYPE_CHECKING:
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

__getattr__, __dir__, __all__ = lazy_exports(__name__, __file__)

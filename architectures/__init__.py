"""What a ReLU network is: architectures, activation patterns, the exact forward pass, and the
polynomial parametrisation of a network's outputs on an activation region.

Modules: ``architecture`` (widths, parameter vectors), ``patterns``, ``forward`` (exact forward
pass), ``parametrisation`` (the polynomial map of a variety), ``lattice`` (canonical pattern tuples
and the lattice of patterns), ``spec`` (spec files and built-in examples), ``network_file`` and
``data_file`` (reading networks and data), ``importers`` (torch, ONNX, scikit-learn),
``realisability`` and ``exact_lp`` (which patterns data can take), ``numbers`` and ``modular``
(exact numbers), ``errors`` (every exception of the toolkit).

Public API: the names in ``__all__``: ``Architecture``, ``random_parameters``, ``ActivationPattern``,
``PatternAssignment``, ``ForwardPass``, ``forward_pass``, ``Parametrisation``,
``output_parametrisation``, ``pattern_parametrisation``, ``canonical_patterns``,
``enumerate_pattern_tuples``, ``pattern_lattice``, ``Network``, ``load_network``, ``Spec``,
``load_spec``, ``EXAMPLES``, and the exceptions (``ReluVarietiesError`` and its subclasses).
Each is imported on first use, so that ``import architectures`` stays fast.
"""

from typing import TYPE_CHECKING

from architectures.lazy_imports import lazy_exports

__version__ = "0.1.0"

# ruff: noqa: F401 - the imports below are the public API, re-exported on first use (architectures.lazy_imports)
if TYPE_CHECKING:
    from architectures.architecture import Architecture, random_parameters
    from architectures.errors import (
        BackendFailedError,
        BackendUnavailableError,
        CacheError,
        ComputationTooLargeError,
        FloatWeightsWarning,
        InvalidArchitectureError,
        InvalidAssignmentError,
        InvalidDataError,
        InvalidNumberError,
        InvalidParametersError,
        InvalidPatternError,
        InvalidSpecError,
        MissingExtraError,
        PrimeTooSmallError,
        ReluVarietiesError,
        TooManyMinorsError,
        UnsupportedLayerError,
    )
    from architectures.forward import ForwardPass, forward_pass
    from architectures.lattice import canonical_patterns, enumerate_pattern_tuples, pattern_lattice
    from architectures.network_file import Network, load_network
    from architectures.parametrisation import Parametrisation, output_parametrisation, pattern_parametrisation
    from architectures.patterns import ActivationPattern, PatternAssignment
    from architectures.spec import EXAMPLES, Spec, load_spec

__getattr__, __dir__, __all__ = lazy_exports(__name__, __file__)

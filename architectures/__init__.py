"""What a ReLU network is: architectures, activation patterns, the exact forward pass, and the
polynomial parametrisation of a network's outputs on an activation region."""
from architectures.architecture import Architecture, random_parameters
from architectures.errors import (
    BackendFailedError,
    BackendUnavailableError,
    CacheError,
    FloatWeightsWarning,
    ComputationTooLargeError,
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

__version__ = "0.1.0"

__all__ = [
    "ActivationPattern", "Architecture", "BackendFailedError", "BackendUnavailableError", "CacheError", "FloatWeightsWarning", "MissingExtraError", "UnsupportedLayerError",
    "ComputationTooLargeError", "EXAMPLES", "ForwardPass", "InvalidArchitectureError",
    "InvalidAssignmentError", "InvalidDataError", "InvalidNumberError", "InvalidParametersError",
    "InvalidPatternError", "InvalidSpecError", "Network", "Parametrisation", "PatternAssignment",
    "PrimeTooSmallError", "ReluVarietiesError", "Spec", "TooManyMinorsError", "forward_pass",
    "load_network", "load_spec", "output_parametrisation", "pattern_parametrisation", "random_parameters",
    "canonical_patterns", "enumerate_pattern_tuples", "pattern_lattice",
]

from architectures.validation import check_public_api as _check_public_api  # noqa: E402 - after the names it wraps

_check_public_api(globals(), __all__)

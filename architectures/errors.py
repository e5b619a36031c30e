"""Every exception the toolkit raises, in one place.

Each subclasses the built-in that fits, so callers may catch either; messages say what was given,
what was expected, and what to do instead.
"""

from __future__ import annotations


class ReluVarietiesError(Exception):
    """Base class of all errors raised on purpose by relu-varieties."""


class InvalidArchitectureError(ReluVarietiesError, ValueError):
    """Widths that do not describe a network (empty, zero, negative, not integers)."""


class InvalidNumberError(ReluVarietiesError, ValueError):
    """A number that is not exact, not finite, or not readable as a rational."""


class InvalidParametersError(ReluVarietiesError, ValueError):
    """A parameter vector or weight list that does not fit the architecture."""


class InvalidPatternError(ReluVarietiesError, ValueError):
    """An activation pattern that does not fit the architecture."""


class InvalidDataError(ReluVarietiesError, ValueError):
    """A data set of the wrong shape for the architecture."""


class InvalidAssignmentError(ReluVarietiesError, ValueError):
    """An assignment of patterns to data points that does not fit the data or the patterns."""


class InvalidSpecError(ReluVarietiesError, ValueError):
    """A JSON spec or network file that cannot be read into the toolkit's objects."""


class InvalidArgumentError(ReluVarietiesError, TypeError):
    """A public function given an argument of the wrong type (a string for a network, NaN for a number)."""


class InvalidOptionError(ReluVarietiesError, ValueError):
    """A keyword option out of its range: a degree bound below 1, a negative timeout or count."""


class PrimeTooSmallError(ReluVarietiesError, ValueError):
    """A prime field too small (or a modulus not prime) for the error bound promised."""


class TooManyMinorsError(ReluVarietiesError, ValueError):
    """A request that would expand more minors than the caller allowed."""


class ComputationTooLargeError(ReluVarietiesError, ValueError):
    """A computation whose estimated size exceeds the budget; the message gives the estimate."""


class BackendUnavailableError(ReluVarietiesError, RuntimeError):
    """An external program (Singular, Macaulay2) that is not installed."""


class BackendFailedError(ReluVarietiesError, RuntimeError):
    """An external program that failed, timed out, or answered something unreadable."""


class CacheError(ReluVarietiesError, RuntimeError):
    """A cache database that is unreadable, or written by a newer version of the toolkit."""


class NoIdealError(ReluVarietiesError, ValueError):
    """An exporter given something that is not a computed ideal (a variety, or a result proving nothing)."""


class UnknownFormatError(ReluVarietiesError, ValueError):
    """An export format the toolkit does not write."""


class OutputNotWritableError(ReluVarietiesError, OSError):
    """An output path that cannot be written (missing directory, no permission, a directory)."""


class InvalidIdealFileError(ReluVarietiesError, ValueError):
    """An exported ideal (JSON) that cannot be read back: wrong schema, names or numbers."""


class InvalidExportError(ReluVarietiesError, ValueError):
    """Export options that do not fit the result: another variety's parametrisation, unspellable names."""


class InvalidEnumerationError(ReluVarietiesError, ValueError):
    """A request to enumerate pattern tuples (or survey them) with impossible bounds or data."""


class SurveyDatabaseError(CacheError):
    """A survey database that is not SQLite, is damaged, or was written with a newer schema version."""


class SchedulerUnreachableError(ReluVarietiesError, ConnectionError):
    """A Dask scheduler address that does not answer (or the Dask distributed package is missing)."""


class InvalidDistributionError(ReluVarietiesError, ValueError):
    """An input distribution that is not one: a covariance not symmetric positive semidefinite, a mean
    or covariance of the wrong size for the network, mixture weights that are not a probability vector."""


class InvalidSymmetryError(ReluVarietiesError, ValueError):
    """A would-be symmetry element: not a permutation, a zero or negative rescaling, the wrong shape."""


class MismatchedArchitecturesError(ReluVarietiesError, ValueError):
    """Two networks or parameter vectors that cannot be compared: different inputs, outputs or widths."""


class MissingExtraError(ReluVarietiesError, ImportError):
    """An optional package (torch, onnx, scikit-learn) that is not installed; the message names the extra."""


class UnsupportedLayerError(ReluVarietiesError, ValueError):
    """A trained model with a layer or operator other than affine maps and ReLU between them."""


class CacheWriteWarning(UserWarning):
    """A result computed correctly but not stored in the cache (a full disk, a read-only file system)."""


class FloatWeightsWarning(UserWarning):
    """Binary floats in a network file were converted to the exact rationals they hold."""


class InvalidPointError(InvalidDataError):
    """A point given for a membership question that does not have the variety's shape or exact numbers."""


class InvalidQueryError(ReluVarietiesError, ValueError):
    """A verification query (linear constraints on the coordinates) naming unknown coordinates or relations."""


class UnrealisableAssignmentError(ReluVarietiesError, ValueError):
    """An assignment of patterns to data points that no network of the architecture can produce, refused
    because realisability was required (``--require-realisable``)."""


class BoundaryPointError(ReluVarietiesError, ValueError):
    """A data point with a pre-activation exactly 0: it lies on the boundary of two or more activation
    regions, refused because boundary points were asked to be an error."""


class RealisabilityWarning(UserWarning):
    """An assignment of patterns to data points that no network of the architecture can produce: its
    output variety is still defined, but no trained network has those outputs on that data."""


class TimeLimitError(ReluVarietiesError, TimeoutError):
    """A command ran past the time limit it was given (``--timeout``); nothing it would have written was written."""

"""The implicitization engine: from a variety's parametrisation to the ideal of its closure.

Modules: ``engine`` (``implicitize``: strategies, proofs, cache), ``interpolation``, ``grading``
and ``lifting`` (the graded pieces of the ideal from evaluations), ``proofs`` (structural
arguments for generation), ``ideal`` (the result), ``cache`` (results on disk). Sub-packages:
``backends`` (Gröbner bases by sympy and Singular, ideal operations, solvers), ``export`` (one
module per format), ``survey`` (conjecture surveys), ``cli`` (the ``relu-varieties`` command).

Public API: ``implicitize``, ``IdealResult``, ``export``, ``write_export``, ``FORMATS``,
``load_json``, ``eliminate``, ``ideal_contains``, ``ideals_equal``, ``hilbert_function``; each is
imported on first use, so that ``import implicitize`` (and ``relu-varieties --help``) stays fast.
"""
from typing import TYPE_CHECKING

from architectures.lazy_imports import lazy_exports

# Bound now, so that the function ``export`` and not the sub-package ``implicitize.export`` answers
# ``from implicitize import export`` (importing the registry is cheap: the formats load on first use).
from implicitize.export.registry import FORMATS, export, write_export

if TYPE_CHECKING:  # the public API, imported on first use (architectures.lazy_imports)
    from implicitize.backends.elimination import eliminate
    from implicitize.backends.ideal_ops import hilbert_function, ideal_contains, ideals_equal
    from implicitize.engine import implicitize
    from implicitize.export.json import load_json
    from implicitize.ideal import IdealResult

__getattr__, __dir__, _lazy = lazy_exports(__name__, __file__)
__all__ = ["FORMATS", "IdealResult", "eliminate", "export", "hilbert_function", "ideal_contains", "ideals_equal",
           "implicitize", "load_json", "write_export"]

"""The implicitization engine: from a variety's parametrisation to the ideal of its closure.

Modules: ``engine`` (``implicitize``: strategies, proofs, cache), ``interpolation``, ``grading``
and ``lifting`` (the graded pieces of the ideal from evaluations), ``proofs``, ``matrix_schubert``
and ``inheritance`` (structural arguments for generation), ``serre_certificate`` and
``degree_certificate`` (certificates without elimination), ``missing_generators`` (proofs that
generators found up to a degree do not generate), ``ideal`` (the result), ``proof`` (what a result proves, as a value),
``printing`` (sympy syntax and LaTeX from python-flint), ``cache`` (results on disk). Sub-packages:
``backends`` (Gröbner bases by sympy and Singular, ideal operations, solvers), ``export`` (one
module per format), ``survey`` (conjecture surveys), ``cli`` (the ``relu-varieties`` command).

Public API: ``implicitize``, ``IdealResult``, ``Proof``, ``export``, ``write_export``, ``FORMATS``,
``load_json``, ``eliminate``, ``ideal_contains``, ``ideals_equal``, ``hilbert_function``; each is
imported on first use, so that ``import implicitize`` (and ``relu-varieties --help``) stays fast.
"""

from typing import TYPE_CHECKING

from architectures.lazy_imports import lazy_exports

# ruff: noqa: F401 - the imports below are the public API, re-exported on first use (architectures.lazy_imports)
if TYPE_CHECKING:
    from implicitize.backends.elimination import eliminate
    from implicitize.backends.ideal_ops import hilbert_function, ideal_contains, ideals_equal
    from implicitize.engine import implicitize
    from implicitize.export.json import load_json
    from implicitize.export.registry import FORMATS, export, write_export
    from implicitize.ideal import IdealResult
    from implicitize.proof import Proof

__getattr__, __dir__, __all__ = lazy_exports(__name__, __file__)

"""Backends: the programs and libraries that compute Gröbner bases and decide exported queries.

Elimination by sympy or Singular (``elimination``), Singular run as a subprocess with a timeout
(``singular``), operations on ideals given by python-flint generators (``ideal_ops``), and the
solvers that decide a query on a variety: z3 and cvc5 (``smt_solvers``), SCIP (``scip_program``),
Marabou (``marabou_family``, ``network_regions``).

Public API: ``eliminate``, ``ELIMINATION_BACKENDS``, ``singular_available``, ``run_singular``,
``eliminate_singular``, ``groebner_basis``, ``ideal_contains``, ``ideals_equal``,
``minimal_generators``, ``hilbert_function``, ``degree_of_quotient``, ``Decision``,
``query_script``, ``z3_decide``, ``cvc5_decide``, ``scip_decide``, ``marabou_family_decide``,
``marabou_region_decide``.
"""

from typing import TYPE_CHECKING

from architectures.lazy_imports import lazy_exports

# ruff: noqa: F401 - the imports below are the public API, re-exported on first use (architectures.lazy_imports)
if TYPE_CHECKING:
    from implicitize.backends.elimination import ELIMINATION_BACKENDS, eliminate
    from implicitize.backends.ideal_ops import (
        degree_of_quotient,
        groebner_basis,
        hilbert_function,
        ideal_contains,
        ideals_equal,
        minimal_generators,
    )
    from implicitize.backends.marabou_family import marabou_family_decide
    from implicitize.backends.network_regions import marabou_region_decide
    from implicitize.backends.scip_program import scip_decide
    from implicitize.backends.singular import eliminate_singular, run_singular, singular_available
    from implicitize.backends.smt_solvers import Decision, cvc5_decide, query_script, z3_decide

__getattr__, __dir__, __all__ = lazy_exports(__name__, __file__)

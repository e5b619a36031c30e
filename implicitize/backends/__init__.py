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
from architectures.lazy_imports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "implicitize.backends.elimination": ["eliminate", "ELIMINATION_BACKENDS"],
    "implicitize.backends.singular": ["singular_available", "run_singular", "eliminate_singular"],
    "implicitize.backends.ideal_ops": ["groebner_basis", "ideal_contains", "ideals_equal", "minimal_generators",
                                       "hilbert_function", "degree_of_quotient"],
    "implicitize.backends.smt_solvers": ["Decision", "query_script", "z3_decide", "cvc5_decide"],
    "implicitize.backends.scip_program": ["scip_decide"],
    "implicitize.backends.marabou_family": ["marabou_family_decide"],
    "implicitize.backends.network_regions": ["marabou_region_decide"],
})

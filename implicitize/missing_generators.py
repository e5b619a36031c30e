"""Missing generators: a proof that J ⊆ I(V), found by interpolation up to degree d, does not generate.

Interpolation proves I(V)_e = J_e for every degree e ≤ d it computed; above d it says nothing. This
module looks for a witness in one degree D > d without computing the whole piece I(V)_D: it visits the
multidegree classes of degree D (rows × input columns, see ``implicitize.grading``) smallest first, and
in each compares, modulo a prime p, the kernel of the evaluation matrix at sampled points of V (which
contains the reduction of I(V)_α) with the products g·m of J's generators landing in α (which span J_α).
Kernel vectors outside that span are lifted to Q. It stops at the first class where one is found.

**Proof.** Each polynomial returned

1. lies in I(V): it vanishes identically under the parametrisation (exact substitution over Q);
2. does not lie in J: its normal form modulo a Gröbner basis of J truncated at degree D is nonzero
   (Singular, over Q). J is homogeneous and the order degree-compatible, so Buchberger's algorithm
   handling S-pairs by increasing degree and stopped after degree D (Singular's ``degBound``) returns the
   elements of degree ≤ D of a Gröbner basis of J: S-pairs of higher degree never reduce a polynomial of
   degree ≤ D. A homogeneous polynomial of degree D therefore lies in J if and only if its normal form
   modulo them is zero (d-Gröbner bases of homogeneous ideals: Becker–Weispfenning, *Gröbner Bases*,
   GTM 141, Ch. 10).

Hence J ≠ I(V), with no error probability: the prime and the sample points only decide whether a
witness is found. No parameter is eliminated and no Gröbner basis of J beyond degree D is computed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import flint
import numpy as np

from architectures.errors import BackendFailedError, InvalidDataError, InvalidOptionError
from architectures.keywords import resolve_prime
from architectures.modular import residue
from implicitize.backends.ideal_ops import is_homogeneous
from implicitize.backends.singular import run_singular
from implicitize.grading import Multidegree, monomial_classes
from implicitize.serre_certificate import ideal_line, integer_infix
from implicitize.interpolation import MAX_MONOMIALS, MEMORY_BUDGET, LiftingError, _complement, _State, _terms

if TYPE_CHECKING:
    from varieties.variety import Variety


@dataclass(frozen=True)
class MissingGenerators:
    """Polynomials of I(V) of one degree and multidegree that are proved not to lie in J."""

    degree: int
    multidegree: Multidegree
    generators: tuple[flint.fmpq_mpoly, ...]
    classes_searched: int
    """Multidegree classes of ``degree`` visited, this one included."""
    monomials: int
    """Monomials of the class where the generators were found."""
    seconds: float
    sentence: str


def missing_generators(
    variety: "Variety",
    generators: Sequence[flint.fmpq_mpoly],
    degree: int,
    *,
    seed: int = 0,
    prime: int | None = None,
    max_classes: int | None = None,
    max_monomials: int = MAX_MONOMIALS,
    memory_budget: int = MEMORY_BUDGET,
    timeout: float = 300.0,
    time_limit: float | None = None,
) -> MissingGenerators | None:
    """Polynomials of degree ``degree`` in I(V) but not in the ideal J of the homogeneous ``generators``
    (J ⊆ I(V), e.g. from ``implicitize`` with a lower ``max_degree``); None when no multidegree class of
    that degree (at most ``max_classes``, smallest first) shows one.

    See the module docstring for the proof. Only the representative class of each orbit of the row and
    column permutations is searched: exhaustive when J is stable under them, as interpolation's
    generators are. ``time_limit`` (seconds) stops the search between classes, returning None like a
    class limit does. None after every class (``max_classes=None``, no ``time_limit`` reached), for
    multihomogeneous generators so stable, proves J_D = I(V)_D, by interpolation's argument: the kernel modulo p contains the reduction
    of I(V)_α and lies in the span of the reduced products, whose dimension is at most dim_Q J_α. (When
    a candidate found modulo p turns out to lie in J over Q, the prime lost rank on J's products: then
    :class:`~implicitize.interpolation.LiftingError` is raised instead of None.)
    Needs Singular for the normal forms over Q.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> from implicitize.interpolation import interpolate
    >>> v = PatternVariety(Architecture((2, 3, 2)), [[[0]], [[1]], [[2]], [[0, 1, 2]]])
    >>> linear = interpolate(v, 1).generators  # the 4 linear forms; the 3 quadrics come in degree 2
    >>> found = missing_generators(v, linear, 2)
    >>> found.degree, len(found.generators) > 0, found.sentence.startswith("J does not generate")
    (2, True, True)
    """
    if isinstance(degree, bool) or not isinstance(degree, int) or degree < 1:
        raise InvalidOptionError(f"degree must be a positive integer such as 6, got {degree!r}")
    if max_classes is not None and (
        isinstance(max_classes, bool) or not isinstance(max_classes, int) or max_classes < 1
    ):
        raise InvalidOptionError(f"max_classes must be a positive integer or None, got {max_classes!r}")
    if time_limit is not None and (
        isinstance(time_limit, bool) or not isinstance(time_limit, (int, float)) or not time_limit > 0
    ):
        raise InvalidOptionError(f"time_limit must be a positive number of seconds or None, got {time_limit!r}")
    ideal = [g for g in generators if not g.is_zero()]
    for g in ideal:
        if g.context() != variety.context or not is_homogeneous(g):
            raise InvalidDataError(
                f"each generator must be a homogeneous polynomial in the variety's coordinates, got {g}; "
                "pass the generators of an ideal J ⊆ I(V) such as implicitize(...).generators"
            )
    started = time.perf_counter()
    state = _State(variety, seed, resolve_prime(prime, seed), memory_budget)
    for g in ideal:
        if not state.verify(g):
            raise InvalidDataError(
                f"the generator {g} does not vanish on the variety, so it is not in I(V); "
                "pass generators of an ideal J ⊆ I(V)"
            )
        # J_α is spanned by products of the multihomogeneous parts of J's generators (a larger ideal
        # when a generator is not multihomogeneous: it only hides candidates, the proof is over Q below)
        for part_degree, part_multidegree, terms in _multihomogeneous_parts(state, g):
            state.all_generators.append((part_degree, part_multidegree, terms))
    classes = monomial_classes(state.grading, variety.ambient_dimension, degree, max_monomials=max_monomials)
    ordered = sorted(classes.items(), key=lambda item: (len(item[1]), item[0]))
    unlucky = False
    for searched, (multidegree, monomials) in enumerate(ordered[:max_classes], start=1):
        if time_limit is not None and time.perf_counter() - started > time_limit:
            return None  # stopped early: like a class limit, this None proves nothing
        candidates = _new_in_class(state, degree, multidegree, monomials)
        found = _outside(candidates, ideal, variety.context, degree, timeout) if candidates else []
        unlucky = unlucky or len(found) < len(candidates)
        if found:
            elapsed = time.perf_counter() - started
            return MissingGenerators(
                degree,
                multidegree,
                tuple(found),
                searched,
                len(monomials),
                elapsed,
                (
                    f"J does not generate I(V): {len(found)} polynomial(s) of degree {degree} (multidegree "
                    f"{multidegree}) vanish on V (exact substitution) and have nonzero normal forms modulo a "
                    f"Gröbner basis of J truncated at degree {degree} (Singular, over Q)"
                ),
            )
    if unlucky:
        # a polynomial of J outside the span of J_α modulo p: the prime lost rank, so None would prove nothing
        raise LiftingError(
            f"modulo {state.primes[0]} a polynomial of J looked new in degree {degree} (the prime is unlucky "
            "for J's products); try another seed or prime"
        )
    return None


def _multihomogeneous_parts(state: _State, polynomial: flint.fmpq_mpoly) -> list[tuple[int, Multidegree, list]]:
    """The polynomial split by multidegree, in the interpolation state's term format."""
    parts: dict[Multidegree, list] = {}
    for monomial, coefficient in _terms(polynomial):
        parts.setdefault(state.grading.multidegree(monomial), []).append((monomial, coefficient))
    return [(len(terms[0][0]), multidegree, terms) for multidegree, terms in parts.items()]


def _new_in_class(state: _State, degree: int, multidegree: Multidegree, monomials: list) -> list[flint.fmpq_mpoly]:
    """Verified polynomials of the class whose reductions lie outside the span of J_α modulo p."""
    prime = state.primes[0]
    kernel, free = state.kernel(prime, monomials)
    if not kernel:
        return []
    position = {monomial: index for index, monomial in enumerate(monomials)}
    # products g·m of lower degree, and J's generators of exactly this degree and multidegree
    lower = state.lower_products(degree, multidegree, position, prime)
    for generator_degree, generator_multidegree, terms in state.all_generators:
        if generator_degree == degree and generator_multidegree == multidegree:
            vector = np.zeros(len(monomials), dtype=np.int64)
            for monomial, coefficient in terms:
                vector[position[monomial]] = residue(Fraction(int(coefficient.p), int(coefficient.q)), prime)
            lower.append(vector)
    chosen = _complement(lower, kernel, prime)
    return [state.lift(monomials, free[index], kernel[index]) for index in chosen]


def _outside(
    candidates: list[flint.fmpq_mpoly],
    ideal: list[flint.fmpq_mpoly],
    context: flint.fmpq_mpoly_ctx,
    degree: int,
    timeout: float,
) -> list[flint.fmpq_mpoly]:
    """The candidates whose normal form modulo J (Gröbner basis truncated at ``degree``, over Q) is nonzero."""
    if not ideal:
        return candidates
    output = run_singular(normal_form_script(candidates, ideal, context, degree), timeout=timeout)
    flags = [line.split()[1] for line in output.splitlines() if line.startswith("@@rv-outside ")]
    if len(flags) != len(candidates):
        raise BackendFailedError(
            f"Singular answered for {len(flags)} of {len(candidates)} polynomials; its output was:\n{output[:2000]}"
        )
    return [candidate for candidate, flag in zip(candidates, flags) if flag == "1"]


def normal_form_script(
    polynomials: Sequence[flint.fmpq_mpoly],
    ideal: Sequence[flint.fmpq_mpoly],
    context: flint.fmpq_mpoly_ctx,
    degree: int,
) -> str:
    """The Singular script of the proof's step 2: ``@@rv-outside 1`` for each polynomial not in the ideal.

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("a", "b"), "degrevlex")
    >>> a, b = ctx.gens()
    >>> print(normal_form_script([a*b], [a**2], ctx, 2).splitlines()[2])
    degBound = 2;
    """
    n = context.nvars()
    lines = [
        f"ring rvR = 0, (x(1..{n})), dp;",
        ideal_line(ideal, n),
        f"degBound = {degree};",
        "ideal rvG = std(rvJ);",
        "degBound = 0;",
        'attrib(rvG, "isSB", 1);',
    ]
    for polynomial in polynomials:
        lines.append(f'print("@@rv-outside " + string(reduce({integer_infix(polynomial, n)}, rvG) != 0));')
    return "\n".join(lines)

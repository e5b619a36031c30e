"""Shared material for the elimination and ideal tests: worked cases, independent points, determinants."""

from __future__ import annotations

from fractions import Fraction

import flint
import sympy

from architectures import Architecture, random_parameters
from reference import pattern_coordinates, rank_over_q
from varieties import PatternVariety


def variety(widths, patterns):
    return PatternVariety(Architecture(widths), patterns)


def independent_points(v, count, seed=0):
    """Points of a pattern variety from the reference evaluator (explicit products of W_l and 0/1 diagonals)."""
    architecture = v.architecture
    patterns = [p.as_lists() for p in v.patterns]
    for index in range(count):
        theta = random_parameters(architecture, seed=7000 + 31 * seed + index, bound=20, denominator=7)
        yield [
            flint.fmpq(x.numerator, x.denominator)
            for x in pattern_coordinates(architecture.widths, architecture.bias, theta, patterns)
        ]


def block_determinants(v, combinations):
    """det(Σ c_k M_k) for each coefficient vector, as fmpq_mpoly in the variety's ring (via sympy's det)."""
    n_out, n_in = v.architecture.widths[-1], v.architecture.widths[0]
    names = v.coordinate_names
    symbols = sympy.symbols(names)
    size = n_out * n_in
    blocks = [sympy.Matrix(n_out, n_in, symbols[k * size : (k + 1) * size]) for k in range(len(v.patterns))]
    result = []
    for coefficients in combinations:
        matrix = sum((c * m for c, m in zip(coefficients, blocks)), sympy.zeros(n_out, n_in))
        poly = sympy.Poly(matrix.det(), *symbols, domain="QQ")
        result.append(v.context.from_dict({m: flint.fmpq(int(c.p), int(c.q)) for m, c in poly.terms()}))
    return result


def span_rank(polynomials):
    """The dimension of the Q-span of the polynomials (exact linear algebra on coefficient vectors)."""
    terms = [p.to_dict() for p in polynomials]
    monomials = sorted({m for t in terms for m in t})
    return rank_over_q(
        [[Fraction(int(t[m].p), int(t[m].q)) if m in t else Fraction(0) for m in monomials] for t in terms]
    )

"""Independent reference computations for the tests: plain Fractions, no toolkit internals."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import flint


def matmul(a, b):
    return [
        [sum((a[i][t] * b[t][j] for t in range(len(b))), Fraction(0)) for j in range(len(b[0]))] for i in range(len(a))
    ]


def affine_blocks(
    widths: Sequence[int], bias: bool, theta: Sequence[Fraction], patterns: Sequence[Sequence[Sequence[int]]]
) -> list[list[list[Fraction]]]:
    """[M_k | c_k] for each pattern, by explicit products of (W_l, b_l) and 0/1 diagonals."""
    layers, position = [], 0
    for l in range(1, len(widths)):
        rows, columns = widths[l], widths[l - 1]
        weight = [list(theta[position + i * columns : position + (i + 1) * columns]) for i in range(rows)]
        position += rows * columns
        b = list(theta[position : position + rows]) if bias else [Fraction(0)] * rows
        position += rows if bias else 0
        layers.append((weight, b))
    assert position == len(theta)
    result = []
    for pattern in patterns:
        # affine map x -> A x + c, starting from the identity
        a = [[Fraction(int(i == j)) for j in range(widths[0])] for i in range(widths[0])]
        c = [Fraction(0)] * widths[0]
        for l, (weight, b) in enumerate(layers):
            a = matmul(weight, a)
            c = [sum((w * v for w, v in zip(row, c)), bi) for row, bi in zip(weight, b)]
            if l < len(layers) - 1:
                active = set(pattern[l])
                a = [row if i in active else [Fraction(0)] * len(row) for i, row in enumerate(a)]
                c = [v if i in active else Fraction(0) for i, v in enumerate(c)]
        result.append([row + ([ci] if bias else []) for row, ci in zip(a, c)])
    return result


def pattern_coordinates(widths, bias, theta, patterns) -> list[Fraction]:
    return [x for block in affine_blocks(widths, bias, theta, patterns) for row in block for x in row]


def rank_over_q(rows: list[list[Fraction]]) -> int:
    if not rows or not rows[0]:
        return 0
    return flint.fmpq_mat(
        len(rows), len(rows[0]), [flint.fmpq(x.numerator, x.denominator) for row in rows for x in row]
    ).rank()


def jacobian_by_differences(function, theta: Sequence[Fraction]) -> list[list[Fraction]]:
    """Exact Jacobian of a map that is affine in each single parameter: column p = F(θ + e_p) − F(θ)."""
    base = function(theta)
    columns = []
    for p in range(len(theta)):
        shifted = list(theta)
        shifted[p] += 1
        columns.append([x - y for x, y in zip(function(shifted), base)])
    return [list(row) for row in zip(*columns)]

"""From residues to rationals: rational reconstruction and the Chinese remainder theorem.

Interpolation works modulo primes; its kernels are lifted to Q here and then verified exactly.
"""

from __future__ import annotations

from fractions import Fraction
from math import isqrt

from sympy.ntheory.modular import crt


def rational_reconstruction(residue: int, modulus: int) -> Fraction | None:
    """The rational a/b with |a|, b ≤ √(m/2) and a ≡ b·residue (mod m), or None if there is none.

    Wang's algorithm: the extended Euclidean algorithm on (m, residue), stopped half way.

    Examples
    --------
    >>> p = 2_147_483_647
    >>> rational_reconstruction(-3 * pow(4, -1, p) % p, p)
    Fraction(-3, 4)
    """
    bound = isqrt(modulus // 2)
    r0, r1 = modulus, residue % modulus
    s0, s1 = 0, 1
    while r1 > bound:
        quotient = r0 // r1
        r0, r1 = r1, r0 - quotient * r1
        s0, s1 = s1, s0 - quotient * s1
    if s1 == 0 or abs(s1) > bound:
        return None
    result = Fraction(r1, s1)
    if (result.numerator - result.denominator * residue) % modulus != 0:
        return None
    return result


def combine_residues(residues: list[list[int]], primes: list[int]) -> tuple[list[int], int]:
    """Combine vectors of residues modulo several primes into residues modulo their product."""
    modulus = 1
    for prime in primes:
        modulus *= prime
    combined = [int(crt(primes, list(values))[0]) for values in zip(*residues)]
    return combined, modulus

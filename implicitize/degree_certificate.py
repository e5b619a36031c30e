"""Cohen–Macaulay plus a point count: a proof that a homogeneous ideal J ⊆ I(V) equals I(V), for V the
closure of the image of a polynomial map φ, with no Jacobian minors and no elimination over Q.

The R1 step of :mod:`implicitize.serre_certificate` needs c × c Jacobian determinants (degree ≥ 2c) on a
curve; here primality of a Cohen–Macaulay J follows from its multiplicity instead, and the degree of V
is bounded from below by counting points of V on a linear space, found through the parametrisation.

**Lemma (associativity).** For J homogeneous with Q[x]/J Cohen–Macaulay of dimension D = dim V and
J ⊆ I(V): e(Q[x]/J) = Σ_P length((Q[x]/J)_P) · e(Q[x]/P) over the minimal primes P of dimension D
(Matsumura, *Commutative Ring Theory*, Thm 14.7), and I(V) is one of them, so e(Q[x]/J) ≥ deg V, with
equality only if I(V) is the only minimal prime and J_{I(V)} = I(V)_{I(V)}. A Cohen–Macaulay ring has no
embedded primes (Matsumura Thm 17.3), so then J is I(V)-primary and equal to I(V) locally: J = I(V).

**Lemma (degree modulo p).** Let φ have p-integral coefficients, V_p the closure of φ(F̄_p^P) and
I_Z = I(V) ∩ Z[x]. Each f ∈ I_Z has f(φ) = 0, so f mod p vanishes on V_p. Z[x]/I_Z is torsion-free,
so every graded piece is a free Z-module and F_p[x]/(I_Z mod p) has the Hilbert function of Q[x]/I(V):
dimension D and multiplicity deg V. If dφ_p has rank D at one point, dim V_p ≥ D (algebraically
dependent coordinates have dependent differentials), so V_p, irreducible, is a D-dimensional component
of V(I_Z mod p) and deg V_p ≤ deg V. For a linear space L with V_p ∩ L finite (projectively),
#(V_p ∩ L) ≤ deg V_p (Fulton, *Intersection Theory*, Example 8.4.6).

**Certificate.** c = n − D, e the multiplicity of J (Π deg g_i for c generators, else from Singular's
Hilbert series of J over Q), N a random (D − 1) × n matrix modulo p, L = ker N (dimension c + 1) and A
an n × c matrix of c random vectors of L.

1. Cohen–Macaulay, exactly as step 1 of :mod:`implicitize.serre_certificate`: F_p[w]/J̄(Aw) has
   length e (for c generators this makes J a complete intersection of dimension D); in particular
   V(J̄) meets the image of A only in 0, so V(J̄) meets L ⊃ image A (a P^c) in finitely many points.
2. Points. The parameters θ_j outside a set of D columns where dφ_p(θ⁰) has rank D are fixed to θ⁰_j
   (fewer solutions, still points of V_p); with random linear forms ℓ₀, u the ideal
   K = (N·φ(θ), ℓ₀(φ(θ)) − 1, s − u(φ(θ))) is zero-dimensional over F_p, and the minimal polynomial of
   s in F_p[θ, s]/K (the first linear dependency of 1, s, s², … in a basis of the quotient; it
   generates K ∩ F_p[s]) has k distinct roots. Each root is u at a point of V_p ∩ L with ℓ₀ = 1, and
   distinct roots are distinct points on distinct lines, so k ≤ #(V_p ∩ L) ≤ deg V.
3. If k ≥ e: e ≥ deg V ≥ k ≥ e, so J = I(V) by the first lemma, and deg V = e.

Every modular step only undercounts points or overcounts lengths, so a certificate found is a proof;
random choices decide only whether it is found (the certificate declines otherwise).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from math import prod

import flint

from architectures.errors import InvalidDataError
from implicitize.export.base import infix
from implicitize.serre_certificate import certificate_applies, hilbert_series_lines, ideal_line, singular_values

#: The prime of the modular computations (any prime not dividing φ's denominators gives a proof).
COUNT_PRIME = 32003
#: Above this multiplicity the parameter system (one solution per point) is not solved: (3,3,4) with
#: 188 points takes seconds, (4,3,4) with 2 240 points more than ten minutes.
COUNT_MAX_MULTIPLICITY = 1000


@dataclass(frozen=True)
class DegreeCertificate:
    """A proof that the generators span I(V): deg V, the points counted, and the route's sentence."""

    complete_intersection: bool
    degree: int
    points: int
    sentence: str


def degree_certificate(
    generators: Sequence[flint.fmpq_mpoly],
    context: flint.fmpq_mpoly_ctx,
    parametrisation: Sequence[flint.fmpq_mpoly],
    dimension: int,
    *,
    seed: int = 0,
    prime: int = COUNT_PRIME,
    timeout: float = 60.0,
) -> DegreeCertificate | None:
    """A certificate that the homogeneous ``generators`` of J ⊆ I(V) generate I(V), V the closure of the
    image of ``parametrisation`` (one polynomial per coordinate of ``context``) of the certified
    ``dimension``; None when a hypothesis fails, Singular is missing or over ``timeout``.

    The caller guarantees J ⊆ I(V) and dim V = ``dimension``; see the module docstring for the proof.

    Examples
    --------
    >>> x = flint.fmpq_mpoly_ctx.get(("a", "b", "c", "d"), "degrevlex")
    >>> theta = flint.fmpq_mpoly_ctx.get(("s", "t"), "degrevlex")
    >>> a, b, c, d = x.gens()
    >>> s, t = theta.gens()
    >>> cubic = [s**3, s**2 * t, s * t**2, t**3]  # the twisted cubic (runs Singular via run_singular)
    >>> degree_certificate([a*c - b**2, b*d - c**2, a*d - b*c], x, cubic, 2).degree
    3
    >>> degree_certificate([a*c - b**2, b*d - c**2], x, cubic, 2) is None  # the cubic and a line: degree 4
    True
    """
    generators = [g for g in generators if not g.is_zero()]
    n = context.nvars()
    if len(parametrisation) != n:
        raise InvalidDataError(
            f"the parametrisation has {len(parametrisation)} coordinate polynomials but the ring has {n} "
            "variables; give one polynomial per coordinate, in the ring's order"
        )
    codimension = n - dimension
    if not certificate_applies(generators, codimension):
        return None
    if any(coefficient.q % prime == 0 for phi in parametrisation for coefficient in phi.coeffs()):
        return None  # φ mod p is undefined
    script = count_script(generators, context, parametrisation, dimension, seed=seed, prime=prime)
    if script is None:
        return None
    run = singular_values(script, timeout)
    if run is None:
        return None
    values, output = run
    complete_intersection = len(generators) == codimension
    if complete_intersection:
        multiplicity = prod(int(g.total_degree()) for g in generators)
    elif values.get("dimension") != dimension:
        return None
    else:
        multiplicity = values.get("multiplicity", -1)
    points = _distinct_roots(output, prime)
    if multiplicity < 1 or values.get("artinian-length") != multiplicity or points < multiplicity:
        return None
    cohen_macaulay = (
        f"the {codimension} equations form a complete intersection (Artinian reduction mod {prime} of length "
        f"{multiplicity} = Π deg)"
        if complete_intersection
        else (
            f"Hilbert series of J over Q (dimension {dimension}, multiplicity {multiplicity}) and an Artinian "
            f"reduction mod {prime} of the same length make Q[x]/J Cohen–Macaulay (Matsumura Thm 17.11)"
        )
    )
    return DegreeCertificate(
        complete_intersection,
        multiplicity,
        points,
        (
            f"Cohen–Macaulay and a point count: {cohen_macaulay}; the parametrisation mod {prime} gives {points} "
            f"distinct points of V on a linear space of dimension {codimension + 1}, so deg V ≥ {points} ≥ "
            f"e(Q[x]/J) ≥ deg V, and an unmixed J ⊆ I(V) of the multiplicity of V is I(V) (Matsumura Thm 14.7)"
        ),
    )


def count_script(
    generators: Sequence[flint.fmpq_mpoly],
    context: flint.fmpq_mpoly_ctx,
    parametrisation: Sequence[flint.fmpq_mpoly],
    dimension: int,
    *,
    seed: int = 0,
    prime: int = COUNT_PRIME,
) -> str | None:
    """The Singular script of :func:`degree_certificate`: it prints ``@@rv-artinian-length`` (mod p),
    beyond a complete intersection ``@@rv-dimension`` and ``@@rv-multiplicity`` (over Q), and, if the
    length is the multiplicity (at most ``COUNT_MAX_MULTIPLICITY``), the Krylov matrix of s in the quotient of the parameter system (``@@rv-krylov`` and its rows); None when
    dφ mod p at a random point does not have rank ``dimension`` or the random section is degenerate.

    Examples
    --------
    >>> x = flint.fmpq_mpoly_ctx.get(("a", "b", "c"), "degrevlex")
    >>> theta = flint.fmpq_mpoly_ctx.get(("s", "t"), "degrevlex")
    >>> s, t = theta.gens()
    >>> a, b, c = x.gens()
    >>> print(count_script([a*c - b**2], x, [s**2, s*t, t**2], 2).splitlines()[0])
    ring rvP = 32003, (x(1..3)), dp;
    """
    if isinstance(prime, bool) or not isinstance(prime, int) or prime < 2:
        raise InvalidDataError(f"prime must be a prime number ≥ 2, got {prime!r}")
    n = context.nvars()
    codimension = n - dimension
    rng = random.Random(seed)
    parameters = parametrisation[0].context()
    free = _free_parameters(parametrisation, dimension, rng, prime)
    if free is None:
        return None
    pivots, anchor = free
    normals = [[rng.randrange(1, prime) for _ in range(n)] for _ in range(dimension - 1)]
    basis, nullity = flint.nmod_mat(normals, prime).nullspace()
    if nullity != codimension + 1:
        return None  # N is not of full rank D − 1
    # a random basis of L: the echelon basis of the null space is sparse, too special for step 1
    mixing = flint.nmod_mat([[rng.randrange(1, prime) for _ in range(codimension + 1)] for _ in range(nullity)], prime)
    kernel = flint.nmod_mat([[int(basis[i, j]) for j in range(nullity)] for i in range(n)], prime)
    section = [[int(v) for v in row] for row in (kernel * mixing).tolist()]
    ideal = ideal_line(generators, n)
    artinian = ", ".join(
        " + ".join(f"{row[j]}*w({j + 1})" for j in range(codimension)) for row in section
    )  # x = A w: the first c columns of L's basis
    theta_names = [f"q({i + 1})" for i in range(parameters.nvars())]
    images = [f"t({pivots.index(i) + 1})" if i in pivots else str(anchor[i]) for i in range(parameters.nvars())]
    linear = [rng.randrange(1, prime) for _ in range(n)], [rng.randrange(1, prime) for _ in range(n)]

    def form(coefficients: Sequence[int]) -> str:
        return " + ".join(f"{a}*rvPhi[{i + 1}]" for i, a in enumerate(coefficients) if a) or "0"

    count = [
        f"ring rvTheta = {prime}, (q(1..{parameters.nvars()})), dp;",
        "ideal rvPhi = " + ",\n  ".join(infix(phi, theta_names) for phi in parametrisation) + ";",
        f"ideal rvK = {', '.join(form(row) for row in normals)}, {form(linear[0])} - 1;",
        "poly rvU = " + form(linear[1]) + ";",
        f"ring rvT = {prime}, (t(1..{dimension}), s), dp;",
        f"map rvFix = rvTheta, {', '.join(images)};",
        "option(redSB);",
        "ideal rvKs = slimgb(rvFix(rvK) + ideal(s - rvFix(rvU)));",
        # the normal forms of 1, s, s², … in the basis of the quotient (a Krylov sequence): its first
        # linear dependency is the minimal polynomial of s, whose roots are the values of u at the points
        "if (dim(rvKs) == 0 && vdim(rvKs) < " + str(prime) + ") {",
        "  ideal rvB = kbase(rvKs); poly rvF = 1; ideal rvPowers = rvF; int rvK;",
        "  for (rvK = 1; rvK <= size(rvB); rvK++) { rvF = reduce(s * rvF, rvKs); rvPowers[rvK + 1] = rvF; }",
        "  matrix rvC = coeffs(rvPowers, rvB);",
        "  // the coefficients must give back the normal forms: each is a combination of the basis",
        "  if (size(ideal(matrix(rvB) * rvC - matrix(rvPowers))) == 0) {",
        '    print("@@rv-krylov " + string(nrows(rvC)) + " " + string(ncols(rvC)));',
        "    print(rvC);",
        "  }",
        "}",
    ]
    lines = [
        f"ring rvP = {prime}, (x(1..{n})), dp;",
        ideal,
        f"ring rvW = {prime}, (w(1..{codimension})), dp;",
        f"map rvPsi = rvP, {artinian};",
        "int rvLength = vdim(std(rvPsi(rvJ)));",
        'print("@@rv-artinian-length " + string(rvLength));',
    ]
    if len(generators) == codimension:
        expected = prod(int(g.total_degree()) for g in generators)
        if expected > COUNT_MAX_MULTIPLICITY:
            return "\n".join(lines)
        return "\n".join(lines + [f"if (rvLength == {expected}) {{", *count, "}"])
    lines += [
        *hilbert_series_lines(n, ideal),
        f"if (dim(rvG) == {dimension} && rvLength == rvE && rvE <= {COUNT_MAX_MULTIPLICITY}) {{",
        *count,
        "}",
    ]
    return "\n".join(lines)


def _distinct_roots(output: str, prime: int) -> int:
    r"""The number of distinct roots of the minimal polynomial of s, from the Krylov matrix the script
    prints (columns: 1, s, s², … in a basis of the quotient); −1 when there is none.

    Examples
    --------
    >>> _distinct_roots("@@rv-krylov 2 3\n1,0,6,\n0,1,0", 7)  # s² = −1 mod 7: two roots ±i, in F_49
    2
    """
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("@@rv-krylov ")), None)
    if start is None:
        return -1
    rows, columns = (int(v) for v in lines[start].split()[1:])
    numbers = [int(v) for v in re.findall(r"-?\d+", " ".join(lines[start + 1 :]))]
    if len(numbers) != rows * columns or columns != rows + 1:
        return -1
    krylov = flint.nmod_mat(rows, columns, [v % prime for v in numbers], prime)
    degree = krylov.rank()  # 1, s, …, s^(d−1) are independent and s^d depends on them
    first = flint.nmod_mat([[int(krylov[i, j]) for j in range(degree + 1)] for i in range(rows)], prime)
    kernel, nullity = first.nullspace()
    if nullity != 1 or degree >= prime:
        return -1
    minimal = flint.nmod_poly([int(kernel[j, 0]) for j in range(degree + 1)], prime)
    # distinct roots = d − deg gcd(m, m′) when every multiplicity is below p (here d < p)
    return degree - minimal.gcd(minimal.derivative()).degree()


def _free_parameters(
    parametrisation: Sequence[flint.fmpq_mpoly], dimension: int, rng: random.Random, prime: int
) -> tuple[list[int], list[int]] | None:
    """D parameters whose columns of dφ mod p at a random point θ⁰ are independent, and θ⁰ itself
    (the other parameters are fixed to θ⁰: the restricted map is then generically finite onto V_p)."""
    parameters = parametrisation[0].context()
    count = parameters.nvars()
    anchor = [rng.randrange(1, prime) for _ in range(count)]
    point = [flint.fmpq(v) for v in anchor]
    rows = []
    for phi in parametrisation:
        row = []
        for j in range(count):
            value = phi.derivative(j)(*point) if not phi.is_zero() else flint.fmpq(0)
            row.append(int(value.p * pow(int(value.q), -1, prime)) % prime)
        rows.append(row)
    # columns scanned from the parameters in fewest coordinates: those in most coordinates are fixed,
    # which leaves φ linear in a whole layer (measured: (3,3,4) 5 s instead of 13 s, (4,3,3) likewise)
    occurrences = [sum(1 for phi in parametrisation if phi.degrees()[j] > 0) for j in range(count)]
    order = sorted(range(count), key=lambda j: (occurrences[j], -j))
    echelon, rank = flint.nmod_mat([[row[j] for j in order] for row in rows], prime).rref()
    if rank != dimension:
        return None  # rank above D: the given dimension is wrong; below: an unlucky point
    pivots = sorted(order[next(j for j in range(count) if int(echelon[i, j]) != 0)] for i in range(rank))
    return pivots, anchor

"""Serre's criterion on a linear section modulo p: a proof that a homogeneous ideal J ⊆ I(V) is prime.

No parameters are eliminated and no Gröbner basis is computed in all the coordinates over Q except,
for an ideal that is not a complete intersection, one of J itself (its Hilbert series). Every other
computation runs modulo a prime p in a few variables, and is nevertheless a proof over Q, because of

**Lemma (reduction modulo p).** For homogeneous f_1, …, f_s ∈ Z[x] and any prime p,
dim_{F_p} (F_p[x]/(f̄))_d ≥ dim_Q (Q[x]/(f))_d in every degree d: the graded piece M_d of
M = Z[x]/(f) is a finitely generated abelian group with M_d ⊗ Q = (Q[x]/(f))_d and
M_d ⊗ F_p = (F_p[x]/(f̄))_d (tensor product is right exact), and rank M_d ≤ dim_{F_p} M_d ⊗ F_p.
Hence the Krull dimension and, for a zero-dimensional quotient, the length over F_p bound those over
Q from above, whatever p and whatever integer linear substitution x = A z was made first.

**Lemma (linear sections).** For homogeneous K ⊆ Q[x_1..x_n] and any integer n × m matrix A,
dim Q[x]/K ≤ (n − m) + dim Q[z]/(K(Az)): V(K(Az)) is the preimage of the cone V(K) under z ↦ Az,
and a cone meets a linear space of codimension n − m in dimension ≥ dim V(K) − (n − m).

**Certificate.** Let D = dim V (certified), c = n − D, J = (g_1..g_s) ⊆ I(V) homogeneous.

1. Cohen–Macaulay. If s = c: the Jacobian step 2 below also bounds every component of V(J) by D
   (at a point of a component W of larger dimension, rank Jac(g) ≤ n − dim T ≤ n − dim W < c, so
   W lies in the Jacobian locus), so J is a complete intersection, hence Q[x]/J is Cohen–Macaulay.
   If s > c: Singular's ``std`` of J over Q gives dim Q[x]/J = D and e = e(Q[x]/J) from the Hilbert
   series; for D linear forms ℓ with F_p[x]/(J̄ + ℓ̄) of length e (computed after substituting
   x = A w, A of size n × c; a finite length mod p forces rank A = c, so Q[x]/(ℓ) ≅ Q[w] and, by the
   first lemma, length Q[x]/(J + ℓ) ≤ e), e(Q[x]/J) ≤ e((ℓ); Q[x]/J) ≤ length Q[x]/(J + ℓ) ≤ e: equality holds
   and ℓ is a regular sequence, i.e. Q[x]/J is Cohen–Macaulay (Matsumura, *Commutative Ring Theory*,
   Thm 17.11: length M/qM ≥ e(q, M) for a parameter ideal q, with equality iff M is Cohen–Macaulay).
2. R1. Q[x]/J is then equidimensional, so its singular locus is V(J + I_c(Jac g)) (Jacobian criterion,
   Eisenbud, *Commutative Algebra*, Cor. 16.20). With x = A z (A of size n × (c + 2)) and two pairs of
   random matrices B_k (c × s, each row combining generators of one degree, so that each determinant is
   homogeneous) and C_k (n × c): J̄(Āz) + (det B̄_k · Jac(ḡ)(Āz) · C̄_k)_k has dimension ≤ 0 over F_p.
   Each determinant lies in I_c(Jac g) (Cauchy–Binet), so by the two lemmas
   dim Q[x]/(J + I_c(Jac g)) ≤ (n − c − 2) + 0 = D − 2: the singular locus has codimension ≥ 2.
   For a complete intersection (s = c) one C (n × (c + 1)) and the c + 1 maximal minors of
   Jac(ḡ)(Āz) · C̄ take the place of the two determinants (again in I_c(Jac g) by Cauchy–Binet): where
   Jac(g) has rank c they all vanish only if the image of C meets its kernel in dimension ≥ 2, two
   conditions, so for a generic C nowhere on the section's curve.
3. Q[x]/J is S2 (Cohen–Macaulay) and R1, hence normal (Serre; Eisenbud Thm 11.5), hence — graded with
   a field in degree 0 — a domain. J is prime, J ⊆ I(V) and both have dimension D, so J = I(V), and
   deg V = e (= Π deg g_i for a complete intersection, Bézout).

The random matrices only decide whether the certificate is found; a certificate found is a proof (no
error probability). When a hypothesis fails, or a random choice is unlucky, the certificate declines.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from math import prod

import flint

from architectures.errors import BackendFailedError, InvalidDataError
from implicitize.export.base import infix
from implicitize.backends.elimination import primitive
from implicitize.backends.ideal_ops import is_homogeneous
from implicitize.backends.singular import run_singular, singular_available

#: The prime of the section computations (any prime gives a proof; a small one keeps Singular fast).
SECTION_PRIME = 32003
#: Extra variables (beyond the codimension) kept by the section of step 2.
SECTION_EXTRA = 2
#: Determinants of random c × c compressions of the Jacobian used in step 2.
SECTION_DETERMINANTS = 2


@dataclass(frozen=True)
class SerreCertificate:
    """A proof that the generators span the prime ideal I(V): the route's sentence and deg V."""

    complete_intersection: bool
    degree: int
    sentence: str


def serre_certificate(
    generators: Sequence[flint.fmpq_mpoly],
    context: flint.fmpq_mpoly_ctx,
    dimension: int,
    *,
    seed: int = 0,
    prime: int = SECTION_PRIME,
    timeout: float = 60.0,
) -> SerreCertificate | None:
    """A certificate that the homogeneous ``generators`` of J ⊆ I(V) generate I(V), V of the certified
    (affine cone) ``dimension``; None when a hypothesis fails, Singular is missing or over ``timeout``.

    The caller guarantees J ⊆ I(V) and dim V = ``dimension``; see the module docstring for the proof.

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("a", "b", "c", "d"), "degrevlex")
    >>> a, b, c, d = ctx.gens()
    >>> serre_certificate([a*d - b*c], ctx, 3).degree  # a quadric cone (runs Singular via run_singular)
    2
    >>> serre_certificate([a*b], ctx, 3) is None  # two hyperplanes: singular where they meet
    True
    """
    generators = [g for g in generators if not g.is_zero()]
    n = context.nvars()
    codimension = n - dimension
    if not certificate_applies(generators, codimension):
        return None
    run = singular_values(certificate_script(generators, context, dimension, seed=seed, prime=prime), timeout)
    if run is None:
        return None
    values, _ = run
    if values.get("singular-section", 1) > 0:
        return None
    section = f"a linear section in {codimension + SECTION_EXTRA} variables modulo {prime}"
    if len(generators) == codimension:
        degree = prod(int(g.total_degree()) for g in generators)
        return SerreCertificate(
            True,
            degree,
            (
                f"Serre's criterion on {section}: the {codimension} equations have a Jacobian locus of dimension "
                f"≤ dim V − 2, so they form a complete intersection (Cohen–Macaulay) that is regular in "
                f"codimension one, hence a normal domain; J ⊆ I(V) of equal dimension, so J = I(V) "
                f"(reduction mod p only enlarges dimensions, so the bound holds over Q)"
            ),
        )
    if values.get("dimension") != dimension:
        return None
    multiplicity, length = values.get("multiplicity", -1), values.get("artinian-length", -1)
    if multiplicity < 1 or length != multiplicity:
        return None
    return SerreCertificate(
        False,
        multiplicity,
        (
            f"Serre's criterion: Hilbert series of J over Q (dimension {dimension}, multiplicity {multiplicity}) "
            f"and an Artinian reduction mod {prime} of the same length, so Q[x]/J is Cohen–Macaulay "
            f"(Matsumura Thm 17.11); its Jacobian locus on {section} has dimension ≤ dim V − 2, so it is "
            f"regular in codimension one, hence a normal domain; J ⊆ I(V) of equal dimension, so J = I(V)"
        ),
    )


def certificate_applies(generators: Sequence[flint.fmpq_mpoly], codimension: int) -> bool:
    """Whether a certificate can be tried: a positive codimension, at least that many generators, all
    homogeneous, and Singular installed.

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("a", "b"), "degrevlex")
    >>> a, b = ctx.gens()
    >>> certificate_applies([a**2 - b], 1)  # not homogeneous
    False
    """
    return (
        codimension >= 1
        and len(generators) >= codimension
        and all(is_homogeneous(g) for g in generators)
        and singular_available()
    )


def singular_values(script: str, timeout: float) -> tuple[dict[str, int], str] | None:
    """Run a certificate's Singular script: the integers it printed as ``@@rv-name k`` lines (by name),
    and its whole output; None when Singular fails or runs over ``timeout`` seconds.

    Examples
    --------
    >>> singular_values('print("@@rv-answer " + string(6 * 7));', 10)[0]  # runs Singular via run_singular
    {'answer': 42}
    """
    try:
        output = run_singular(script, timeout=timeout)
    except BackendFailedError:
        return None
    values = {
        line.split()[0][len("@@rv-") :]: int(line.split()[1])
        for line in output.splitlines()
        if line.startswith("@@rv-") and len(line.split()) == 2
    }
    return values, output


def certificate_script(
    generators: Sequence[flint.fmpq_mpoly],
    context: flint.fmpq_mpoly_ctx,
    dimension: int,
    *,
    seed: int = 0,
    prime: int = SECTION_PRIME,
) -> str:
    """The Singular script of :func:`serre_certificate`: it prints ``@@rv-singular-section k`` (the
    dimension of step 2's ideal) and, beyond a complete intersection, ``@@rv-dimension``,
    ``@@rv-multiplicity`` (over Q) and ``@@rv-artinian-length`` (mod p).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("a", "b", "c"), "degrevlex")
    >>> a, b, c = ctx.gens()
    >>> print(certificate_script([a*b - c**2], ctx, 2).splitlines()[0])
    ring rvP = 32003, (x(1..3)), dp;
    """
    if isinstance(prime, bool) or not isinstance(prime, int) or prime < 2:
        raise InvalidDataError(f"prime must be a prime number ≥ 2, got {prime!r}")
    n = context.nvars()
    codimension = n - dimension
    ideal = ideal_line(generators, n)
    rng = random.Random(seed)

    def matrix(rows: int, columns: int) -> list[list[int]]:
        return [[rng.randrange(1, prime) for _ in range(columns)] for _ in range(rows)]

    def substitution(columns: int, letter: str) -> str:
        entries = matrix(n, columns)
        return ", ".join(" + ".join(f"{a}*{letter}({j + 1})" for j, a in enumerate(row)) for row in entries)

    width = codimension + SECTION_EXTRA
    # Two independent c × c compressions B_k · Jac · C_k: each determinant vanishes on finitely many points
    # of the section's curve, and for generic choices the two finite sets are disjoint. (One c × c block
    # always degenerates somewhere on a curve; all c-minors of Jac are far more expensive.) A complete
    # intersection needs no row compression: one c × (c + 1) compression and its c + 1 minors (on (3, 3, 3)
    # a third faster than two determinants).
    complete_intersection = len(generators) == codimension
    count, compressed = (1, codimension + 1) if complete_intersection else (SECTION_DETERMINANTS, codimension)
    compressions = []
    for k in range(count):
        rows = _row_combinations(generators, codimension, rng, prime)
        columns = matrix(n, compressed)
        compressions += [
            f"matrix rvJac{k} = jacob(ideal(" + ", ".join(rows) + "));",
            f"matrix rvC{k}[{n}][{compressed}] = " + ", ".join(str(a) for row in columns for a in row) + ";",
        ]
    # each determinant is expanded modulo a Gröbner basis of the section (minor's third argument): on
    # (3, 3, 4) twenty times faster than expanding it in the polynomial ring, same ideal
    determinants = ", ".join(f"minor(rvPhi(rvJac{k}) * imap(rvP, rvC{k}), {codimension}, rvS)" for k in range(count))
    section = [
        f"ring rvZ = {prime}, (z(1..{width})), dp;",
        f"map rvPhi = rvP, {substitution(width, 'z')};",
        "ideal rvS = slimgb(rvPhi(rvJ));",
        f"ideal rvSing = rvS, {determinants};",
        'print("@@rv-singular-section " + string(dim(slimgb(rvSing))));',
    ]
    lines = [
        f"ring rvP = {prime}, (x(1..{n})), dp;",
        ideal,
        *compressions,
    ]
    if len(generators) == codimension:
        return "\n".join(lines + section)
    # beyond a complete intersection: Cohen–Macaulayness first (cheap), the Jacobian section only if it holds
    lines += [
        f"ring rvW = {prime}, (w(1..{codimension})), dp;",
        f"map rvPsi = rvP, {substitution(codimension, 'w')};",
        "int rvLength = vdim(std(rvPsi(rvJ)));",
        'print("@@rv-artinian-length " + string(rvLength));',
        *hilbert_series_lines(n, ideal),
        f"if (dim(rvG) == {dimension} && rvLength == rvE) {{",
        "setring rvP;",
        *section,
        "}",
    ]
    return "\n".join(lines)


def hilbert_series_lines(variables: int, ideal: str) -> list[str]:
    """Singular lines that compute, over Q, a standard basis ``rvG`` of the ideal ``rvJ`` (defined by the
    line ``ideal``, in ``x(1..variables)``) and the multiplicity ``rvE`` of the quotient from its Hilbert
    series, and print ``@@rv-dimension`` and ``@@rv-multiplicity``.

    Examples
    --------
    >>> hilbert_series_lines(3, "ideal rvJ = x(1)*x(2) - x(3)^2;")[:2]
    ['ring rvQ = 0, (x(1..3)), dp;', 'ideal rvJ = x(1)*x(2) - x(3)^2;']
    """
    return [
        f"ring rvQ = 0, (x(1..{variables})), dp;",
        ideal,
        "ideal rvG = std(rvJ);",
        "intvec rvH = hilb(rvG, 2);",
        "int rvE = 0; int rvI;",
        "for (rvI = 1; rvI < size(rvH); rvI++) { rvE = rvE + rvH[rvI]; }",
        'print("@@rv-dimension " + string(dim(rvG)));',
        'print("@@rv-multiplicity " + string(rvE));',
    ]


def _row_combinations(generators: Sequence[flint.fmpq_mpoly], count: int, rng: random.Random, prime: int) -> list[str]:
    """``count`` random combinations of generators of one degree each (lowest degrees first), as Singular
    expressions in the ideal rvJ: homogeneous rows keep every minor homogeneous."""
    by_degree: dict[int, list[int]] = {}
    for index, g in enumerate(generators):
        by_degree.setdefault(int(g.total_degree()), []).append(index + 1)
    rows: list[str] = []
    degrees = sorted(by_degree)
    for position, degree in enumerate(degrees):
        indices = by_degree[degree]
        # keep one row for each higher degree: the lowest degrees alone may not have rank c on V
        share = min(len(indices), count - len(rows) - (len(degrees) - position - 1))
        for _ in range(max(share, 0)):
            rows.append(" + ".join(f"{rng.randrange(1, prime)}*rvJ[{i}]" for i in indices))
    return rows


def integer_infix(polynomial: flint.fmpq_mpoly, variables: int) -> str:
    """The polynomial in Singular's syntax over x(1..``variables``), scaled to coprime integer coefficients
    (:func:`~implicitize.backends.elimination.primitive`: the same ideal, and a text that also reads in a
    ring over F_p, where a denominator divisible by p would not).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("a", "b"), "degrevlex")
    >>> a, b = ctx.gens()
    >>> integer_infix(a * b / 2 - b**2 / 3, 2)
    '3*x(1)*x(2) - 2*x(2)^2'
    """
    return infix(primitive(polynomial), [f"x({i + 1})" for i in range(variables)])


def ideal_line(generators: Sequence[flint.fmpq_mpoly], variables: int) -> str:
    """The Singular line ``ideal rvJ = …;`` of the generators (each by :func:`integer_infix`)."""
    return "ideal rvJ = " + ",\n  ".join(integer_infix(g, variables) for g in generators) + ";"

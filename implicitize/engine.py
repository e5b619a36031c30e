"""``implicitize``: from a variety to generators of its ideal, with exactly what was proved.

Strategies: interpolation (default; proved degree by degree, then structurally or by elimination),
elimination (sympy or Singular Gröbner bases), determinantal (the rank-constraint minors, checked
against interpolation). Results can be cached in a pattern-lattice cache (``implicitize.cache``).
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Callable

import flint

from architectures.errors import (
    BackendFailedError,
    ComputationTooLargeError,
    InvalidArgumentError,
    InvalidSpecError,
)
from architectures.keywords import Progress, resolve_prime
from implicitize.ideal import IdealResult
from implicitize.inheritance import inheritance_proof, reduction
from implicitize.interpolation import interpolate
from implicitize.proof import Proof
from implicitize.proofs import complete_intersection_proof, generation_proof
from varieties.dimension import dimension, expected_dimension
from varieties.minors import minors

if TYPE_CHECKING:
    from implicitize.cache import PatternCache
    from varieties.variety import Variety

STRATEGIES = ("auto", "interpolation", "elimination", "determinantal")
BACKENDS = ("flint", "sympy", "singular")
#: Seconds allowed to Singular for the Hilbert series that gives the degree of V.
DEGREE_TIMEOUT = 60.0
#: Seconds allowed to the section certificate before the slower routes are tried.
CERTIFICATE_TIMEOUT = 10.0
#: Seconds allowed to the point count certificate (Cohen–Macaulay plus deg V through the parametrisation).
COUNT_TIMEOUT = 120.0
#: Beyond a complete intersection, the section certificate is skipped above this codimension: its
#: c × c Jacobian determinants (degree ≥ 2c in c + 2 variables) then take minutes, longer than an
#: elimination ((3, 3, 4) with patterns {0,1},{1,2}, c = 6: about 200 s against 21 s).
SECTION_MAX_CODIMENSION = 5
#: Seconds allowed to the search for generators missing in degree d + 1 before the elimination (and at
#: most a quarter of the time limit: where J does generate, the search visits every class in vain).
MISSING_TIMEOUT = 120.0
#: Degree bound used when neither the caller nor the rank constraints suggest one.
DEFAULT_MAX_DEGREE = 3


def implicitize(
    variety: "Variety",
    strategy: str = "auto",
    *,
    max_degree: int | None = None,
    backend: str = "auto",
    seed: int = 0,
    prime: int | None = None,
    prove: bool = False,
    cache: "PatternCache | None" = None,
    timeout: float = 600.0,
    progress: Progress | None = None,
) -> IdealResult:
    """Generators of the ideal I(V) of the variety's Zariski closure, and what is proved about them.

    ``strategy="auto"`` interpolates up to ``max_degree`` (default: the degree of the rank-constraint
    minors, at least 2) and proves generation by a structural argument where one applies (including
    inheritance from the network with fewer outputs or inputs, ``implicitize.inheritance``); with
    ``prove=True`` it tries Serre's criterion (on a linear section modulo p), a point count, Serre's
    criterion on the full Jacobian of a complete intersection, then looks for generators missing in the
    next degree (added to the result when found) and compares with an elimination (Singular when
    installed); an elimination that does not finish leaves "generates up to degree d", with the reason.
    ``backend="auto"``: python-flint for interpolation, Singular (else sympy) for elimination;
    ``prime=None``: interpolation computes modulo a prime drawn from [2^30, 2^31) with ``seed``.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> result = implicitize(PatternVariety(Architecture((3, 2, 3)), [[[0, 1]]]))
    >>> result.degrees, str(result.proved), result.dimension
    ((3,), 'generates', 8)
    """
    if strategy not in STRATEGIES:
        raise InvalidSpecError(f"unknown strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}")
    if backend != "auto" and backend not in BACKENDS:
        raise InvalidSpecError(f"unknown backend {backend!r}; choose one of auto, {', '.join(BACKENDS)}")
    if cache is not None and not callable(getattr(cache, "lookup", None)):
        raise InvalidArgumentError(
            f"implicitize: argument 'cache' is {cache!r} ({type(cache).__name__}); expected a PatternCache "
            "(implicitize.cache.PatternCache(path)) or None for no cache"
        )
    prime = resolve_prime(prime, seed)
    chosen = None if backend == "auto" else backend  # None in the cache's settings: the keys stay as they were
    if strategy in ("auto", "interpolation", "determinantal") and chosen not in (None, "flint"):
        raise InvalidSpecError(
            f"strategy {strategy!r} runs on python-flint; use strategy='elimination' for the {backend} backend"
        )
    started = time.perf_counter()
    settings = {
        "strategy": strategy,
        "backend": chosen,
        "prove": prove,
        "max_degree": max_degree
        if max_degree is not None or strategy == "elimination"
        else default_max_degree(variety),
    }
    if strategy != "elimination":  # interpolation's points and prime: an answer may depend on them
        settings.update(seed=seed, prime=prime)
    if cache is not None:
        # a result proved with ``prove=True`` answers the same question without it, and says more
        hit = cache.lookup(variety, {**settings, "prove": True}) if not prove else None
        hit = hit or cache.lookup(variety, settings)
        if hit is not None:
            return hit
    if strategy == "elimination":
        result = _by_elimination(variety, chosen or _default_elimination_backend(), timeout)
    else:
        known = cache.related_generators(variety) if cache is not None else []

        def smaller_ideal(smaller: "Variety", degree: int) -> IdealResult:
            return implicitize(
                smaller,
                strategy,
                max_degree=degree,
                seed=seed,
                prime=prime,
                prove=prove,
                cache=cache,
                timeout=timeout,
                progress=progress,
            )

        result = _by_interpolation(
            variety, strategy, max_degree, seed, prime, prove, timeout, progress, known, smaller_ideal
        )
    result = replace(result, seconds=time.perf_counter() - started, description=variety.describe())
    if cache is not None:
        cache.store(variety, settings, result)
    return result


def default_max_degree(variety: "Variety") -> int:
    """The largest size of a rank-constraint minor, at least 2 (``DEFAULT_MAX_DEGREE`` without any)."""
    sizes = [family.minor_size for family in variety.rank_constraints()]
    return max(sizes + [2]) if sizes else DEFAULT_MAX_DEGREE


def _default_elimination_backend() -> str:
    from implicitize.backends.singular import singular_available

    return "singular" if singular_available() else "sympy"


def _by_elimination(variety: "Variety", backend: str, timeout: float) -> IdealResult:
    from implicitize.backends.elimination import eliminate

    started = time.perf_counter()
    generators = eliminate(variety.parametrisation, backend=backend, timeout=timeout)
    elapsed = time.perf_counter() - started
    dim = dimension(variety)
    return IdealResult(
        variety.context,
        tuple(generators),
        variety.ambient_dimension,
        dimension=dim.dimension,
        expected_dimension=expected_dimension(variety).refined,
        strategy="elimination",
        backend=backend,
        proved=Proof.generates(f"elimination of the parameters ({backend} Gröbner basis)"),
        timings={"elimination": elapsed},
        degree=_known_degree(generators, dim, variety.context),
    )


def _by_interpolation(
    variety: "Variety",
    strategy: str,
    max_degree: int | None,
    seed: int,
    prime: int,
    prove: bool,
    timeout: float,
    progress: Progress | None,
    known: list[flint.fmpq_mpoly],
    smaller_ideal: Callable[["Variety", int], IdealResult],
) -> IdealResult:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    dim = dimension(variety, seed=seed, prime=prime)
    timings["dimension"] = time.perf_counter() - started
    degree = max_degree if max_degree is not None else default_max_degree(variety)
    if strategy == "determinantal":
        started = time.perf_counter()
        known = list(minors(variety.rank_constraints(), variety.context))
        timings["minors"] = time.perf_counter() - started
    outcome = interpolate(variety, degree, seed=seed, prime=prime, known=known, progress=progress)
    timings.update({f"interpolation {key}": value for key, value in outcome.timings.items()})
    generators = list(outcome.generators)
    result = IdealResult(
        variety.context,
        tuple(generators),
        variety.ambient_dimension,
        dimension=dim.dimension,
        expected_dimension=expected_dimension(variety).refined,
        strategy=strategy,
        backend="python-flint",
        hilbert_function=dict(outcome.hilbert_function),
        timings=timings,
    )
    if strategy == "determinantal":
        return _judge_minors(result, known, generators, degree)
    proof = generation_proof(variety, dim, generators, degree)
    step = reduction(variety) if proof is None else None
    if step is not None:
        started = time.perf_counter()
        proof = inheritance_proof(step, degree, lambda smaller: smaller_ideal(smaller, degree))
        result = _timed(result, "inheritance", started)
    if proof is not None:
        return replace(result, proved=Proof.generates(proof), degree=_known_degree(generators, dim, variety.context))
    notes = []
    if prove:
        for attempt in (_prove_by_section_certificate, _prove_by_point_count, _prove_by_complete_intersection):
            result, proved = attempt(variety, result, dim, generators, timeout, seed)
            if proved:
                return result
        result, note = _search_missing_generators(variety, result, degree, timeout, seed, prime)
        notes += [note] if note else []
        try:
            result, proved = _prove_by_elimination(variety, result, dim, generators, timeout, seed)
        except (BackendFailedError, ComputationTooLargeError) as error:
            notes.append(f"the elimination that would prove generation did not finish ({error})")
        else:
            return result
    return replace(
        result,
        proved=Proof.generates_up_to(
            degree,
            "; ".join(
                [
                    f"interpolation: in every degree ≤ {degree} the verified generators span "
                    f"#monomials − rank_p(evaluation matrix) ≥ dim I(V)_d",
                    *notes,
                ]
            ),
        ),
    )


def _search_missing_generators(
    variety: "Variety", result: IdealResult, degree: int, timeout: float, seed: int, prime: int
) -> tuple[IdealResult, str | None]:
    """Before the elimination: polynomials of degree ``degree`` + 1 in I(V) outside the ideal of the
    generators (``implicitize.missing_generators``, at most ``MISSING_TIMEOUT`` seconds and a quarter of
    ``timeout``), which prove that they do not generate I(V). The result with those polynomials added
    (its proof stays "generates up to degree ``degree``") and the sentence saying so, or the result
    unchanged and None (no witness found, Singular missing, or over the time)."""
    from implicitize.backends.ideal_ops import is_homogeneous
    from implicitize.backends.singular import singular_available
    from implicitize.interpolation import LiftingError
    from implicitize.missing_generators import missing_generators

    generators = list(result.generators)
    if not generators or not singular_available() or not all(is_homogeneous(g) for g in generators):
        return result, None
    started = time.perf_counter()
    limit = min(timeout / 4, MISSING_TIMEOUT)
    try:
        found = missing_generators(
            variety, generators, degree + 1, seed=seed, prime=prime, timeout=limit, time_limit=limit
        )
    except (BackendFailedError, ComputationTooLargeError, LiftingError):
        found = None
    result = _timed(result, "missing generators", started)
    if found is None:
        return result, None
    sentence = f"{found.sentence}; raise max_degree to {degree + 1} or more for the whole of I(V)"
    return replace(result, generators=tuple(generators) + found.generators), sentence


def _judge_minors(
    result: IdealResult, minors_found: list[flint.fmpq_mpoly], generators: list[flint.fmpq_mpoly], degree: int
) -> IdealResult:
    """Say whether the minors generate I(V) up to the degree bound; keep the generators they give.

    A minimal generator that is not itself a minor may still be a combination of minors; it is judged
    by its exact normal form modulo a Gröbner basis of the minors (zero exactly when it lies in their
    ideal), not by comparing printed polynomials.
    """
    from implicitize.backends.ideal_ops import normal_forms

    keys = {str(m) for m in minors_found}
    candidates = [g for g in generators if str(g) not in keys]
    forms = normal_forms(candidates, minors_found, result.context) if candidates and minors_found else candidates
    missing = [g for g, form in zip(candidates, forms) if form != 0]
    if missing:
        lowest = min(g.total_degree() for g in missing)
        return replace(
            result,
            generators=tuple(g for g in generators if str(g) in keys),
            proved=Proof.contained(
                f"exact substitution; the minors do NOT generate I(V): {len(missing)} minimal generator(s) "
                f"of degree ≥ {lowest} are not in the ideal of the minors (exact normal forms; "
                f"interpolation up to degree {degree})"
            ),
        )
    return replace(
        result,
        proved=Proof.generates_up_to(
            degree,
            f"the minors span I(V) in every degree ≤ {degree} (every minimal generator found by "
            "interpolation is a minor or reduces to zero modulo a Gröbner basis of the minors)",
        ),
    )


def _prove_by_section_certificate(
    variety: "Variety", result: IdealResult, dim: Any, generators: list[flint.fmpq_mpoly], timeout: float, seed: int
) -> tuple[IdealResult, bool]:
    """Serre's criterion on a linear section modulo p (``implicitize.serre_certificate``): no parameters
    eliminated, a proof over Q. The result with the time spent recorded, and whether it proves (and
    then deg V is known)."""
    from implicitize.serre_certificate import serre_certificate

    codimension = dim.ambient_dimension - dim.dimension
    if not dim.certified or (len(generators) > codimension > SECTION_MAX_CODIMENSION):
        return result, False
    started = time.perf_counter()
    certificate = serre_certificate(
        generators, variety.context, dim.dimension, seed=seed, timeout=min(timeout, CERTIFICATE_TIMEOUT)
    )
    result = _timed(result, "section certificate", started)
    if certificate is None:
        return result, False
    return replace(result, proved=Proof.generates(certificate.sentence), degree=certificate.degree), True


def _prove_by_point_count(
    variety: "Variety", result: IdealResult, dim: Any, generators: list[flint.fmpq_mpoly], timeout: float, seed: int
) -> tuple[IdealResult, bool]:
    """Cohen–Macaulay plus a count of points of V on a linear space through the parametrisation modulo p
    (``implicitize.degree_certificate``): no Jacobian minors, no elimination. The result with the time
    spent recorded, and whether it proves (and then deg V is known)."""
    from implicitize.degree_certificate import degree_certificate

    if not dim.certified:
        return result, False
    started = time.perf_counter()
    try:
        parametrisation = list(variety.parametrisation.polynomials)
    except ComputationTooLargeError:
        return result, False
    certificate = degree_certificate(
        generators,
        variety.context,
        parametrisation,
        dim.dimension,
        seed=seed,
        timeout=min(timeout, COUNT_TIMEOUT),
    )
    result = _timed(result, "point count certificate", started)
    if certificate is None:
        return result, False
    return replace(result, proved=Proof.generates(certificate.sentence), degree=certificate.degree), True


def _prove_by_complete_intersection(
    variety: "Variety", result: IdealResult, dim: Any, generators: list[flint.fmpq_mpoly], timeout: float, seed: int
) -> tuple[IdealResult, bool]:
    """Serre's criterion before any elimination (far cheaper: no parameters); the result with the time
    spent recorded, and whether it proves."""
    started = time.perf_counter()
    proof = complete_intersection_proof(variety, dim, generators, timeout=timeout)
    result = _timed(result, "complete intersection check", started)
    if proof is None:
        return result, False
    return replace(result, proved=Proof.generates(proof), degree=_known_degree(generators, dim, variety.context)), True


def _prove_by_elimination(
    variety: "Variety", result: IdealResult, dim: Any, generators: list[flint.fmpq_mpoly], timeout: float, seed: int
) -> tuple[IdealResult, bool]:
    """Compare with the elimination ideal (always proves; its generators replace ours if they differ)."""
    from implicitize.backends.elimination import eliminate
    from implicitize.backends.ideal_ops import ideals_equal

    backend = _default_elimination_backend()
    started = time.perf_counter()
    reference = eliminate(variety.parametrisation, backend=backend, timeout=timeout)
    equal = ideals_equal(list(result.generators), reference, variety.context)
    result = _timed(result, "elimination check", started)
    if equal:
        proved = Proof.generates(f"equal to the elimination ideal computed by {backend}")
        final = list(result.generators)
    else:
        proved = Proof.generates(
            f"elimination ({backend}); interpolation up to the degree bound had missed generators of higher degree"
        )
        final = list(reference)
    return replace(
        result, generators=tuple(final), proved=proved, degree=_known_degree(final, dim, variety.context)
    ), True


def _timed(result: IdealResult, step: str, started: float) -> IdealResult:
    """The result with the seconds since ``started`` recorded as the timing of ``step``."""
    return replace(result, timings={**result.timings, step: time.perf_counter() - started})


def _known_degree(generators: list[flint.fmpq_mpoly], dim: Any, context: flint.fmpq_mpoly_ctx) -> int | None:
    """The degree of V, for generators proved to generate I(V): Bézout when they form a complete
    intersection, else the degree of Q[x]/I(V) from its Hilbert series (Singular); None when neither
    is available (an inhomogeneous ideal, no Singular, or Singular over its time limit)."""
    codimension = dim.ambient_dimension - dim.dimension
    if dim.certified and len(generators) == codimension:
        product = 1
        for generator in generators:
            product *= int(generator.total_degree())
        return product
    from architectures.errors import BackendFailedError
    from implicitize.backends.ideal_ops import degree_of_quotient, is_homogeneous
    from implicitize.backends.singular import singular_available

    if not generators or not all(is_homogeneous(g) for g in generators) or not singular_available():
        return None
    try:
        return degree_of_quotient(generators, context, timeout=DEGREE_TIMEOUT)
    except BackendFailedError:
        return None

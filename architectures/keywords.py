"""One vocabulary: the option keywords shared by the public functions, each meaning one thing.

``docs/conventions.md`` has the glossary table; :data:`GLOSSARY` is the same table as data (keyword
to the annotations a public function may give it), checked over every public function by the tests.

- ``seed`` (``int``, default 0): seeds every random choice of the call (points, inputs, primes).
- ``prime`` (``int | None``, default ``None``): modulus of the modular arithmetic; ``None`` draws it
  uniformly from the primes in [2^30, 2^31) with ``seed`` (:func:`resolve_prime`).
- ``max_degree`` (``int | None``, default ``None``): largest total degree searched; ``None``: no limit.
- ``timeout`` (``float`` seconds, or ``float | None`` where ``None`` means no limit).
- ``progress`` (:data:`Progress` or ``None``, default ``None``): called with a one-line message at each
  step; ``None``: silent. The command line passes a callback drawing a tqdm bar on a terminal.
- ``backend`` (``str``): the name of the tool that computes (``"auto"``: the best one installed).
"""

from __future__ import annotations

from typing import Callable

# numpy and flint are imported inside the functions: the command line imports ``Progress`` from here,
# and ``--help`` must stay fast.

#: A progress callback: called with a one-line message at each step of a long computation.
Progress = Callable[[str], None]

#: Keyword → the annotations (as written in the source) a public function may give it.
GLOSSARY: dict[str, frozenset[str]] = {
    "seed": frozenset({"int"}),
    "prime": frozenset({"int | None"}),
    "max_degree": frozenset({"int | None"}),
    "timeout": frozenset({"float", "float | None"}),
    "progress": frozenset({"Progress | None"}),
    "backend": frozenset({"str"}),
}


def random_prime(seed: int) -> int:
    """A prime drawn uniformly from the primes in [2^30, 2^31) (rejection sampling).

    Examples
    --------
    >>> from architectures.modular import check_prime
    >>> p = random_prime(0)
    >>> 2**30 <= p < 2**31 and check_prime(p) == p
    True
    """
    import flint
    import numpy as np

    rng = np.random.default_rng(seed)
    while True:
        candidate = int(rng.integers(2**30, 2**31))
        if flint.fmpz(candidate).is_prime():
            return candidate


def resolve_prime(prime: int | None, seed: int) -> int:
    """The prime a call computes modulo: ``prime`` checked, or for ``None`` one drawn with ``seed``.

    Examples
    --------
    >>> resolve_prime(None, 0) == random_prime(0), resolve_prime(2_147_483_647, 0)
    (True, 2147483647)
    """
    from architectures.modular import check_prime

    return random_prime(seed) if prime is None else check_prime(prime)

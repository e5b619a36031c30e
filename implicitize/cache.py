"""The pattern lattice cache: implicitization results keyed by canonical pattern tuples, on disk.

Results persist in SQLite, keyed by architecture, canonical pattern tuple (up to neuron and block
permutations: a node of ``architectures.lattice.pattern_lattice``), settings and ``ALGORITHM_VERSION``.
A variety's computation starts from the cached generators of the tuples the lattice relates to it
(``architectures.lattice.related_tuples``: its projections and the varieties containing it), whose
ideals lie in its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import warnings
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import flint

from architectures.coordinates import MapEntry
from architectures.errors import CacheError, CacheWriteWarning
from architectures.lattice import canonicalise, related_tuples
from implicitize.ideal import IdealResult
from implicitize.sqlite_file import Schema, open_sqlite

if TYPE_CHECKING:
    from varieties.variety import Variety

#: Bump when the engine's results change meaning; older entries are then ignored and replaced.
ALGORITHM_VERSION = 2
#: Version of the database layout; a database from a newer layout is refused, never overwritten.
SCHEMA_VERSION = 1


def default_cache_path() -> Path:
    """``$RELU_VARIETIES_CACHE``, else ``$XDG_CACHE_HOME/relu-varieties/ideals.sqlite`` (``~/.cache``)."""
    explicit = os.environ.get("RELU_VARIETIES_CACHE")
    if explicit:
        return Path(explicit)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "relu-varieties" / "ideals.sqlite"


class PatternCache:
    """Results of ``implicitize`` cached per canonical pattern tuple, in SQLite.

    A corrupted database file is moved aside (``*.corrupt-<time>``) and rebuilt empty; an entry
    whose checksum does not match is dropped. Either way the answer is recomputed, never guessed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> from implicitize import implicitize
    >>> cache = PatternCache(pathlib.Path(tempfile.mkdtemp()) / "c.sqlite")
    >>> v = PatternVariety(Architecture((3, 2, 3)), [[[0, 1]]])
    >>> implicitize(v, cache=cache).cache_hit, implicitize(v, cache=cache).cache_hit
    (False, True)
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.hits = 0
        self.misses = 0
        self.rebuilt_from: Path | None = None
        self._connection = self._open()

    # -- storage -------------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        # a damaged cache is moved aside and rebuilt: its entries can always be recomputed
        opened = open_sqlite(
            self.path,
            _SCHEMA,
            what="result cache",
            error=CacheError,
            make_parent=True,
            on_damage="move-aside",
            hint="point RELU_VARIETIES_CACHE at a writable file, or pass no_cache / --no-cache",
        )
        self.rebuilt_from = opened.moved_aside
        return opened.connection

    def clear(self) -> None:
        """Forget every cached result."""
        self._connection.execute("DELETE FROM results")
        self._connection.commit()

    def __len__(self) -> int:
        return self._connection.execute(
            "SELECT COUNT(*) FROM results WHERE version = ?", (ALGORITHM_VERSION,)
        ).fetchone()[0]

    # -- keys ----------------------------------------------------------------------------------
    @staticmethod
    def _node(variety: "Variety") -> tuple[str, tuple[int, ...]]:
        """The canonical node of a variety and the block order mapping canonical blocks to its blocks."""
        architecture = variety.architecture
        if variety.kind == "pattern":
            return PatternCache._pattern_node(architecture, variety.patterns)
        header = {"widths": list(architecture.widths), "bias": architecture.bias, "kind": variety.kind}
        header["patterns"] = [p.as_lists() for p in variety.patterns]
        header["data"] = [[str(x) for x in point] for point in variety.data]  # type: ignore[attr-defined]
        header["blocks"] = [list(map(int, positions[0])) for positions in variety.parametrisation.positions]
        return json.dumps(header, sort_keys=True), tuple(range(len(variety.patterns)))

    @staticmethod
    def _pattern_node(architecture: Any, patterns: Any) -> tuple[str, tuple[int, ...]]:
        """The canonical node of a pattern variety, computed from its patterns alone (no variety built)."""
        form = canonicalise(architecture, patterns)
        header = {
            "widths": list(architecture.widths),
            "bias": architecture.bias,
            "kind": "pattern",
            "patterns": [p.as_lists() for p in form.patterns],
        }
        return json.dumps(header, sort_keys=True), form.block_order

    @staticmethod
    def _key(node: str, settings: dict[str, Any]) -> str:
        return json.dumps({"node": node, "settings": settings}, sort_keys=True)

    # -- lookup and store ----------------------------------------------------------------------
    def lookup(self, variety: "Variety", settings: dict[str, Any]) -> IdealResult | None:
        """The cached result for this variety and settings, in the variety's own coordinates."""
        node, order = self._node(variety)
        row = self._fetch(self._key(node, settings))
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return replace(_decode(row, variety, order), cache_hit=True)

    def store(self, variety: "Variety", settings: dict[str, Any], result: IdealResult) -> None:
        node, order = self._node(variety)
        payload = json.dumps(_encode(result, variety, order), sort_keys=True)
        checksum = hashlib.sha256(payload.encode()).hexdigest()
        try:
            self._connection.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)",
                (self._key(node, settings), node, ALGORITHM_VERSION, payload, checksum),
            )
            self._connection.commit()
        except (sqlite3.OperationalError, OSError) as error:  # a full disk, a read-only file system
            self._connection.rollback()
            warnings.warn(
                f"the result was computed but not cached in {self.path}: {error}", CacheWriteWarning, stacklevel=2
            )
            return

    def related_generators(self, variety: "Variety") -> list[flint.fmpq_mpoly]:
        """Generators of cached ideals contained in I(V), renamed into the variety's coordinates: those of
        the tuples :func:`~architectures.lattice.related_tuples` relates to the variety's patterns (its
        projections, I(V_kept) = I(V) ∩ Q[their coordinates], and the varieties containing it)."""
        if variety.kind != "pattern":
            return []
        from varieties.variety import PatternVariety

        found: list[flint.fmpq_mpoly] = []
        for related in related_tuples(variety.architecture, variety.patterns):
            node, order = self._pattern_node(variety.architecture, related.patterns)
            try:
                rows = self._connection.execute(
                    "SELECT payload, checksum FROM results WHERE node = ? AND version = ?", (node, ALGORITHM_VERSION)
                ).fetchall()
            except sqlite3.DatabaseError:  # busy or damaged: these generators only speed things up
                continue
            for payload, checksum in rows:
                if hashlib.sha256(payload.encode()).hexdigest() != checksum:
                    continue
                other = PatternVariety(variety.architecture, related.patterns)
                decoded = _decode(json.loads(payload), other, order)
                found.extend(_rename_blocks(g, other, variety, related.blocks) for g in decoded.generators)
        return found

    def _fetch(self, key: str) -> dict[str, Any] | None:
        try:
            row = self._connection.execute(
                "SELECT payload, checksum, version FROM results WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None or row[2] != ALGORITHM_VERSION:
            return None
        payload, checksum, _ = row
        try:
            if hashlib.sha256(payload.encode()).hexdigest() != checksum:
                raise ValueError("checksum mismatch")
            return json.loads(payload)
        except (ValueError, AttributeError):
            self._connection.execute("DELETE FROM results WHERE key = ?", (key,))
            self._connection.commit()
            return None

    def close(self) -> None:
        self._connection.close()


def _read_version(connection: sqlite3.Connection) -> int | None:
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "meta" not in tables:
        return None
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return None if row is None else int(row[0])


def _initialise(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    connection.execute(
        "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, node TEXT, version INTEGER, "
        "payload TEXT, checksum TEXT)"
    )


_SCHEMA = Schema(SCHEMA_VERSION, _read_version, _initialise)


def _coordinate_map(variety: "Variety", order: tuple[int, ...]) -> list[int]:
    """Index in the variety's coordinates of each canonical coordinate (canonical block i = block order[i])."""
    if variety.kind != "pattern":
        return list(range(variety.ambient_dimension))
    position = {coordinate: i for i, coordinate in enumerate(variety.parametrisation.coordinates)}
    return [position[replace(entry, block=order[entry.block])] for entry in _map_entries(variety)]


def _map_entries(variety: "Variety") -> list[MapEntry]:
    """The coordinates of a pattern variety, each an entry of a block's affine map."""
    return [c for c in variety.parametrisation.coordinates if isinstance(c, MapEntry)]


def _encode(result: IdealResult, variety: "Variety", order: tuple[int, ...]) -> dict[str, Any]:
    mapping = _coordinate_map(variety, order)
    inverse = {target: source for source, target in enumerate(mapping)}
    generators = []
    for generator in result.generators:
        terms = []
        for exponents, coefficient in generator.to_dict().items():
            canonical = [0] * len(exponents)
            for index, power in enumerate(exponents):
                if power:
                    canonical[inverse[index]] = int(power)
            terms.append([canonical, str(Fraction(int(coefficient.p), int(coefficient.q)))])
        generators.append(terms)
    return {
        "generators": generators,
        "ambient_dimension": result.ambient_dimension,
        "dimension": result.dimension,
        "expected_dimension": result.expected_dimension,
        "degree": result.degree,
        "hilbert_function": {str(k): v for k, v in result.hilbert_function.items()},
        "strategy": result.strategy,
        "backend": result.backend,
        "proved": str(result.proved),
        "route": result.route,
        "seconds": result.seconds,
        "timings": result.timings,
        "description": result.description,
    }


def _decode(payload: dict[str, Any], variety: "Variety", order: tuple[int, ...]) -> IdealResult:
    mapping = _coordinate_map(variety, order)
    context = variety.context
    generators = []
    for terms in payload["generators"]:
        polynomial = {}
        for canonical, coefficient in terms:
            exponents = [0] * len(canonical)
            for index, power in enumerate(canonical):
                if power:
                    exponents[mapping[index]] = power
            value = Fraction(coefficient)
            polynomial[tuple(exponents)] = flint.fmpq(value.numerator, value.denominator)
        generators.append(context.from_dict(polynomial))
    return IdealResult(
        context,
        tuple(generators),
        payload["ambient_dimension"],
        dimension=payload["dimension"],
        expected_dimension=payload["expected_dimension"],
        degree=payload["degree"],
        hilbert_function={int(k): v for k, v in payload["hilbert_function"].items()},
        strategy=payload["strategy"],
        backend=payload["backend"],
        proved=payload["proved"],
        route=payload["route"],
        seconds=payload["seconds"],
        timings=payload["timings"],
        description=payload["description"],
    )


def _rename_blocks(
    polynomial: flint.fmpq_mpoly, child: "Variety", parent: "Variety", kept: tuple[int, ...]
) -> flint.fmpq_mpoly:
    """A polynomial in the child's coordinates m_i_* as one in the parent's m_{kept[i]}_*."""
    position = {coordinate: i for i, coordinate in enumerate(parent.parametrisation.coordinates)}
    target = [position[replace(entry, block=kept[entry.block])] for entry in _map_entries(child)]
    result = {}
    for exponents, coefficient in polynomial.to_dict().items():
        image = [0] * parent.ambient_dimension
        for index, power in enumerate(exponents):
            if power:
                image[target[index]] = power
        result[tuple(image)] = coefficient
    return parent.context.from_dict(result)

"""JSON export of an ideal with exact rational coefficients, and the loader that reads it back.

Last step of the data flow for other programs: ``load_json(export_json(r))`` is an equal IdealResult.
Schema (``"schema": "relu-varieties/ideal/1"``) in README.md, "Export formats".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import flint

from architectures.errors import InvalidDataError, InvalidIdealFileError, InvalidNumberError
from architectures.json_files import parse_json, read_bytes_file
from architectures.numbers import to_fraction
from architectures.parametrisation import Parametrisation
from implicitize.export.base import _IDENTIFIER, check_exportable, check_parametrisation, polynomial_terms
from implicitize.ideal import IdealResult
from implicitize.proof import Proof

SCHEMA = "relu-varieties/ideal/1"

#: The most coordinates an exported ideal may have (an output variety of 10^4 outputs).
MAX_COORDINATES = 10_000

#: The largest exponent of a coordinate in an exported ideal read back (evaluating x^(10^9) exactly at a
#: rational point would not finish; the toolkit's ideals have degrees in the tens).
MAX_EXPONENT = 10_000

#: IdealResult fields stored as they are (JSON scalars or null).
_SCALARS = (
    "ambient_dimension",
    "dimension",
    "expected_dimension",
    "degree",
    "strategy",
    "backend",
    "proved",
    "route",
    "seconds",
    "cache_hit",
    "description",
)


#: Every key :func:`export_json` writes.
_KEYS = frozenset(_SCALARS) | {
    "schema",
    "coordinates",
    "ordering",
    "generators",
    "generators_text",
    "hilbert_function",
    "timings",
    "parametrisation",
}


def _encode(polynomial: flint.fmpq_mpoly, names: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"coefficient": str(coefficient), "monomial": {name: e for name, e in zip(names, exponents) if e}}
        for coefficient, exponents in polynomial_terms(polynomial)
    ]


def _plain(value: Any) -> Any:
    # Engines may hand back python-flint integers (fmpz); JSON wants Python ones.
    if value is None or isinstance(value, (bool, str, int, float)):
        return value
    if isinstance(value, Proof):  # stored as its text (with "route" beside it), as before Proof existed
        return str(value)
    if hasattr(value, "__index__"):
        return int(value)
    return float(value)


def export_json(result: IdealResult, *, parametrisation: Parametrisation | None = None, indent: int | None = 1) -> str:
    """The result as JSON: coordinates, generators as exact term lists, and what was proved.

    With ``parametrisation`` the coordinate polynomials in θ are stored too (for reading only;
    :func:`load_json` returns the ideal).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1"), "degrevlex")
    >>> y0, y1 = ctx.gens()
    >>> text = export_json(IdealResult(ctx, (y1 - y0 / 3,), 2, proved="generates"), indent=None)
    >>> json.loads(text)["generators"]
    [[{'coefficient': '-1/3', 'monomial': {'y_0_0': 1}}, {'coefficient': '1', 'monomial': {'y_0_1': 1}}]]
    >>> load_json(text).generators == (y1 - y0 / 3,)
    True
    """
    result = check_exportable(result, exporter="export_json")
    parametrisation = check_parametrisation(result, parametrisation, exporter="export_json")
    names = result.coordinate_names
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "coordinates": list(names),
        "ordering": result.context.ordering().name,
        "generators": [_encode(g, names) for g in result.generators],
        "generators_text": result.to_strings(),
    }
    document.update({key: _plain(getattr(result, key)) for key in _SCALARS})
    document["hilbert_function"] = {str(int(d)): int(v) for d, v in sorted(result.hilbert_function.items())}
    document["timings"] = {str(k): float(v) for k, v in result.timings.items()}
    if parametrisation is not None:
        parameters = tuple(parametrisation.parameter_names)
        document["parametrisation"] = {
            "kind": parametrisation.kind,
            "parameters": list(parameters),
            "widths": list(parametrisation.architecture.widths),
            "bias": parametrisation.architecture.bias,
            "patterns": [p.as_lists() for p in parametrisation.patterns],
            "polynomials": [_encode(p, parameters) for p in parametrisation.polynomials],
        }
    return json.dumps(document, indent=indent, ensure_ascii=False)


def load_json_file(path: str | Path) -> IdealResult:
    """Read an exported ideal from the file at ``path``, within the toolkit's file limits (see :func:`load_json`).

    Examples
    --------
    >>> load_json_file("no/such/ideal.json")
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidIdealFileError: cannot read exported ideal file 'no/such/ideal.json': No such file or directory
    """
    return load_json(read_bytes_file(path, what="exported ideal", error=InvalidIdealFileError))


def load_json(text: str | bytes) -> IdealResult:
    """Read an :func:`export_json` document back into an :class:`IdealResult` (exactly).

    Every problem raises :class:`~architectures.errors.InvalidIdealFileError` naming the field.

    Examples
    --------
    >>> load_json('{"schema": "relu-varieties/ideal/1", "coordinates": ["a"], "generators": [[]]}')
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidIdealFileError: generator 0 has no terms; the zero polynomial is not written as a generator (omit it)
    """
    if not isinstance(text, (str, bytes)):
        raise InvalidIdealFileError(
            f"an exported ideal must be JSON text, got {type(text).__name__}; "
            "read the file first (Path(name).read_text())"
        )
    document = parse_json(text, what="the exported ideal", error=InvalidIdealFileError)
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        found = document.get("schema") if isinstance(document, dict) else type(document).__name__
        raise InvalidIdealFileError(
            f'expected a JSON object with "schema": "{SCHEMA}", got {found!r}; was it written by export_json?'
        )
    unknown = sorted(set(document) - _KEYS)
    if unknown:
        raise InvalidIdealFileError(
            f"unknown key(s) {unknown[:5]} in the exported ideal; allowed keys are {sorted(_KEYS)}"
        )
    names = document.get("coordinates")
    if isinstance(names, list) and len(names) > MAX_COORDINATES:
        raise InvalidIdealFileError(
            f'"coordinates" lists {len(names)} names, more than the {MAX_COORDINATES} an exported ideal may have'
        )
    if (
        not isinstance(names, list)
        or not names
        or not all(isinstance(n, str) and _IDENTIFIER.match(n) for n in names)
        or len(set(names)) != len(names)
    ):
        raise InvalidIdealFileError(f'"coordinates" must be a non-empty list of distinct identifiers, got {names!r}')
    ordering = document.get("ordering", "degrevlex")
    if ordering not in ("lex", "deglex", "degrevlex"):
        raise InvalidIdealFileError(f'"ordering" must be lex, deglex or degrevlex, got {ordering!r}')
    context = flint.fmpq_mpoly_ctx.get(tuple(names), ordering)
    raw_generators = document.get("generators")
    if not isinstance(raw_generators, list):
        raise InvalidIdealFileError('"generators" must be a list of term lists')
    generators = tuple(_decode(terms, index, names, context) for index, terms in enumerate(raw_generators))
    fields: dict[str, Any] = {key: document[key] for key in _SCALARS if key in document}
    fields.setdefault("ambient_dimension", len(names))
    if fields["ambient_dimension"] != len(names):
        raise InvalidIdealFileError(
            f'"ambient_dimension" is {fields["ambient_dimension"]} but there are {len(names)} coordinates'
        )
    try:
        fields["hilbert_function"] = {int(d): int(v) for d, v in document.get("hilbert_function", {}).items()}
        fields["timings"] = {str(k): float(v) for k, v in document.get("timings", {}).items()}
    except (AttributeError, TypeError, ValueError) as error:
        raise InvalidIdealFileError(
            f'"hilbert_function" maps degrees to integers and "timings" names to seconds: {error}'
        ) from error
    if "proved" in fields:
        try:
            fields["proved"] = Proof.from_text(fields["proved"], route=str(fields.get("route") or ""))
        except InvalidDataError as error:
            raise InvalidIdealFileError(f'"proved": {error}') from error
    return IdealResult(context, generators, **fields)


def _decode(terms: Any, index: int, names: list[str], context: flint.fmpq_mpoly_ctx) -> flint.fmpq_mpoly:
    if not isinstance(terms, list):
        raise InvalidIdealFileError(f"generator {index} must be a list of terms, got {terms!r}")
    if not terms:
        raise InvalidIdealFileError(
            f"generator {index} has no terms; the zero polynomial is not written as a generator (omit it)"
        )
    position = {name: i for i, name in enumerate(names)}
    table: dict[tuple[int, ...], flint.fmpq] = {}
    for term in terms:
        if (
            not isinstance(term, dict)
            or not isinstance(term.get("monomial"), dict)
            or not isinstance(term.get("coefficient"), str)
        ):
            raise InvalidIdealFileError(
                f'generator {index}: a term is {{"coefficient": "p/q", "monomial": {{name: exponent}}}}, got {term!r}'
            )
        try:
            coefficient = to_fraction(term["coefficient"], what=f"generator {index}: coefficient")
        except InvalidNumberError as error:
            raise InvalidIdealFileError(str(error)) from error
        exponents = [0] * len(names)
        for name, exponent in term["monomial"].items():
            if name not in position or not isinstance(exponent, int) or isinstance(exponent, bool) or exponent < 1:
                raise InvalidIdealFileError(
                    f"generator {index}: monomial entry {name!r}: {exponent!r} needs a "
                    "listed coordinate and a positive integer exponent"
                )
            if exponent > MAX_EXPONENT:
                raise InvalidIdealFileError(
                    f"generator {index}: monomial entry {name!r} has exponent {exponent}, "
                    f"more than the {MAX_EXPONENT} allowed; was the file edited by hand?"
                )
            exponents[position[name]] = exponent
        key = tuple(exponents)
        if key in table or coefficient == 0:
            raise InvalidIdealFileError(
                f"generator {index}: monomial {term['monomial']} is repeated or has "
                "coefficient 0; write each monomial once, with a non-zero coefficient"
            )
        table[key] = flint.fmpq(coefficient.numerator, coefficient.denominator)
    return context.from_dict(table)

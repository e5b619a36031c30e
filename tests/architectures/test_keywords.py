"""One vocabulary: every glossary keyword of a public function is keyword-only, with the glossary's type,
and ``prime=None`` means the same prime in every function that takes it."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from collections.abc import Callable, Iterator

import pytest

from architectures import Architecture
from architectures.keywords import GLOSSARY, random_prime, resolve_prime
from architectures.network_file import Network
from varieties import PatternVariety

#: Every package whose ``__init__`` lists a public API in ``__all__``.
PACKAGES = (
    "architectures",
    "architectures.importers",
    "distributions",
    "implicitize",
    "implicitize.atlas",
    "implicitize.backends",
    "implicitize.export",
    "implicitize.survey",
    "varieties",
    "varieties.symmetry",
)


def _public_callables() -> Iterator[tuple[str, Callable]]:
    """Public functions, and the public methods of public classes; a dataclass's generated ``__init__``
    is a record of what was used (``DimensionResult.prime``), not a function taking options."""
    for package in PACKAGES:
        module = importlib.import_module(package)
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isclass(value):
                for attribute, member in vars(value).items():
                    if inspect.isfunction(member) and not attribute.startswith("_"):
                        yield f"{package}.{name}.{attribute}", member
                if not dataclasses.is_dataclass(value) and inspect.isfunction(vars(value).get("__init__")):
                    yield f"{package}.{name}.__init__", vars(value)["__init__"]
            elif inspect.isfunction(value):
                yield f"{package}.{name}", value


def _keywords() -> list[tuple[str, str, inspect.Parameter]]:
    found = []
    for qualified, function in _public_callables():
        for parameter in inspect.signature(function).parameters.values():
            if parameter.name in GLOSSARY:
                found.append((qualified, parameter.name, parameter))
    return found


KEYWORDS = _keywords()


def _annotation(parameter: inspect.Parameter) -> str:
    annotation = parameter.annotation
    return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)


def test_the_walk_finds_every_keyword():
    assert {name for _, name, _ in KEYWORDS} == set(GLOSSARY)
    assert len(KEYWORDS) >= 40  # a package dropped from the walk would shrink this


@pytest.mark.parametrize("qualified, name, parameter", KEYWORDS, ids=[f"{q}:{n}" for q, n, _ in KEYWORDS])
def test_a_glossary_keyword_is_keyword_only_with_the_glossary_type(qualified, name, parameter):
    if name == "prime" and parameter.default is parameter.empty:
        # a required ``prime`` is the modulus the given residues live modulo, not the option
        assert _annotation(parameter) == "int", f"{qualified}: {name}: {_annotation(parameter)}"
        return
    assert parameter.kind is parameter.KEYWORD_ONLY, f"{qualified}: {name} can be given by position"
    assert _annotation(parameter) in GLOSSARY[name], f"{qualified}: {name}: {_annotation(parameter)}"


@pytest.mark.parametrize("seed", [0, 5])
def test_prime_none_is_the_same_prime_in_dimension_and_functional_dimension(seed):
    from varieties import functional_dimension

    variety = PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    network = Network.from_weights([[[1, 2], [-1, 1], [3, -1]], [[1, -2, 1]]], [[1, 0, -1], [0]])
    drawn = random_prime(seed)
    assert variety.dimension(seed=seed).prime == drawn
    assert functional_dimension(network, method="modular", seed=seed).prime == drawn
    assert resolve_prime(None, seed) == drawn


def test_a_given_prime_is_used_and_a_composite_refused():
    from architectures.errors import PrimeTooSmallError

    variety = PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    assert variety.dimension(prime=2_147_483_629).prime == 2_147_483_629
    with pytest.raises(PrimeTooSmallError):
        resolve_prime(2**30 + 1, 0)  # 2^30 + 1 = 5^2 · 13 · 41 · 61 · 1321


def test_a_progress_that_is_not_callable_is_refused_at_the_door():
    from architectures.errors import InvalidArgumentError
    from distributions import affine_pieces, standard_normal

    network = Network.from_weights([[[1], [-1]], [[1, 1]]], [[0, 0], [0]])
    with pytest.raises(InvalidArgumentError, match="progress"):
        affine_pieces(network, standard_normal(1), progress=True)

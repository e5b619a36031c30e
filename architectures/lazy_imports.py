"""Public names of a package imported on first use, so that importing the package (and ``--help``) stays fast.

A package's ``__init__`` lists its public API as ``{module: names}`` and gets ``__getattr__``,
``__dir__`` and ``__all__`` from :func:`lazy_exports` (PEP 562); ``from package import name`` then
imports only the module that defines ``name``.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any, Callable, Mapping, Sequence


def lazy_exports(package: str, public: Mapping[str, Sequence[str]]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``(__getattr__, __dir__, __all__)`` for ``package``, whose public ``names`` live in ``module``.

    Examples
    --------
    >>> getattr_, dir_, all_ = lazy_exports("demo", {"fractions": ["Fraction"]})
    >>> all_, getattr_("Fraction")(1, 2)
    (['Fraction'], Fraction(1, 2))
    >>> getattr_("Decimal")
    Traceback (most recent call last):
    ...
    AttributeError: module 'demo' has no attribute 'Decimal'
    """
    home = {name: module for module, names in public.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(home[name]), name)

    def __dir__() -> list[str]:
        return sorted(home)

    return __getattr__, __dir__, sorted(home)

"""Public names of a package imported on first use, so that importing the package (and ``--help``) stays fast.

A package's ``__init__`` imports its public API under ``if TYPE_CHECKING:`` (what type checkers and
readers see) and gets ``__getattr__``, ``__dir__`` and ``__all__`` from :func:`lazy_exports`, which
reads those imports from the ``__init__``'s source (PEP 562); ``from package import name`` then
imports only the module that defines ``name``. One list of names, typed, and nothing imported early.
A public function is served in its checked form (:func:`architectures.validation.checked`): bad
argument types are the toolkit's ``InvalidArgumentError`` at the door, not a traceback from deep inside.

A public name wins over a sub-module of the same name, as when the ``__init__`` imported it eagerly:
``from varieties import dimension`` is the function even after ``varieties.dimension`` (the module)
was imported.
"""

from __future__ import annotations

import ast
import inspect
import sys
import types
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any


def typing_imports(source: str) -> dict[str, str]:
    """Name → module of every ``from module import name`` under the top-level ``if TYPE_CHECKING:`` of ``source``.

    Examples
    --------
    >>> typing_imports("if TYPE_CHECKING:\\n    from fractions import Fraction\\n    from math import gcd\\n")
    {'Fraction': 'fractions', 'gcd': 'math'}
    """
    home: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module:
                    home.update((alias.asname or alias.name, statement.module) for alias in statement.names)
    return home


def lazy_exports(package: str, init_file: str) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``(__getattr__, __dir__, __all__)`` for ``package``, whose ``__init__`` (``init_file``) lists its
    public names as imports under ``if TYPE_CHECKING:``.

    Examples
    --------
    >>> import tempfile, os
    >>> init = os.path.join(tempfile.mkdtemp(), "__init__.py")
    >>> with open(init, "w") as stream:
    ...     _ = stream.write("if TYPE_CHECKING:\\n    from fractions import Fraction\\n")
    >>> getattr_, dir_, all_ = lazy_exports("demo", init)
    >>> all_, getattr_("Fraction")(1, 2)
    (['Fraction'], Fraction(1, 2))
    >>> getattr_("Decimal")
    Traceback (most recent call last):
    ...
    AttributeError: module 'demo' has no attribute 'Decimal'
    """
    home = typing_imports(Path(init_file).read_text(encoding="utf-8"))
    module = sys.modules.get(package)
    if module is not None:
        module.__class__ = _Package
        module._public_names = frozenset(home)  # type: ignore[attr-defined]

    def __getattr__(name: str) -> Any:
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home[name]), name)
        if inspect.isfunction(value):  # a public function checks its arguments at the door
            from architectures.validation import checked

            value = checked(value)
            if module is not None:
                module.__dict__[name] = value  # built once; later lookups do not reach __getattr__
        return value

    def __dir__() -> list[str]:
        return sorted(home)

    return __getattr__, __dir__, sorted(home)


class _Package(types.ModuleType):
    """A package whose public names are not replaced by its sub-modules of the same name.

    Importing ``package.name`` binds the sub-module as the attribute ``name`` of the package; when
    ``name`` is also a public name defined in that module (``varieties.dimension.dimension``), the
    binding is skipped, so ``package.name`` stays the public object (served by ``__getattr__``).
    """

    def __setattr__(self, name: str, value: object) -> None:
        if (
            isinstance(value, types.ModuleType)
            and value.__name__ == f"{self.__name__}.{name}"
            and name in self.__dict__.get("_public_names", ())
        ):
            return
        super().__setattr__(name, value)

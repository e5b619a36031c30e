"""Importing an optional package, or saying which extra installs it."""

from __future__ import annotations

import importlib
from types import ModuleType

from architectures.errors import MissingExtraError


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``; raise :class:`MissingExtraError` naming ``extra`` when it is absent.

    Examples
    --------
    >>> require("numpy", "test").__name__
    'numpy'
    """
    try:
        imported = importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(
            f"reading this model needs the {module!r} package, which is not installed; "
            f"install it with: pip install 'relu-varieties[{extra}]'"
        ) from error
    if imported is None:  # a module blocked in sys.modules
        raise MissingExtraError(
            f"reading this model needs the {module!r} package, which is not available; "
            f"install it with: pip install 'relu-varieties[{extra}]'"
        )
    return imported

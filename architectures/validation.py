"""Checks at the public entry points: an argument of the wrong type or a non-finite number is refused at
the door with :class:`~architectures.errors.InvalidArgumentError`, not met as an ``AttributeError`` deep inside.

:func:`checked` wraps a function so that every argument whose annotation can be checked is checked
before the call: a class (the toolkit's, ``str``, ``Path``, numpy's) by ``isinstance``; ``int``,
``float`` (finite), ``bool`` and ``Fraction`` (any exact rational, or text for ``to_fraction``) by value;
``np.ndarray`` as a numeric array without NaN or infinity; ``Callable[...]`` by ``callable``; ``Sequence[X]``, ``tuple[X, ...]``,
fixed tuples and unions of these entry by entry. Anything else (``Any``, a name only imported for type
checkers) is left to the function's own checks. :func:`check_public_api` applies it to a package's
``__all__``; the functions inside the package call each other unwrapped, so the checks cost nothing there.
"""

from __future__ import annotations

import collections.abc
import functools
import inspect
import math
import numbers
import sys
import types
import typing
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from architectures.errors import InvalidArgumentError, ReluVarietiesError

#: Packages whose classes are checked by ``isinstance`` when they annotate an argument.
PROJECT_PACKAGES = ("architectures", "varieties", "implicitize", "distributions")


def checked(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with its annotated arguments checked first (see the module docstring).

    Examples
    --------
    >>> @checked
    ... def scale(factor: float, times: int = 1) -> float:
    ...     return factor * times
    >>> scale(0.5, 3)
    1.5
    >>> scale(float("nan"))
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidArgumentError: scale: argument 'factor' is nan (float, not a finite number); expected float
    >>> scale("2")
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidArgumentError: scale: argument 'factor' is '2' (str, not a number); expected float
    """
    checks = _argument_checks(function)
    if not checks:
        return function
    signature = inspect.signature(function)
    name = function.__qualname__

    def check(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as error:
            raise InvalidArgumentError(f"{name}: {error}; see help({name})") from None
        for argument, (test, expected) in checks.items():
            if argument in bound.arguments:
                _check_value(name, argument, bound.arguments[argument], test, expected)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        check(args, kwargs)
        return function(*args, **kwargs)

    return wrapper


def check_public_api(namespace: dict[str, Any], names: list[str]) -> None:
    """Replace each public function in ``namespace`` (a package's globals) by its :func:`checked` form.

    Classes are left alone (their constructors check their own arguments), and so are constants."""
    for name in names:
        value = namespace.get(name)
        if inspect.isfunction(value):
            namespace[name] = checked(value)


def _argument_checks(function: Callable[..., Any]) -> dict[str, tuple[Check, str]]:
    """For each argument whose annotation can be checked: its check and how to name what it expects."""
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return {}
    module = sys.modules.get(getattr(function, "__module__", ""), None)
    namespace = dict(vars(module)) if module is not None else {}
    checks = {}
    for parameter in parameters.values():
        if parameter.name == "self" or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        found = _checker(_resolve(parameter.annotation, namespace))
        if found is not None:
            checks[parameter.name] = found
    return checks


def _resolve(annotation: Any, namespace: dict[str, Any]) -> Any:
    if isinstance(annotation, str):
        for names in (namespace, {**_project_classes(), **namespace}):  # the second: names imported for type checkers
            try:
                value = eval(annotation, names)  # noqa: S307 - the module's own annotation text
                return _resolve(value, names) if isinstance(value, str) and value != annotation else value
            except Exception:  # noqa: BLE001 - not resolvable here: try the next, else leave unchecked
                continue
        return inspect.Parameter.empty
    return annotation


def _project_classes() -> dict[str, type]:
    """Classes defined in the toolkit's loaded modules, by name (for annotations of ``TYPE_CHECKING`` imports)."""
    classes: dict[str, type] = {}
    for module_name, module in list(sys.modules.items()):
        if module is None or module_name.split(".")[0] not in PROJECT_PACKAGES:
            continue
        for value in list(vars(module).values()):
            if isinstance(value, type) and value.__module__ == module_name:
                classes.setdefault(value.__name__, value)
    return classes


#: A check of one value: ``None`` when it fits, else why not (a short phrase).
Check = Callable[[Any], "str | None"]


def _checker(annotation: Any) -> tuple[Check, str] | None:
    """The check an annotation implies and its name, or None when some part of it cannot be checked."""
    if annotation is inspect.Parameter.empty:  # no annotation, or one naming what is not importable here
        return None
    if annotation is None or annotation is type(None):
        return (lambda value: None if value is None else "not None"), "None"
    origin = typing.get_origin(annotation)
    if isinstance(annotation, types.UnionType) or origin is typing.Union:
        parts = [_checker(part) for part in typing.get_args(annotation)]
        if not all(parts):
            return None
        checks = [part[0] for part in parts if part is not None]

        def union(value: Any) -> str | None:
            reasons = [check(value) for check in checks]
            if any(reason is None for reason in reasons):
                return None
            return next((r for r in reasons if r is not None and r != "not None"), "of the wrong type")

        return union, " or ".join(part[1] for part in parts if part is not None)
    arguments = typing.get_args(annotation)
    if origin in (collections.abc.Sequence, list) or (
        origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis
    ):
        item = _checker(typing.get_args(annotation)[0]) if typing.get_args(annotation) else None
        if item is None:
            return None
        return _sequence_check(item[0]), f"a sequence of {item[1]}"
    if origin is tuple and Ellipsis not in typing.get_args(annotation):
        items = [_checker(item) for item in typing.get_args(annotation)]
        if not items or not all(items):
            return None
        return _fixed_tuple_check(
            [item[0] for item in items if item is not None]
        ), f"a tuple ({', '.join(item[1] for item in items if item is not None)})"
    if origin is collections.abc.Callable:  # a callback such as ``progress``: its arguments are its own business
        return (lambda value: None if callable(value) else "not callable"), "a function"
    if annotation is Any:
        return (lambda value: None), "anything"
    if annotation is Fraction:  # what to_fraction reads: rationals, exact text such as "1/3", sympy and flint
        return (
            lambda value: (
                None
                if isinstance(value, (numbers.Rational, str))
                and not isinstance(value, bool)
                or (hasattr(value, "p") and hasattr(value, "q"))
                else "not an exact rational"
            )
        ), "Fraction"
    if annotation is float:
        return _float_check, "float"
    if annotation is int:
        return (
            lambda value: (
                None if isinstance(value, numbers.Integral) and not isinstance(value, bool) else "not an integer"
            )
        ), "int"
    if annotation is bool:
        return (lambda value: None if isinstance(value, (bool, np.bool_)) else "not a boolean"), "bool"
    if annotation is np.ndarray:
        return _array_check, "a numeric array"
    if isinstance(annotation, type) and origin is None and not issubclass(annotation, BaseException):
        return (lambda value: None if isinstance(value, annotation) else "of the wrong type"), annotation.__name__
    return None


def _float_check(value: Any) -> str | None:
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        return "not a number"
    return None if math.isfinite(float(value)) else "not a finite number"


def _sequence_check(item: Check) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, (str, bytes)) or not isinstance(value, (collections.abc.Sequence, np.ndarray)):
            return "not a sequence"
        for index, entry in enumerate(value):
            reason = item(entry)
            if reason is not None:
                return f"entry {index} is {_shown(entry)}, {reason}"
        return None

    return check


def _fixed_tuple_check(items: list[Check]) -> Check:
    def check(value: Any) -> str | None:
        if (
            isinstance(value, (str, bytes))
            or not isinstance(value, collections.abc.Sequence)
            or len(value) != len(items)
        ):
            return f"not a sequence of {len(items)} entries"
        return next((reason for item, entry in zip(items, value) if (reason := item(entry)) is not None), None)

    return check


def _array_check(value: Any) -> str | None:
    if isinstance(value, (str, bytes)) or not isinstance(value, (np.ndarray, collections.abc.Sequence)):
        return "not an array"
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        return "not a rectangular array of numbers"
    if array.dtype.kind in "iub":
        return None
    if array.dtype.kind == "O":  # exact integers or rationals beyond int64: checked by the function itself
        return (
            None
            if all(isinstance(x, numbers.Rational) and not isinstance(x, bool) for x in array.flat)
            else "not an array of numbers"
        )
    if array.dtype.kind not in "f":
        return "not an array of numbers"
    return None if np.isfinite(array).all() else "not finite everywhere"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_value(function: str, argument: str, value: Any, check: Check, expected: str) -> None:
    reason = check(value)
    if reason is not None:
        raise InvalidArgumentError(
            f"{function}: argument {argument!r} is {_shown(value)} "
            f"({type(value).__name__}, {reason}); expected {expected}"
        )


__all__ = ["InvalidArgumentError", "PROJECT_PACKAGES", "ReluVarietiesError", "check_public_api", "checked"]

"""The implicitization engine: from a variety's parametrisation to the ideal of its closure."""
from implicitize.engine import implicitize
from implicitize.ideal import IdealResult

__all__ = ["IdealResult", "implicitize"]

"""The implicitization engine: from a variety's parametrisation to the ideal of its closure."""
from implicitize.engine import implicitize
from implicitize.export.registry import FORMATS, export, write_export
from implicitize.export.json import load_json
from implicitize.ideal import IdealResult
from implicitize.backends.elimination import eliminate
from implicitize.backends.ideal_ops import hilbert_function, ideal_contains, ideals_equal

__all__ = ["FORMATS", "IdealResult", "eliminate", "export", "hilbert_function", "ideal_contains", "ideals_equal",
           "implicitize", "load_json", "write_export"]

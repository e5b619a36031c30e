"""The implicitization engine: from a variety's parametrisation to the ideal of its closure."""
from implicitize.engine import implicitize
from implicitize.export import FORMATS, export, write_export
from implicitize.export_json import load_json
from implicitize.ideal import IdealResult
from implicitize.elimination import eliminate
from implicitize.ideal_ops import hilbert_function, ideal_contains, ideals_equal

__all__ = ["FORMATS", "IdealResult", "eliminate", "export", "hilbert_function", "ideal_contains", "ideals_equal",
           "implicitize", "load_json", "write_export"]

from architectures.validation import check_public_api as _check_public_api  # noqa: E402 - after the names it wraps

_check_public_api(globals(), __all__)

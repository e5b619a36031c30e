"""The implicitization engine: from a variety's parametrisation to the ideal of its closure."""
from implicitize.engine import implicitize
from implicitize.export import FORMATS, export, write_export
from implicitize.export_json import load_json
from implicitize.ideal import IdealResult

__all__ = ["FORMATS", "IdealResult", "export", "implicitize", "load_json", "write_export"]

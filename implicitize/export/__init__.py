"""Exporters: a computed ideal written in another system's syntax, one module per format.

``registry`` dispatches by format name (``export(result, "smtlib")``) and writes files; the
formats are ``smtlib`` (z3/cvc5), ``macaulay2``, ``singular``, ``json`` (with its loader),
``latex``, ``vnnlib`` (VNN-LIB 2.0 properties), ``vnncomp`` (a verification bundle) and ``onnx``
(networks as ONNX graphs, with ``polynomial_heads``). ``base`` holds what every exporter shares,
``queries`` and ``region_constraints`` the exact constraints they write, ``reserved_names`` the
names each target reserves.

Public API: ``FORMATS``, ``SUFFIXES``, ``export``, ``write_export``, ``check_output_path``,
``export_smtlib``, ``export_macaulay2``, ``export_singular``, ``export_json``, ``load_json``,
``export_latex``, ``variety_bundle``, ``network_bundle``, ``network_model``, ``family_model``,
``head_model``, ``Query``, ``LinearConstraint``, ``point_query``, ``REALISABLE``, ``region_system``.
"""

from typing import TYPE_CHECKING

from architectures.lazy_imports import lazy_exports

# ruff: noqa: F401 - the imports below are the public API, re-exported on first use (architectures.lazy_imports)
if TYPE_CHECKING:
    from implicitize.export.json import export_json, load_json
    from implicitize.export.latex import export_latex
    from implicitize.export.macaulay2 import export_macaulay2
    from implicitize.export.onnx import family_model, network_model
    from implicitize.export.polynomial_heads import head_model
    from implicitize.export.queries import REALISABLE, LinearConstraint, Query, point_query
    from implicitize.export.region_constraints import region_system
    from implicitize.export.registry import FORMATS, SUFFIXES, check_output_path, export, write_export
    from implicitize.export.singular import export_singular
    from implicitize.export.smtlib import export_smtlib
    from implicitize.export.vnncomp import network_bundle, variety_bundle

__getattr__, __dir__, __all__ = lazy_exports(__name__, __file__)

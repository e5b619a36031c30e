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
from architectures.lazy_imports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "implicitize.export.registry": ["FORMATS", "SUFFIXES", "export", "write_export", "check_output_path"],
    "implicitize.export.smtlib": ["export_smtlib"],
    "implicitize.export.macaulay2": ["export_macaulay2"],
    "implicitize.export.singular": ["export_singular"],
    "implicitize.export.json": ["export_json", "load_json"],
    "implicitize.export.latex": ["export_latex"],
    "implicitize.export.vnncomp": ["variety_bundle", "network_bundle"],
    "implicitize.export.onnx": ["network_model", "family_model"],
    "implicitize.export.polynomial_heads": ["head_model"],
    "implicitize.export.queries": ["Query", "LinearConstraint", "point_query", "REALISABLE"],
    "implicitize.export.region_constraints": ["region_system"],
})

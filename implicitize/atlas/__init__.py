"""The atlas: every small ReLU pattern variety of a fixed list of grids, computed, proved and shipped as data.

``grid`` lists the cases, ``compute`` does one, ``run`` runs a grid (resumable, a hard limit per case),
``store`` keeps the rows (SQLite while running; CSV and JSON lines when shipped under notebooks/atlas/),
``load`` reads them back (``atlas.load()`` is a pandas DataFrame).
"""

from implicitize.atlas.grid import GRID_ORDER, GRIDS, AtlasCase, grid_cases
from implicitize.atlas.load import ideals, load, polynomials, rows

__all__ = ["GRIDS", "GRID_ORDER", "AtlasCase", "grid_cases", "ideals", "load", "polynomials", "rows"]

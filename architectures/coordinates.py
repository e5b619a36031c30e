"""The coordinates of a parametrisation as records: what each coordinate is, not only its name.

A pattern variety's coordinate ``m_k_i_j`` is entry (i, j) of the affine map on block k
(:class:`MapEntry`); an output variety's ``y_i_j`` is output i at data point j (:class:`OutputEntry`).
The parametrisation builds them once, with the names; code that needs a coordinate's block or row
reads the record instead of parsing the name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MapEntry:
    """Entry (``row``, ``column``) of the affine map on pattern block ``block``; with biases column n_0 is
    the constant term.

    Examples
    --------
    >>> MapEntry(1, 0, 2).name
    'm_1_0_2'
    """

    block: int
    row: int
    column: int

    @property
    def name(self) -> str:
        return f"m_{self.block}_{self.row}_{self.column}"


@dataclass(frozen=True)
class OutputEntry:
    """Output ``output`` of the network at data point ``point``.

    Examples
    --------
    >>> OutputEntry(0, 3).name
    'y_0_3'
    """

    output: int
    point: int

    @property
    def name(self) -> str:
        return f"y_{self.output}_{self.point}"


#: One coordinate of a parametrisation.
Coordinate = MapEntry | OutputEntry

"""The mathematical objects: output and pattern varieties, rank constraints and dimensions."""
from varieties.dimension import DimensionResult, ExpectedDimension, dimension, expected_dimension, is_defective
from varieties.minors import minor_count, minors
from varieties.rank import RankFamily, rank_constraints
from varieties.variety import OutputVariety, PatternVariety, Variety, variety_from_spec

__all__ = [
    "DimensionResult", "ExpectedDimension", "OutputVariety", "PatternVariety", "RankFamily", "Variety",
    "dimension", "expected_dimension", "is_defective", "minor_count", "minors", "rank_constraints",
    "variety_from_spec",
]

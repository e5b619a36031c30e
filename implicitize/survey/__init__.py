"""Conjecture surveys: one check on every pattern tuple of an architecture up to symmetry.

``run`` plans a survey (the cases, their settings) and runs it in parallel, resumably;
``database`` is the SQLite file of results; ``report`` summarises and plots it.

Public API: ``CHECKS``, ``SurveyPlan``, ``plan_survey``, ``SurveyRun``, ``run_survey``,
``SurveyDatabase``, ``SurveyRow``, ``SurveySummary``, ``summarise``, ``format_table``,
``format_defective``, ``plot_survey``.
"""

from typing import TYPE_CHECKING

from architectures.lazy_imports import lazy_exports

# ruff: noqa: F401 - the imports below are the public API, re-exported on first use (architectures.lazy_imports)
if TYPE_CHECKING:
    from implicitize.survey.database import SurveyDatabase, SurveyRow
    from implicitize.survey.report import SurveySummary, format_defective, format_table, plot_survey, summarise
    from implicitize.survey.run import CHECKS, SurveyPlan, SurveyRun, plan_survey, run_survey

__getattr__, __dir__, __all__ = lazy_exports(__name__, __file__)

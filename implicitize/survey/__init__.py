"""Conjecture surveys: one check on every pattern tuple of an architecture up to symmetry.

``run`` plans a survey (the cases, their settings) and runs it in parallel, resumably;
``database`` is the SQLite file of results; ``report`` summarises and plots it.

Public API: ``CHECKS``, ``SurveyPlan``, ``plan_survey``, ``SurveyRun``, ``run_survey``,
``SurveyDatabase``, ``SurveyRow``, ``SurveySummary``, ``summarise``, ``format_table``,
``format_defective``, ``plot_survey``.
"""
from architectures.lazy_imports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "implicitize.survey.run": ["CHECKS", "SurveyPlan", "plan_survey", "SurveyRun", "run_survey"],
    "implicitize.survey.database": ["SurveyDatabase", "SurveyRow"],
    "implicitize.survey.report": ["SurveySummary", "summarise", "format_table", "format_defective", "plot_survey"],
})

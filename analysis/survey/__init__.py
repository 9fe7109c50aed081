"""A training community's own survey of its members: reading it, grouping the members, and measuring resilience.

The study behind pasarkerja asked community members their income by questionnaire and judged whether they reach
individual economic resilience by holding that income against three yardsticks: the World Bank international
poverty lines, the BPS poverty line (Garis Kemiskinan, per person and per poor household) and the regional minimum
wage (UMK). This package does the same for a community's own CSV file; the columns, and how every number below is
computed, are documented for coordinators in docs/survey.md (a template and an invented example are in
examples/survey/).

- reading.py: `read_survey` reads the file. Coordinators fill it in by hand, so one bad value must not stop the
  analysis: each becomes a one-line problem naming the row (numbered as a spreadsheet numbers it, every line
  counted) and the column, that row is left out, and the good rows are analysed. Only a file that cannot be read, or
  that lacks a required column, raises `SurveyError`.
- groups.py: `SurveyClusters` groups members by k-means on their income per household member, household size,
  experience and employment status, and describes each group.
- resilience.py: `ResilienceIndicators` gives, for each yardstick, the share of members whose income reaches it,
  overall and per group, comparing like with like: per-person lines with income per household member, and household
  income with the per-person line times the member's household size (BPS's method). The yardsticks are those of
  analysis/yardsticks.py for the community's region, in force on the 15th of the chosen month.
- result.py: `analyse_survey` does all three and returns a `SurveyResult` (text for the terminal, or JSON);
  `run_survey` is the ``pasarkerja survey`` command's output as one string.

The household size is optional. Where a member gives none, the output says what was done instead: the member is
left out of the per-person indicators, held to the BPS line per poor household of average size, and grouped as if
the household had the median size.

Member rows hold income, so the output never names a member: only counts, shares and medians.

What the HTML report shows from here follows the current language (analysis/language.py): what each indicator
compares (`Indicator.compares`) and the yardsticks' ``used`` (analysis/yardsticks.py) are Indonesian by default and
English inside ``language("en")``; the rest of the terminal text is for analysts, in English.
"""

from analysis.survey.groups import PROFILE_COLUMNS, SurveyClusters, grouping_sizes, survey_features
from analysis.survey.reading import (
    COLUMNS,
    EMPLOYMENT_STATUSES,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    SurveyError,
    SurveyReading,
    read_survey,
)
from analysis.survey.resilience import (
    INDICATOR_COLUMNS,
    INDICATORS,
    Indicator,
    ResilienceIndicators,
    average_poor_household_size,
    figures_for,
    period_day,
)
from analysis.survey.result import SurveyResult, analyse_survey, run_survey

__all__ = [
    "COLUMNS",
    "EMPLOYMENT_STATUSES",
    "INDICATORS",
    "INDICATOR_COLUMNS",
    "OPTIONAL_COLUMNS",
    "PROFILE_COLUMNS",
    "REQUIRED_COLUMNS",
    "Indicator",
    "ResilienceIndicators",
    "SurveyClusters",
    "SurveyError",
    "SurveyReading",
    "SurveyResult",
    "analyse_survey",
    "average_poor_household_size",
    "figures_for",
    "grouping_sizes",
    "period_day",
    "read_survey",
    "run_survey",
    "survey_features",
]

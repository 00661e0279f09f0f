"""The indicators of a year (DOMAIN.md §3): declared once in `catalog`, computed in `compute`, the record
lists behind them in `records`.

Pages, commands, PDFs and returns read figures from here; nothing else computes one.
"""

from .catalog import BY_CODE, INDICATORS, Indicator
from .compute import (
    COVERAGE_CODES,
    AreaRow,
    Value,
    YearIndicators,
    as_of,
    compute,
    coverage,
    forget,
    gap_units,
    record_units,
)
from .format import change, shown
from .records import (
    areas_without_studio,
    honor_counts,
    kind_gap_units,
    participation_records,
    units_by_kind,
    year_studios,
    year_trades,
)

__all__ = ["BY_CODE", "COVERAGE_CODES", "INDICATORS", "AreaRow", "Indicator", "Value", "YearIndicators",
           "areas_without_studio", "as_of", "change", "compute", "coverage", "forget", "gap_units", "honor_counts",
           "kind_gap_units", "participation_records", "record_units", "shown", "units_by_kind", "year_studios",
           "year_trades"]

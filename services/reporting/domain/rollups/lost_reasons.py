"""Lost reasons from month rollups.

One pipeline's month keeps, per team, the deals lost in the month (and lost still) counted by
stage lost from, owner then, source and reason key; names are looked up when the report is
asked for, so a renamed reason or stage shows at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.lost_reasons import (
    LossKey,
    LostReasonsReport,
    loss_key,
    report_from_counts,
)
from services.reporting.domain.rollups.months import Month, Window, as_window, in_scope
from services.reporting.domain.view import OpportunityView


@dataclass
class LostReasonsMonth:
    """One pipeline's figures for one month, kept per team (team None allowed)."""

    teams: dict[str | None, Counter[LossKey]] = field(default_factory=dict)

    @classmethod
    def of(cls, views: Iterable[OpportunityView], month: Month | Window) -> LostReasonsMonth:
        """``views``: the pipeline's opportunities that touch ``month`` (a superset is fine)."""
        window = as_window(month)
        part = cls()
        for view in views:
            key = loss_key(view)
            if key is not None and view.closed_at is not None and window.holds(view.closed_at):
                part.teams.setdefault(view.team, Counter())[key] += 1
        return part

    def to_json(self) -> Any:
        return [[team, [[*key, n] for key, n in counts.items()]] for team, counts in self.teams.items()]

    @classmethod
    def from_json(cls, data: Any) -> LostReasonsMonth:
        return cls({team: Counter({tuple(row[:5]): row[5] for row in rows}) for team, rows in data})


def lost_reasons_moments_of(view: OpportunityView) -> set[datetime]:
    """When it was lost, while it stays lost."""
    if view.loss is None or view.closed_at is None:
        return set()
    return {view.closed_at}


def lost_reasons_from_months(
    months: Iterable[tuple[Month, str, LostReasonsMonth]], catalog: Catalog, flt: ReportFilter
) -> LostReasonsReport:
    """Exactly what ``lost_reasons`` gives for the same period."""
    counts: Counter[LossKey] = Counter()
    for _, figures in in_scope(months, flt):
        counts.update(figures)
    return report_from_counts(counts, catalog)

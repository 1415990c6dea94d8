"""Small helpers the reports share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.stats import mean_seconds
from services.reporting.domain.view import OpportunityView

RATE = Decimal("0.0001")


def ratio(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """part / whole to four places (a win rate of 0.6667), or None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(RATE, rounding=ROUND_HALF_EVEN)


def average_cycle(views: Iterable[OpportunityView]) -> int | None:
    cycles = [v.cycle_seconds for v in views if v.cycle_seconds is not None]
    return mean_seconds(cycles) if cycles else None


@dataclass(frozen=True)
class MoneyAmount:
    currency: str
    amount: Decimal


def money_lines(totals: dict[str, Decimal]) -> tuple[MoneyAmount, ...]:
    return tuple(MoneyAmount(currency, amount) for currency, amount in sorted(totals.items()))


def reached(view: OpportunityView, stage_position: int, catalog: Catalog) -> bool:
    """Whether the opportunity got as far as the open stage at ``stage_position``: it visited that
    stage or a later one, or it was won (a win passes every open stage)."""
    return reached_by(view.won, view.reached_stages, view.pipeline_id, stage_position, catalog)


def reached_by(
    won: bool, stage_keys: Iterable[str], pipeline_id: str, stage_position: int, catalog: Catalog
) -> bool:
    """``reached`` from just the facts it needs, as month rollups keep them for many opportunities
    at once (the stages are looked up at report time: the catalog may change after a rollup)."""
    if won:
        return True
    for key in stage_keys:
        stage = catalog.stage(pipeline_id, key)
        if stage is not None and stage.kind == "OPEN" and stage.position >= stage_position:
            return True
    return False

"""Seeded random opportunity read models, and the month rollups a projection would keep of them.

The catalog is the one of tests/integration/reporting/histories.py (two pipelines, reps in two
teams, priced lead sources). The views vary the way real histories do: handovers to other reps
and back, close dates that slip and that are pulled in, teams set and missing, TWD and USD, open,
won, lost and reopened, stays crossing month boundaries, and moments exactly on a month's or a
quarter hour's first instant (where an off-by-one month or block would show).
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any, Protocol, TypeVar

from contracts.events.catalog import PipelineSnapshot
from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion
from services.reporting.domain.rollups.kinds import RollupKind
from services.reporting.domain.rollups.months import Month, month_of, month_start, next_month, period_pieces
from services.reporting.domain.view import CloseDateChange, Loss, OpportunityView, Ownership, StageVisit
from tests.support.histories import NOW, PIPELINES, SOURCES, USERS

CATALOG = Catalog({p.id: p for p in PIPELINES}, {s.id: s for s in SOURCES}, {u.id: u for u in USERS})
TODAY = NOW.date()
FIRST = datetime(2025, 7, 1, tzinfo=UTC)
# A pipeline the catalog no longer knows (deleted after its opportunities were made): reports still
# show its opportunities, under its id.
ARCHIVED = PIPELINES[0].model_copy(update={"id": "p-archived"})
# Whole-month periods a manager asks for, and the pipeline/team scopes and currencies to try.
PERIODS: dict[str, tuple[datetime | None, datetime | None]] = {
    "one month": (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)),
    "a quarter": (datetime(2026, 4, 1, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC)),
    "across a year end": (datetime(2025, 12, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)),
    "open start": (None, datetime(2026, 6, 1, tzinfo=UTC)),
    "open end": (datetime(2026, 9, 1, tzinfo=UTC), None),
    "both open": (None, None),
}
SCOPES: dict[str, tuple[str | None, str | None]] = {
    "all": (None, None),
    "pipeline": ("p-software", None),
    "team": (None, "north"),
    "pipeline and team": ("p-parts", "south"),
}
CONVERSIONS = {
    "per currency": Conversion(),
    "into TWD": Conversion("TWD", {"USD": Decimal("31.47")}),
    "into USD": Conversion("USD", {"TWD": Decimal("0.0318")}),
    "into EUR, no TWD rate": Conversion("EUR", {"USD": Decimal("0.9213")}),
}
SOURCE_IDS: list[str | None] = [*(s.id for s in SOURCES), None, "s-gone"]
DAY = 86400
LOST_REASONS = ["price", "competitor", "timing", "other"]


def _later(rng: random.Random, after: datetime, max_days: int) -> datetime:
    """A moment after ``after``: sometimes the first instant of the next month, else a random one
    (to the microsecond half the time)."""
    if rng.random() < 0.12:
        return month_start(next_month(month_of(after)))
    micro = rng.randrange(1_000_000) if rng.random() < 0.5 else 0
    return after + timedelta(seconds=rng.randrange(60, max_days * DAY), microseconds=micro)


def _created(rng: random.Random) -> datetime:
    """Sometimes on a month's first instant, sometimes on a quarter hour's (where the blocks a
    rollup keeps start), else at any second."""
    created = FIRST + timedelta(seconds=rng.randrange(int((NOW - FIRST).total_seconds())))
    roll = rng.random()
    if roll < 0.1:
        return month_start(month_of(created))
    return created - (created - FIRST) % timedelta(minutes=15) if roll < 0.2 else created


def _pipeline(rng: random.Random) -> PipelineSnapshot:
    roll = rng.random()
    return ARCHIVED if roll < 0.04 else PIPELINES[0] if roll < 0.6 else PIPELINES[1]


def _owners(rng: random.Random, created: datetime, last: datetime) -> tuple[Ownership, ...]:
    """Handovers at random moments, to another rep or back to the one before."""
    owner = rng.choice(USERS).id
    periods = [Ownership(owner, created, None)]
    at = created
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        at = _later(rng, at, 60)
        if at >= last:
            break
        previous = periods[-2].owner_id if len(periods) > 1 else None
        others = [u.id for u in USERS if u.id != periods[-1].owner_id]
        new = previous if previous and rng.random() < 0.4 else rng.choice(others)
        periods[-1] = Ownership(periods[-1].owner_id, periods[-1].start, at)
        periods.append(Ownership(new, at, None))
    return tuple(periods)


def _owner_at(ownership: tuple[Ownership, ...], moment: datetime) -> str:
    return [p for p in ownership if p.start <= moment][-1].owner_id


def _close_date_changes(
    rng: random.Random, created: datetime, last: datetime
) -> tuple[tuple[CloseDateChange, ...], date]:
    expected = (created + timedelta(days=rng.randrange(20, 200))).date()
    changes = []
    at = created
    for _ in range(rng.choice([0, 0, 1, 2, 3])):
        at = _later(rng, at, 50)
        if at >= last:
            break
        new = expected + timedelta(days=rng.choice([-40, -12, -1, 1, 9, 30, 61]))
        changes.append(CloseDateChange(at, expected, new))
        expected = new
    return tuple(changes), expected


def random_view(rng: random.Random, number: int) -> OpportunityView:
    pipeline = _pipeline(rng)
    open_keys = [s.key for s in sorted(pipeline.stages, key=lambda s: s.position) if s.kind == "OPEN"]
    created = _created(rng)
    # An imported deal is created already won or lost: closed at the instant it was created.
    imported = rng.random() < 0.06
    # The stage walk: mostly forward, sometimes back; each stay ends at a move.
    index, entered = 0, created
    moves: list[tuple[str, datetime, datetime]] = []
    for _ in range(0 if imported else rng.randrange(0, 7)):
        left = _later(rng, entered, 40)
        if left >= NOW:
            break
        moves.append((open_keys[index], entered, left))
        step = rng.choice([1, 1, 1, -1]) if 0 < index < len(open_keys) - 1 else (1 if index == 0 else -1)
        index, entered = max(0, min(len(open_keys) - 1, index + step)), left
    stage_key, status, closed_at = open_keys[index], "OPEN", None
    lost_from = stage_key
    decided = created if imported else _later(rng, entered, 30)
    if imported or (decided < NOW and rng.random() < (0.85 if created < NOW - timedelta(days=180) else 0.5)):
        status = rng.choice(["WON", "LOST"])
        lost_from = stage_key
        moves.append((stage_key, entered, decided))
        stage_key, entered, closed_at = status.lower(), decided, decided
        reopened = _later(rng, decided, 20)
        if reopened < NOW and rng.random() < 0.1:  # reopened: the closed stage's stay is a visit too
            moves.append((stage_key, entered, reopened))
            stage_key, entered, status, closed_at = rng.choice(open_keys), reopened, "OPEN", None
    last = closed_at or NOW
    ownership = _owners(rng, created, last)
    if closed_at is not None:
        final = ownership[-1]
        ownership = (*ownership[:-1], Ownership(final.owner_id, final.start, closed_at))
    visits = tuple(
        StageVisit(key, left - timedelta(seconds=int((left - start).total_seconds())), left,
                   int((left - start).total_seconds()), _owner_at(ownership, left))
        for key, start, left in moves
    )  # fmt: skip
    changes, expected = _close_date_changes(rng, created, last)
    owner = ownership[-1].owner_id
    owner_team = next(u.team for u in USERS if u.id == owner)
    return OpportunityView(
        id=f"opp-{number:05d}", title=f"Deal {number}", customer_name=f"Customer {number % 17}",
        pipeline_id=pipeline.id, team=owner_team if rng.random() < 0.8 else None, owner_id=owner,
        status=status, stage_key=stage_key, stage_entered_at=entered, probability=rng.randrange(0, 101),
        amount=Decimal(rng.randrange(1_000, 9_000_000)) / 100, currency=rng.choice(["TWD", "USD"]),
        expected_close_date=expected, source_id=rng.choice(SOURCE_IDS), difficulty=Decimal("1.25"),
        is_new_customer=rng.random() < 0.4, is_new_product=rng.random() < 0.3, created_at=created,
        closed_at=closed_at, sequence=len(visits) + len(changes) + len(ownership),
        visits=visits, ownership=ownership, close_date_changes=changes,
        reached_stages=frozenset(v.stage_key for v in visits) | {stage_key},
        # The reason is picked from the number, not the generator, so the rest stays as it was.
        loss=Loss(LOST_REASONS[number % len(LOST_REASONS)], None, lost_from, owner) if status == "LOST" else None,
        **_win_fields(number, status),
    )  # fmt: skip


PRODUCT_LINES = ("Valves", "Pumps", "Sensors")
SEGMENTS = (None, "SMB", "MID_MARKET", "ENTERPRISE")


def _win_fields(number: int, status: str) -> dict[str, Any]:
    """What the policy's rules read, picked from the number (the generator's stream stays as it
    was): most wins carry derived facts, some a manager's figure, some none (recorded before)."""
    lines = PRODUCT_LINES[number % 3 :][: 1 + number % 2]
    won = status == "WON"
    return {
        "line_revenue": tuple((line, Decimal(100 + number % 7)) for line in lines),
        "win_facts": won and number % 6 != 0,
        "difficulty_by_manager": number % 5 == 0,
        "account_segment": SEGMENTS[number % 4] if won else None,
        "launch_age_days": (number * 7) % 90 if won and number % 4 != 1 else None,
    }


def random_views(seed: int, count: int = 300) -> list[OpportunityView]:
    rng = random.Random(seed)
    return [random_view(rng, n) for n in range(count)]


class MonthPartial(Protocol):
    def to_json(self) -> Any: ...


P = TypeVar("P", bound=MonthPartial)


def _assert_no_floats(data: Any) -> None:
    assert not isinstance(data, float), "rollups keep exact figures: no floats"
    if isinstance(data, dict):
        for value in data.values():
            _assert_no_floats(value)
    elif isinstance(data, list):
        for item in data:
            _assert_no_floats(item)


def stored(partial: P, from_json: Callable[[Any], P]) -> P:
    """The partial after a trip through the JSON it is stored as."""
    data = json.loads(json.dumps(partial.to_json()))
    _assert_no_floats(data)
    return from_json(data)


def month_partials(
    views: Iterable[OpportunityView],
    moments_of: Callable[[OpportunityView], set[datetime]],
    of: Callable[[Iterable[OpportunityView], Month], P],
    from_json: Callable[[Any], P],
) -> list[tuple[Month, str, P]]:
    """What a projection keeps: per (month, pipeline), the partial of the opportunities that
    count in that month, as read back from storage."""
    groups: dict[tuple[Month, str], list[OpportunityView]] = defaultdict(list)
    for view in views:
        for month in {month_of(moment) for moment in moments_of(view)}:
            groups[(month, view.pipeline_id)].append(view)
    return [
        (month, pipeline_id, stored(of(group, month), from_json))
        for (month, pipeline_id), group in sorted(groups.items())
    ]


def within(
    months: list[tuple[Month, str, P]], read: tuple[Month | None, Month | None]
) -> list[tuple[Month, str, P]]:
    """Only the months a report says it reads (first inclusive, end exclusive)."""
    first, end = read
    return [m for m in months if (first is None or m[0] >= first) and (end is None or m[0] < end)]


def whole_months_of(flt: ReportFilter, from_start: bool = False) -> tuple[Month | None, Month | None]:
    """The months a whole-month period reads from rollups, as the report use cases take them;
    ``from_start``: every month before it too (the appraisal)."""
    pieces = period_pieces(flt)
    return (None if from_start else pieces.first), pieces.end


@cache
def views_and_months(
    seed: int, kind: RollupKind[Any]
) -> tuple[list[OpportunityView], list[tuple[Month, str, Any]]]:
    """A seed's random opportunities, and one report's month partials of them as stored."""
    views = random_views(seed)
    return views, month_partials(views, kind.moments_of, kind.partial_type.of, kind.partial_type.from_json)

"""Seeded random opportunity histories, as the opportunity service would publish them.

Events are built with the contract models (the same envelopes the opportunity service's outbox
holds): catalog events for two pipelines, reps in two teams and priced lead sources, then for
each opportunity a creation followed by random moves forward and back, wins, losses, reopenings,
close-date changes, handovers and amount changes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from contracts.envelope import CloudEvent, new_event
from contracts.events._base import (
    Actor,
    Money,
    OpportunityStatus,
    Role,
    SourceCostKind,
    SourceKind,
    StageKind,
)
from contracts.events.catalog import (
    PipelineChanged,
    PipelineSnapshot,
    SourceChanged,
    SourceCost,
    SourceSnapshot,
    StageSnapshot,
    UserChanged,
    UserSnapshot,
)
from contracts.events.opportunity import (
    FieldChange,
    OpportunityCloseDateChanged,
    OpportunityCreated,
    OpportunityLost,
    OpportunityReopened,
    OpportunitySnapshot,
    OpportunityStageChanged,
    OpportunityUpdated,
    OpportunityWon,
    ProductLaunch,
    StageRef,
    WinFacts,
)

START = datetime(2026, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SYSTEM = Actor(user_id="u-admin")
SEGMENTS = (None, "SMB", "MID_MARKET", "ENTERPRISE")


def _stage(
    key: str, kind: StageKind, probability: int, position: int, rotting: int | None = None
) -> StageSnapshot:
    return StageSnapshot(key=key, name_zh=key, name_en=key.title(), kind=kind, probability=probability,
                         position=position, rotting_days=rotting)  # fmt: skip


PIPELINES = [
    PipelineSnapshot(id="p-software", name="Software", alert_days_before_close=7, version=1, is_default=True, stages=[
        _stage("discover", StageKind.OPEN, 10, 0, 30), _stage("validate", StageKind.OPEN, 20, 1),
        _stage("needs", StageKind.OPEN, 35, 2, 20), _stage("quote", StageKind.OPEN, 75, 3, 14),
        _stage("negotiation", StageKind.OPEN, 90, 4), _stage("won", StageKind.WON, 100, 5),
        _stage("lost", StageKind.LOST, 0, 6),
    ]),
    PipelineSnapshot(id="p-parts", name="Parts", alert_days_before_close=7, version=1, stages=[
        _stage("qualify", StageKind.OPEN, 25, 0, 10), _stage("sample", StageKind.OPEN, 60, 1, 21),
        _stage("won", StageKind.WON, 100, 2), _stage("lost", StageKind.LOST, 0, 3),
    ]),
]  # fmt: skip
USERS = [
    UserSnapshot(id=f"u-{i}", name=f"Rep {i}", email=f"rep{i}@example.com", role=Role.REP,
                 team="north" if i % 2 else "south", version=1)
    for i in range(1, 7)
]  # fmt: skip


def _cost(
    kind: SourceCostKind, amount: str, currency: str, starts_on: date, ends_on: date | None = None
) -> SourceCost:
    return SourceCost(kind=kind, amount=Money(amount=Decimal(amount), currency=currency), starts_on=starts_on,
                      ends_on=ends_on)  # fmt: skip


SOURCES = [
    # Single costs as earlier versions kept them: spread over the show's own days.
    SourceSnapshot(id="s-computex", name="Computex", kind=SourceKind.TRADE_SHOW, version=1,
                   starts_on=date(2026, 6, 2), ends_on=date(2026, 6, 5),
                   cost=Money(amount=Decimal("250000.00"), currency="TWD")),
    SourceSnapshot(id="s-expo", name="Smart City Expo", kind=SourceKind.EXPO, version=1,
                   starts_on=date(2026, 3, 24), ends_on=date(2026, 3, 27), costs=[
                       _cost(SourceCostKind.BOOTH_FEE, "80000.00", "TWD", date(2026, 3, 24), date(2026, 3, 27)),
                       _cost(SourceCostKind.TRAVEL, "4000.00", "USD", date(2026, 3, 23)),
                       _cost(SourceCostKind.ADS, "36000.00", "TWD", date(2026, 2, 15), date(2026, 5, 14)),
                   ]),
    SourceSnapshot(id="s-hannover", name="Hannover Messe", kind=SourceKind.OVERSEAS_EXHIBITION, version=1,
                   starts_on=date(2026, 4, 20), ends_on=date(2026, 4, 24),
                   cost=Money(amount=Decimal("18000.00"), currency="USD")),
    SourceSnapshot(id="s-web", name="Website sign-up", kind=SourceKind.ONLINE_REGISTRATION, version=1),
    SourceSnapshot(id="s-medtec", name="Medtec", kind=SourceKind.TRADE_SHOW, version=1, costs=[
        _cost(SourceCostKind.BOOTH_FEE, "6000.00", "USD", date(2026, 9, 15), date(2026, 9, 17)),
        _cost(SourceCostKind.SAMPLES, "3000.00", "USD", date(2026, 8, 31), date(2026, 9, 1)),
    ]),
]  # fmt: skip


def catalog_events() -> list[CloudEvent]:
    events = [new_event(type="pipeline.created", source="/opportunity", subject=p.id, sequence=1,
                        data=PipelineChanged(pipeline=p, by=SYSTEM)) for p in PIPELINES]  # fmt: skip
    events += [new_event(type="user.created", source="/opportunity", subject=u.id, sequence=1,
                         data=UserChanged(user=u, by=SYSTEM)) for u in USERS]  # fmt: skip
    events += [new_event(type="source.created", source="/opportunity", subject=s.id, sequence=1,
                         data=SourceChanged(source=s, by=SYSTEM)) for s in SOURCES]  # fmt: skip
    return events


@dataclass
class _Opportunity:
    rng: random.Random
    snapshot: OpportunitySnapshot
    pipeline: PipelineSnapshot
    now: datetime
    events: list[CloudEvent] = field(default_factory=list)

    def _emit(self, type: str, data: Any) -> None:
        self.events.append(new_event(type=type, source="/opportunity", subject=self.snapshot.id,
                                     sequence=self.snapshot.version, data=data, time=self.now))  # fmt: skip

    def _next(self, **changes: Any) -> OpportunitySnapshot:
        self.snapshot = self.snapshot.model_copy(
            update={"updated_at": self.now, "version": self.snapshot.version + 1, **changes}
        )
        return self.snapshot

    def _ref(self, stage: StageSnapshot) -> StageRef:
        return StageRef(key=stage.key, kind=stage.kind, name=stage.name_en)

    def move(self, to: StageSnapshot, **extra: Any) -> None:
        before = self.snapshot
        seconds = int((self.now - before.stage_entered_at).total_seconds())
        status = {StageKind.OPEN: OpportunityStatus.OPEN, StageKind.WON: OpportunityStatus.WON,
                  StageKind.LOST: OpportunityStatus.LOST}[to.kind]  # fmt: skip
        after = self._next(
            stage=self._ref(to), stage_entered_at=self.now, status=status, probability=to.probability,
            closed_at=None if to.kind == StageKind.OPEN else self.now,
            lost_reason=extra.get("reason") if to.kind == StageKind.LOST else None,
        )  # fmt: skip
        common = {"opportunity": after, "by": SYSTEM, "from_stage": before.stage, "to_stage": after.stage,
                  "moved_at": self.now, "seconds_in_previous_stage": seconds, "probability": to.probability}  # fmt: skip
        if to.kind == StageKind.WON:
            self._emit("opportunity.won", OpportunityWon(**common, facts=self._facts()))
        elif to.kind == StageKind.LOST:
            self._emit("opportunity.lost", OpportunityLost(**common, reason=extra["reason"]))
        elif before.status != OpportunityStatus.OPEN:
            self._emit("opportunity.reopened", OpportunityReopened(**common))
        else:
            self._emit("opportunity.stage_changed", OpportunityStageChanged(**common))

    def _facts(self) -> WinFacts | None:
        """Facts as the opportunity service derives them at a win, picked from the number (the
        generator's stream stays as it was); every fourth deal's won without, as before facts were."""
        number = int(self.snapshot.id.removeprefix("opp-"))
        if number % 4 == 0:
            return None
        launched = (self.now - timedelta(days=(number * 13) % 120)).date()
        return WinFacts(
            new_customer=self.snapshot.is_new_customer,
            new_product_ids=["p-erp"] if self.snapshot.is_new_product else [],
            product_launches=[
                ProductLaunch(product_id="p-erp", launch_date=launched if number % 3 else None)
            ],
            account_segment=SEGMENTS[number % len(SEGMENTS)],
        )

    def change_close_date(self, new: date) -> None:
        old = self.snapshot.expected_close_date
        after = self._next(expected_close_date=new)
        self._emit("opportunity.close_date_changed",
                   OpportunityCloseDateChanged(opportunity=after, by=SYSTEM, old=old, new=new))  # fmt: skip

    def update(self, field_name: str, value: Any) -> None:
        before = getattr(self.snapshot, field_name)
        extra = {"team": next(u.team for u in USERS if u.id == value)} if field_name == "owner_id" else {}
        after = self._next(**{field_name: value}, **extra)
        change = FieldChange(field=field_name, before=str(before), after=str(value))
        self._emit("opportunity.updated", OpportunityUpdated(opportunity=after, by=SYSTEM, changes=[change]))


def generate(count: int, seed: int = 5) -> list[CloudEvent]:
    """Every event of ``count`` opportunities (catalog events first), each opportunity in order."""
    rng = random.Random(seed)
    events = catalog_events()
    for n in range(count):
        events += _history(rng, n)
    return events


def _history(rng: random.Random, n: int) -> list[CloudEvent]:
    pipeline = rng.choice(PIPELINES)
    open_stages = [s for s in pipeline.stages if s.kind == StageKind.OPEN]
    won = next(s for s in pipeline.stages if s.kind == StageKind.WON)
    lost = next(s for s in pipeline.stages if s.kind == StageKind.LOST)
    owner = rng.choice(USERS)
    created = START + timedelta(seconds=rng.randrange(0, 280 * 86400))
    currency = rng.choice(["TWD", "TWD", "USD"])
    snapshot = OpportunitySnapshot(
        id=f"opp-{n:05d}", title=f"Deal {n}", customer_name=f"Customer {rng.randrange(60)}",
        is_new_customer=rng.random() < 0.4, products=["ERP"], is_new_product=rng.random() < 0.3,
        owner_id=owner.id, team=owner.team, pipeline_id=pipeline.id,
        stage=StageRef(key=open_stages[0].key, kind=StageKind.OPEN, name=open_stages[0].name_en),
        stage_entered_at=created, status=OpportunityStatus.OPEN, probability=open_stages[0].probability,
        value=Money(amount=Decimal(rng.randrange(1000, 5_000_000)) / 100, currency=currency),
        expected_close_date=(created + timedelta(days=rng.randrange(20, 150))).date(),
        source_id=rng.choice([s.id for s in SOURCES] + [None]),
        difficulty=rng.choice([Decimal("0.8"), Decimal("1"), Decimal("1.25"), Decimal("1.5"), Decimal("2")]),
        created_at=created, updated_at=created, version=1,
    )  # fmt: skip
    opp = _Opportunity(rng, snapshot, pipeline, created)
    opp._emit("opportunity.created", OpportunityCreated(opportunity=snapshot, by=SYSTEM))
    for _ in range(rng.randrange(0, 9)):
        opp.now += timedelta(seconds=rng.randrange(3600, 25 * 86400))
        if opp.now >= NOW:
            break
        current = opp.snapshot
        roll = rng.random()
        if current.status != OpportunityStatus.OPEN:
            if roll < 0.15:
                opp.move(rng.choice(open_stages))
                continue
            break
        position = next(i for i, s in enumerate(open_stages) if s.key == current.stage.key)
        if roll < 0.40 and position + 1 < len(open_stages):
            opp.move(open_stages[position + 1 + (rng.random() < 0.2 and position + 2 < len(open_stages))])
        elif roll < 0.48 and position > 0:
            opp.move(open_stages[position - 1])
        elif roll < 0.62:
            opp.move(won)
        elif roll < 0.72:
            opp.move(lost, reason=rng.choice(["price", "timing", "competitor"]))
        elif roll < 0.84:
            shift = rng.choice([-10, 7, 14, 30, 45])
            opp.change_close_date(current.expected_close_date + timedelta(days=shift))
        elif roll < 0.93:
            opp.update("owner_id", rng.choice([u.id for u in USERS if u.id != current.owner_id]))
        else:
            opp.update(
                "value", Money(amount=Decimal(rng.randrange(1000, 5_000_000)) / 100, currency=currency)
            )
    return opp.events

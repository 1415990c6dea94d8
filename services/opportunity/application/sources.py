"""Lead-source administration (admins only): publishes ``source.created`` and ``source.updated``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from servicekit.identity import Identity
from services.opportunity.application import events
from services.opportunity.application.access import require_admin
from services.opportunity.application.ports import Ports
from services.opportunity.domain import source as rules
from services.opportunity.domain.errors import Conflict, InvalidInput, NotFound
from services.opportunity.domain.money import Money
from services.opportunity.domain.source import Source, SourceCost, SourceCostKind, SourceKind


@dataclass(frozen=True)
class CostFields:
    kind: SourceCostKind
    amount: str
    currency: str
    starts_on: date
    ends_on: date | None = None


def _costs(costs: tuple[CostFields, ...] | None) -> tuple[SourceCost, ...] | None:
    """The entries, each checked; an error names the entry (``costs[2].currency``)."""
    if costs is None:
        return None
    checked = []
    for index, cost in enumerate(costs):
        try:
            money = Money.of(cost.amount, cost.currency)
        except InvalidInput as exc:  # UnknownCurrency too, keeping its code
            raise type(exc)(f"costs[{index}].{exc.field}", exc.message) from None
        checked.append(SourceCost(cost.kind, money, cost.starts_on, cost.ends_on))
    return tuple(checked)


@dataclass(frozen=True)
class SourceFields:
    name: str | None = None
    kind: SourceKind | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    cost_amount: str | None = None
    cost_currency: str | None = None
    costs: tuple[CostFields, ...] | None = None
    """Every dated cost (replacing those kept); None keeps them."""

    def cost(self) -> Money | None:
        if self.cost_amount is None and self.cost_currency is None:
            return None
        return Money.of(self.cost_amount or "0", self.cost_currency or "", field="costAmount")


async def create_source(fields: SourceFields, identity: Identity, ports: Ports) -> Source:
    require_admin(identity, "manage lead sources")
    source = rules.new_source(
        id=ports.new_id(), name=fields.name or "", kind=fields.kind or SourceKind.OTHER, now=ports.clock(),
        starts_on=fields.starts_on, ends_on=fields.ends_on, cost=fields.cost(), costs=_costs(fields.costs) or (),
    )  # fmt: skip
    await ports.sources.add(source, [events.source_changed("source.created", source, identity)])
    return source


async def update_source(
    id: str, expected_version: int, fields: SourceFields, identity: Identity, ports: Ports
) -> Source:
    require_admin(identity, "manage lead sources")
    source = await ports.sources.get(id)
    if source is None:
        raise NotFound(f"No lead source {id!r}.", {"id": id})
    if source.version != expected_version:
        raise Conflict(f"The source is at version {source.version}, not {expected_version}; reload it.")
    after = rules.change_source(
        source, ports.clock(), name=fields.name, kind=fields.kind, starts_on=fields.starts_on,
        ends_on=fields.ends_on, cost=fields.cost(), costs=_costs(fields.costs),
    )  # fmt: skip
    await ports.sources.save(
        after, expected_version, [events.source_changed("source.updated", after, identity)]
    )
    return after

"""Lead-source administration (admins only): publishes ``source.created`` and ``source.updated``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from servicekit.identity import Identity
from services.opportunity.application import events
from services.opportunity.application.access import require_admin
from services.opportunity.application.ports import Ports
from services.opportunity.domain import source as rules
from services.opportunity.domain.errors import Conflict, NotFound
from services.opportunity.domain.money import Money
from services.opportunity.domain.source import Source, SourceKind


@dataclass(frozen=True)
class SourceFields:
    name: str | None = None
    kind: SourceKind | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    cost_amount: str | None = None
    cost_currency: str | None = None

    def cost(self) -> Money | None:
        if self.cost_amount is None and self.cost_currency is None:
            return None
        return Money.of(self.cost_amount or "0", self.cost_currency or "", field="costAmount")


async def create_source(fields: SourceFields, identity: Identity, ports: Ports) -> Source:
    require_admin(identity, "manage lead sources")
    source = rules.new_source(
        id=ports.new_id(), name=fields.name or "", kind=fields.kind or SourceKind.OTHER, now=ports.clock(),
        starts_on=fields.starts_on, ends_on=fields.ends_on, cost=fields.cost(),
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
        ends_on=fields.ends_on, cost=fields.cost(),
    )  # fmt: skip
    await ports.sources.save(
        after, expected_version, [events.source_changed("source.updated", after, identity)]
    )
    return after

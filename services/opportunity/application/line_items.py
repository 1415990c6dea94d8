"""Setting a deal's line items: whoever may edit the deal. One ``opportunity.updated`` carries
the lines before and after, and the amount when it follows them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from servicekit.identity import Identity
from services.opportunity.application import events
from services.opportunity.application._loading import load_opportunity
from services.opportunity.application.ports import Ports
from services.opportunity.domain.line_items import LineRequest, build_lines, set_line_items
from services.opportunity.domain.money import parse_currency
from services.opportunity.domain.opportunity import Opportunity


@dataclass(frozen=True)
class SetLineItems:
    id: str
    expected_version: int
    lines: tuple[LineRequest, ...]
    currency: str | None = None
    """The lines' currency; None: the deal's own."""


async def set_opportunity_line_items(cmd: SetLineItems, identity: Identity, ports: Ports) -> Opportunity:
    opportunity = await load_opportunity(ports, identity, cmd.id, cmd.expected_version)
    currency = parse_currency(cmd.currency) if cmd.currency is not None else opportunity.value.currency
    products = await ports.products.get_many([line.product_id for line in cmd.lines])
    kept = {line.product_id for line in opportunity.line_items}
    lines = build_lines(list(cmd.lines), currency, products, kept)
    after = set_line_items(opportunity, lines, currency, now=ports.clock())
    if after is opportunity:
        return opportunity
    changes: list[tuple[str, Any, Any]] = [("lineItems", opportunity.line_items, after.line_items)]
    if after.value != opportunity.value:
        changes.append(("amount", opportunity.value, after.value))
    await ports.opportunities.save(
        after, cmd.expected_version, [events.opportunity_updated(after, identity, changes)]
    )
    return after

"""Change an opportunity's fields, expected close date or probability override.

Each is one use case and one event; a change to nothing writes nothing and publishes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from servicekit.identity import Identity
from services.opportunity.application import events
from services.opportunity.application._loading import check_source, load_opportunity
from services.opportunity.application.access import may_set_difficulty, refuse_claims
from services.opportunity.application.ports import Ports
from services.opportunity.domain.edits import (
    FieldEdits,
    adjust_difficulty,
    change_close_date,
    edit_fields,
    override_probability,
)
from services.opportunity.domain.line_items import AmountFromLineItems
from services.opportunity.domain.money import Money
from services.opportunity.domain.opportunity import Opportunity


@dataclass(frozen=True)
class UpdateOpportunity:
    id: str
    expected_version: int
    title: str | None = None
    customer_name: str | None = None
    is_new_customer: bool | None = None
    """Refused when given: a fact of the win."""
    products: tuple[str, ...] | None = None
    is_new_product: bool | None = None
    """Refused when given: a fact of the win."""
    amount: str | None = None
    currency: str | None = None
    source_id: str | None = None
    difficulty: str | None = None
    """Managers and administrators only, with ``difficulty_reason``."""
    difficulty_reason: str | None = None


async def update_opportunity(cmd: UpdateOpportunity, identity: Identity, ports: Ports) -> Opportunity:
    refuse_claims(cmd.is_new_customer, cmd.is_new_product)
    if cmd.difficulty is not None:
        may_set_difficulty(identity)
    opportunity = await load_opportunity(ports, identity, cmd.id, cmd.expected_version)
    value = None
    if cmd.amount is not None or cmd.currency is not None:
        value = Money.of(
            cmd.amount if cmd.amount is not None else opportunity.value.amount,
            cmd.currency if cmd.currency is not None else opportunity.value.currency,
        )
    if value is not None and opportunity.line_items and value != opportunity.value:
        raise AmountFromLineItems(
            "This deal is worth the sum of its line items; change the lines (or remove them all) instead.",
            {"field": "amount"},
        )
    if cmd.source_id:
        await check_source(ports, cmd.source_id)
    edits = FieldEdits(
        title=cmd.title, customer_name=cmd.customer_name, products=cmd.products, value=value,
        source_id=cmd.source_id,
    )  # fmt: skip
    now = ports.clock()
    adjusted = opportunity
    if cmd.difficulty is not None:
        adjusted = adjust_difficulty(
            opportunity, cmd.difficulty, reason=cmd.difficulty_reason, by=identity.user_id, now=now
        )
    edit = edit_fields(adjusted, edits, now=now)
    changes = [(_API_NAMES.get(f, f), b, a) for f, b, a in edit.changes]
    if adjusted is not opportunity:
        changes.append(("difficulty", opportunity.difficulty, adjusted.difficulty))
    if not changes:
        return opportunity
    after = replace(edit.after, version=opportunity.version + 1)  # one change, one version
    reasons = {"difficulty": cmd.difficulty_reason} if adjusted is not opportunity else {}
    await ports.opportunities.save(
        after, cmd.expected_version, [events.opportunity_updated(after, identity, changes, reasons)]
    )
    return after


_API_NAMES = {"customer_name": "customerName", "source_id": "sourceId"}


@dataclass(frozen=True)
class ChangeCloseDate:
    id: str
    expected_version: int
    expected_close_date: date
    reason: str | None = None


async def change_expected_close_date(cmd: ChangeCloseDate, identity: Identity, ports: Ports) -> Opportunity:
    opportunity = await load_opportunity(ports, identity, cmd.id, cmd.expected_version)
    after = change_close_date(
        opportunity, cmd.expected_close_date, by=identity.user_id, now=ports.clock(), reason=cmd.reason
    )
    if after is opportunity:
        return opportunity
    await ports.opportunities.save(after, cmd.expected_version, [events.close_date_changed(after, identity)])
    return after


@dataclass(frozen=True)
class SetProbability:
    """``probability`` None clears the override; the stage's default applies again."""

    id: str
    expected_version: int
    probability: int | None


async def set_probability_override(cmd: SetProbability, identity: Identity, ports: Ports) -> Opportunity:
    opportunity = await load_opportunity(ports, identity, cmd.id, cmd.expected_version)
    after = override_probability(opportunity, cmd.probability, by=identity.user_id, now=ports.clock())
    if after is opportunity:
        return opportunity
    change = ("probabilityOverride", opportunity.probability_override, after.probability_override)
    await ports.opportunities.save(
        after, cmd.expected_version, [events.opportunity_updated(after, identity, [change])]
    )
    return after

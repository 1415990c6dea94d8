"""Create an opportunity: published as ``opportunity.created``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from servicekit.identity import Identity
from services.opportunity.application import events
from services.opportunity.application._loading import check_source, load_active_user, load_pipeline
from services.opportunity.application.access import may_own, may_set_difficulty, refuse_claims
from services.opportunity.application.ports import Ports
from services.opportunity.domain.edits import NewOpportunity, create
from services.opportunity.domain.money import Money
from services.opportunity.domain.opportunity import Opportunity


@dataclass(frozen=True)
class CreateOpportunity:
    title: str
    customer_name: str
    amount: str
    currency: str
    expected_close_date: date
    owner_id: str | None = None  # the caller when omitted
    pipeline_id: str | None = None  # the default pipeline when omitted
    stage_key: str | None = None  # the first open stage when omitted
    is_new_customer: bool | None = None
    """Refused when given: a fact of the win (domain/win_facts.py)."""
    products: tuple[str, ...] = ()
    is_new_product: bool | None = None
    """Refused when given, as ``is_new_customer``."""
    source_id: str | None = None
    difficulty: str | None = None
    note: str | None = None


async def create_opportunity(cmd: CreateOpportunity, identity: Identity, ports: Ports) -> Opportunity:
    refuse_claims(cmd.is_new_customer, cmd.is_new_product)
    if cmd.difficulty is not None:
        may_set_difficulty(identity)
    value = Money.of(cmd.amount, cmd.currency)
    pipeline = await load_pipeline(ports, cmd.pipeline_id)
    owner = await load_active_user(ports, cmd.owner_id or identity.user_id, "ownerId")
    may_own(identity, owner)
    await check_source(ports, cmd.source_id)
    if ports.evidence_gate is not None:
        stage = pipeline.active_stage(cmd.stage_key) if cmd.stage_key else pipeline.first_open_stage
        await ports.evidence_gate.check_start(pipeline, stage.key)
    data = NewOpportunity(
        title=cmd.title, customer_name=cmd.customer_name, value=value,
        expected_close_date=cmd.expected_close_date, owner_id=owner.id, pipeline_id=pipeline.id,
        stage_key=cmd.stage_key, products=cmd.products, source_id=cmd.source_id, difficulty=cmd.difficulty,
        note=cmd.note,
    )  # fmt: skip
    opportunity = create(
        data, id=ports.new_id(), pipeline=pipeline, team=owner.team, by=identity.user_id, now=ports.clock()
    )
    await ports.opportunities.add(opportunity, [events.opportunity_created(opportunity, identity)])
    return opportunity

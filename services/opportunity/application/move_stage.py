"""Move an opportunity between stages, close it (won/lost) or reopen it.

Publishes exactly one of ``opportunity.stage_changed``, ``won``, ``lost`` or ``reopened``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from servicekit.identity import Identity
from services.opportunity.application import events
from services.opportunity.application._loading import load_opportunity, load_pipeline
from services.opportunity.application.ports import Ports
from services.opportunity.domain.errors import OwnerInactive
from services.opportunity.domain.moves import MoveKind, move_stage
from services.opportunity.domain.opportunity import Opportunity
from services.opportunity.domain.win_facts import WinFacts, derive_win_facts, record_win_facts


@dataclass(frozen=True)
class MoveStage:
    id: str
    expected_version: int
    stage_key: str
    note: str | None = None
    lost_reason_key: str | None = None
    lost_reason: str | None = None
    reopen: bool = False


async def move_opportunity_stage(cmd: MoveStage, identity: Identity, ports: Ports) -> Opportunity:
    opportunity = await load_opportunity(ports, identity, cmd.id, cmd.expected_version)
    pipeline = await load_pipeline(ports, opportunity.pipeline_id)
    if not opportunity.is_open:
        owner = await ports.users.get(opportunity.owner_id)
        if owner is not None and not owner.active:
            # Reopened, it would be open work of someone who left: nobody would follow it.
            raise OwnerInactive(
                f"The owner {owner.name} is no longer active: an opportunity of theirs cannot be reopened.",
                {"ownerId": owner.id},
            )
    if ports.evidence_gate is not None:
        await ports.evidence_gate.check_move(opportunity, pipeline, cmd.stage_key)
    move = move_stage(
        opportunity, pipeline, cmd.stage_key, by=identity.user_id, now=ports.clock(),
        note=cmd.note, lost_reason_key=cmd.lost_reason_key, lost_reason=cmd.lost_reason, reopen=cmd.reopen,
    )  # fmt: skip
    facts = None
    if move.kind is MoveKind.WON:
        facts = await _win_facts(move.after, ports)
        move = replace(move, after=record_win_facts(move.after, facts))
    await ports.opportunities.save(
        move.after, cmd.expected_version, [events.stage_moved(move, identity, facts)]
    )
    return move.after


async def _win_facts(won: Opportunity, ports: Ports) -> WinFacts:
    earlier = await ports.opportunities.won_product_sets(won.account_id, won.id) if won.account_id else []
    products = await ports.products.get_many([line.product_id for line in won.line_items])
    account = await ports.accounts.account(won.account_id) if won.account_id and ports.accounts else None
    launches = {id: p.launch_date for id, p in products.items()}
    return derive_win_facts(won, earlier, launches, account.segment if account else None)

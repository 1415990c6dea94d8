"""Handover: a rep leaves and a successor (or several) takes over their open opportunities.

History, evidence and notes stay with each opportunity (they are keyed by opportunity, not by
owner), so the successor sees everything. The leaver may be deactivated in the same step: first
everything is handed over, then the user is deactivated, so a failure part-way never leaves
open work with a deactivated owner. Deactivating is refused while handed-over work failed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from servicekit.identity import Identity
from services.opportunity.application.access import can_see, may_deactivate
from services.opportunity.application.account_handover import hand_over_accounts
from services.opportunity.application.assign import (
    AssignmentResult,
    Target,
    apply_assignments,
    assignees,
    request_fingerprint,
)
from services.opportunity.application.assignment_ports import Failure
from services.opportunity.application.ports import Ports
from services.opportunity.application.users import deactivate
from services.opportunity.application.work_ports import WorkPorts
from services.opportunity.domain.assignment import (
    Assignee,
    AssignmentReason,
    BatchItem,
    DistributionStrategy,
    distribute,
    require_batch_size,
)
from services.opportunity.domain.errors import Forbidden, InvalidInput, NotFound
from services.opportunity.domain.opportunity import Opportunity, check_note


@dataclass(frozen=True)
class HandOver:
    from_user_id: str
    to_user_ids: Sequence[str]
    """One successor, or several to distribute across."""
    strategy: DistributionStrategy = DistributionStrategy.FEWEST_OPEN
    weight_by_amount: bool = False
    opportunity_ids: Sequence[str] | None = None
    """A chosen subset; None hands over every open opportunity of the leaver."""
    deactivate_leaver: bool = False
    note: str | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True)
class HandoverResult:
    assignment: AssignmentResult
    deactivated: bool


async def hand_over(cmd: HandOver, identity: Identity, ports: Ports, work: WorkPorts) -> HandoverResult:
    if not (identity.is_admin or identity.is_manager):
        raise Forbidden("Only a manager or an administrator hands over a rep's work.")
    leaver = await ports.users.get(cmd.from_user_id)
    if leaver is None:
        raise NotFound(f"No user {cmd.from_user_id!r}.", {"fromUserId": cmd.from_user_id})
    if cmd.from_user_id in cmd.to_user_ids:
        raise InvalidInput("toUserIds", "The leaving rep cannot be their own successor.")
    if cmd.deactivate_leaver:
        may_deactivate(identity, leaver)
    successors = await assignees(identity, ports.users, list(dict.fromkeys(cmd.to_user_ids)))
    if not successors:
        raise InvalidInput("toUserIds", "Name at least one successor.")
    ids = list(cmd.opportunity_ids) if cmd.opportunity_ids is not None else None
    if ids is None:
        ids = await work.assignments.open_ids_of(leaver.id)
    elif not ids:
        require_batch_size(0)
    elif cmd.deactivate_leaver and set(await work.assignments.open_ids_of(leaver.id)) - set(ids):
        raise InvalidInput(
            "deactivateLeaver",
            "The leaver would keep open opportunities: hand over all of them to deactivate.",
        )
    found = await work.assignments.load(ids) if ids else {}
    decide = await _decider(cmd, successors, found, work)
    owned = {i: o for i, o in found.items() if o.owner_id == leaver.id}
    targets = [Target(i) for i in ids if i in owned]
    elsewhere: list[Failure] = [
        (i, "NOT_OWNED_BY_LEAVER", f"The opportunity does not belong to {leaver.id!r}.")
        if i in found and can_see(identity, found[i])
        else (i, "NOT_FOUND", f"No opportunity {i!r}.")
        for i in ids
        if i not in owned
    ]
    result = AssignmentResult()
    if targets:
        result = await apply_assignments(
            targets, decide, identity, store=work.assignments, clock=ports.clock,
            reason=AssignmentReason.HANDOVER, note=check_note(cmd.note), key=cmd.idempotency_key,
            fingerprint=request_fingerprint("handover", targets, [s.user_id for s in successors], leaver.id),
            preloaded=owned,
        )  # fmt: skip
    result = AssignmentResult(result.assigned, [*elsewhere, *result.failures])
    await hand_over_accounts(
        leaver.id, {a[0]: a[1] for a in result.assigned}, owned, successors, whole=cmd.opportunity_ids is None,
        identity=identity, store=work.accounts, now=ports.clock(),
    )  # fmt: skip
    deactivated = False
    if cmd.deactivate_leaver and not result.failures:
        deactivated = not (await deactivate(leaver, identity, ports)).active
    return HandoverResult(result, deactivated)


async def _decider(
    cmd: HandOver, successors: list[Assignee], found: dict[str, Opportunity], work: WorkPorts
) -> Callable[[Opportunity], Assignee]:
    if len(successors) == 1:
        only = successors[0]
        return lambda _o: only
    loads = await work.assignments.open_load([s.user_id for s in successors])
    items = [BatchItem(o.id, o.value.amount) for o in found.values() if o.owner_id == cmd.from_user_id]
    plan = distribute(
        items, [loads[s.user_id] for s in successors], cmd.strategy, weight_by_amount=cmd.weight_by_amount
    )
    by_id = {s.user_id: s for s in successors}
    return lambda o: by_id[plan[o.id]]

"""Assigning opportunities: to one rep, or distributed over several by a strategy.

A request names up to 10,000 opportunities. It is applied in chunks, each chunk one transaction
(owner change + history + event), so a crash leaves each opportunity fully assigned or untouched.
Failures (not found, closed, stale version) are reported per id and the rest go through. With an
idempotency key, a retried request skips the chunks already committed and answers the same.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from servicekit.identity import Identity
from services.opportunity.application.access import can_see, may_own
from services.opportunity.application.assignment_ports import (
    Assigned,
    AssignmentStore,
    ChunkOutcome,
    Failure,
    OwnerChange,
)
from services.opportunity.application.evidence_events import opportunity_assigned
from services.opportunity.application.ports import UserRepository
from services.opportunity.domain.assignment import (
    Assignee,
    AssignmentReason,
    BatchItem,
    DistributionStrategy,
    distribute,
    reassign,
    require_assignable,
    require_batch_size,
    summarise,
)
from services.opportunity.domain.errors import DomainError, InvalidInput
from services.opportunity.domain.opportunity import Opportunity, check_note
from services.opportunity.domain.user import User

CHUNK = 500


@dataclass(frozen=True)
class Target:
    opportunity_id: str
    expected_version: int | None = None
    """The version the caller last saw; None accepts whatever is stored (a manager handing out
    a stack they have not opened)."""


@dataclass(frozen=True)
class AssignOpportunities:
    targets: Sequence[Target]
    to_user_id: str
    reason: AssignmentReason | None = None
    note: str | None = None
    idempotency_key: str | None = None
    pipeline_id: str | None = None
    """When given, opportunities of another pipeline fail with WRONG_PIPELINE."""


@dataclass(frozen=True)
class DistributeOpportunities:
    targets: Sequence[Target]
    user_ids: Sequence[str]
    strategy: DistributionStrategy
    weight_by_amount: bool = False
    note: str | None = None
    idempotency_key: str | None = None
    reason: AssignmentReason = AssignmentReason.DISTRIBUTION
    pipeline_id: str | None = None


@dataclass(frozen=True)
class AssignmentResult:
    assigned: list[Assigned] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def by_rep(self) -> dict[str, list[str]]:
        return summarise({a[0]: a[1] for a in self.assigned})


def assignee(user: User | None, user_id: str) -> Assignee:
    found = None if user is None else Assignee(user.id, user.active, user.name, user.team)
    return require_assignable(found, user_id)


async def assignees(identity: Identity, users: UserRepository, user_ids: Sequence[str]) -> list[Assignee]:
    """The named users, each active and one the caller may hand work to, in the order named."""
    found = await users.get_many(list(user_ids))
    result = []
    for user_id in user_ids:
        person = assignee(found.get(user_id), user_id)
        may_own(identity, found[user_id])
        result.append(person)
    return result


async def assign_opportunities(
    cmd: AssignOpportunities,
    identity: Identity,
    *,
    users: UserRepository,
    store: AssignmentStore,
    clock: Callable[[], datetime],
) -> AssignmentResult:
    targets = _targets(cmd.targets)
    [to] = await assignees(identity, users, [cmd.to_user_id])
    reason = cmd.reason or (AssignmentReason.MANUAL if len(targets) == 1 else AssignmentReason.BULK)
    fingerprint = request_fingerprint("assign", targets, [to.user_id], reason.value)
    return await apply_assignments(
        targets, lambda _o: to, identity, store=store, clock=clock, reason=reason,
        note=check_note(cmd.note), key=cmd.idempotency_key, fingerprint=fingerprint, pipeline_id=cmd.pipeline_id,
    )  # fmt: skip


async def distribute_opportunities(
    cmd: DistributeOpportunities,
    identity: Identity,
    *,
    users: UserRepository,
    store: AssignmentStore,
    clock: Callable[[], datetime],
) -> AssignmentResult:
    targets = _targets(cmd.targets)
    reps = await assignees(identity, users, list(dict.fromkeys(cmd.user_ids)) if cmd.user_ids else [])
    if not reps:
        raise InvalidInput("userIds", "Name at least one rep to distribute to.")
    by_id = {r.user_id: r for r in reps}
    loads = await store.open_load(list(by_id))
    opportunities = await store.load([t.opportunity_id for t in targets])
    items = [
        BatchItem(t.opportunity_id, opportunities[t.opportunity_id].value.amount)
        for t in targets
        if t.opportunity_id in opportunities
    ]
    plan = distribute(
        items, [loads[r.user_id] for r in reps], cmd.strategy, weight_by_amount=cmd.weight_by_amount
    )
    fingerprint = request_fingerprint(
        "distribute", targets, list(by_id), f"{cmd.strategy}:{cmd.weight_by_amount}"
    )
    return await apply_assignments(
        targets, lambda o: by_id[plan[o.id]], identity, store=store, clock=clock, reason=cmd.reason,
        note=check_note(cmd.note), key=cmd.idempotency_key, fingerprint=fingerprint, preloaded=opportunities,
        pipeline_id=cmd.pipeline_id,
    )  # fmt: skip


async def apply_assignments(
    targets: Sequence[Target],
    decide: Callable[[Opportunity], Assignee],
    identity: Identity,
    *,
    store: AssignmentStore,
    clock: Callable[[], datetime],
    reason: AssignmentReason,
    note: str | None,
    key: str | None,
    fingerprint: str,
    preloaded: dict[str, Opportunity] | None = None,
    pipeline_id: str | None = None,
) -> AssignmentResult:
    """Decide and commit chunk by chunk; ``decide`` names the new owner of each opportunity."""
    done = await store.recall(key, fingerprint) if key else {}
    assigned: list[Assigned] = []
    failures: list[Failure] = []
    request_id = key or None
    for number, start in enumerate(range(0, len(targets), CHUNK)):
        if number in done:
            assigned += done[number].assigned
            failures += done[number].failures
            continue
        chunk = targets[start : start + CHUNK]
        found = (
            {t.opportunity_id: preloaded[t.opportunity_id] for t in chunk if t.opportunity_id in preloaded}
            if preloaded is not None
            else await store.load([t.opportunity_id for t in chunk])
        )
        now = clock()
        changes: list[OwnerChange] = []
        early = ChunkOutcome()
        for target in chunk:
            opportunity = found.get(target.opportunity_id)
            if opportunity is not None and pipeline_id is not None and opportunity.pipeline_id != pipeline_id:
                early.failures.append(
                    (
                        target.opportunity_id,
                        "WRONG_PIPELINE",
                        f"The opportunity is not in pipeline {pipeline_id!r}.",
                    )
                )
                continue
            outcome = _decide_one(target, opportunity, decide, identity, reason, note, now)
            if isinstance(outcome, OwnerChange):
                changes.append(outcome)
            elif isinstance(outcome, _AlreadyTheirs):
                early.assigned.append(outcome.assigned)  # nothing to change, no event
            else:
                early.failures.append(outcome)
        events = {c.after.id: opportunity_assigned(c.after, c.entry, identity, request_id) for c in changes}
        result = await store.commit(changes, events, early, key=key, chunk=number)
        assigned += result.assigned
        failures += result.failures
    return AssignmentResult(assigned, failures)


@dataclass(frozen=True)
class _AlreadyTheirs:
    assigned: Assigned


def _decide_one(
    target: Target,
    opportunity: Opportunity | None,
    decide: Callable[[Opportunity], Assignee],
    identity: Identity,
    reason: AssignmentReason,
    note: str | None,
    now: datetime,
) -> OwnerChange | _AlreadyTheirs | Failure:
    oid = target.opportunity_id
    if opportunity is None or not can_see(identity, opportunity):
        return (oid, "NOT_FOUND", f"No opportunity {oid!r}.")
    if target.expected_version is not None and target.expected_version != opportunity.version:
        return (
            oid, "CONFLICT",
            f"The opportunity is at version {opportunity.version}, not {target.expected_version}; reload it.",
        )  # fmt: skip
    to = decide(opportunity)
    if to.user_id == opportunity.owner_id and opportunity.is_open:
        return _AlreadyTheirs((oid, to.user_id, opportunity.version, False))
    try:
        after, entry = reassign(opportunity, to, by=identity.user_id, now=now, reason=reason, note=note)
    except DomainError as exc:
        return (oid, exc.code, exc.message)
    return OwnerChange(after, opportunity.version, entry)


def _targets(targets: Sequence[Target]) -> list[Target]:
    """Each id once (the first mention wins), within the batch limit."""
    unique = list({t.opportunity_id: t for t in reversed(targets)}.values())[::-1]
    require_batch_size(len(unique))
    if any(not t.opportunity_id for t in unique):
        raise InvalidInput("opportunityIds", "An opportunity id cannot be empty.")
    return unique


def request_fingerprint(kind: str, targets: Sequence[Target], user_ids: Sequence[str], extra: str) -> str:
    body = json.dumps(
        [kind, [[t.opportunity_id, t.expected_version] for t in targets], list(user_ids), extra]
    )
    return hashlib.sha256(body.encode()).hexdigest()

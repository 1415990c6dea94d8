"""Who owns an opportunity: assignment history and the strategies that spread a batch over reps.

Pure rules: the caller loads the reps' current open load and the batch, and stores the result.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from services.opportunity.domain.errors import DomainError, OpportunityClosed
from services.opportunity.domain.opportunity import Opportunity

MAX_BATCH = 10_000
"""The most opportunities one assignment request may name."""


class AssignmentReason(StrEnum):
    INITIAL = "INITIAL"
    MANUAL = "MANUAL"
    BULK = "BULK"
    DISTRIBUTION = "DISTRIBUTION"
    HANDOVER = "HANDOVER"


class DistributionStrategy(StrEnum):
    ROUND_ROBIN = "ROUND_ROBIN"
    FEWEST_OPEN = "FEWEST_OPEN"
    """Fewest open opportunities first; with ``weight_by_amount`` the smallest open amount first."""


class AssignmentError(DomainError):
    """A request that cannot be honoured; ``code`` is stable and shown to the client."""

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message, details)
        self.code = code


@dataclass(frozen=True)
class AssignmentEntry:
    """One change of owner, kept on the opportunity for as long as it exists."""

    from_owner_id: str | None
    to_owner_id: str
    by_user_id: str
    at: datetime
    reason: AssignmentReason
    note: str | None = None


@dataclass(frozen=True)
class Assignee:
    """A user who may receive opportunities, as far as assignment cares."""

    user_id: str
    active: bool
    name: str | None = None
    team: str | None = None


@dataclass(frozen=True)
class RepLoad:
    """A rep's open work before the distribution, to balance against."""

    user_id: str
    open_count: int = 0
    open_amount: Decimal = Decimal(0)


@dataclass(frozen=True)
class BatchItem:
    """One opportunity to hand out; ``amount`` only matters to the amount-weighted strategy."""

    opportunity_id: str
    amount: Decimal = Decimal(0)


def require_assignable(user: Assignee | None, user_id: str) -> Assignee:
    """Inactive or unknown users never receive opportunities."""
    if user is None:
        raise AssignmentError("REP_NOT_FOUND", f"No user {user_id!r}.", {"userId": user_id})
    if not user.active:
        raise AssignmentError(
            "REP_INACTIVE",
            f"User {user_id!r} is inactive and cannot receive opportunities.",
            {"userId": user_id},
        )
    return user


def require_batch_size(count: int, limit: int = MAX_BATCH) -> None:
    if count == 0:
        raise AssignmentError("EMPTY_BATCH", "Name at least one opportunity.")
    if count > limit:
        raise AssignmentError(
            "BATCH_TOO_LARGE", f"At most {limit} opportunities per request, got {count}.", {"limit": limit}
        )


def unique_in_order(ids: Sequence[str]) -> list[str]:
    """The ids without repeats, first occurrence kept, so an id named twice is assigned once."""
    return list(dict.fromkeys(ids))


def distribute(
    items: Sequence[BatchItem],
    reps: Sequence[RepLoad],
    strategy: DistributionStrategy,
    *,
    weight_by_amount: bool = False,
) -> dict[str, str]:
    """Decide who gets what: opportunity id → rep id.

    Deterministic: ties go to the rep listed first, so a retried request decides the same way.
    Round robin starts with the first rep and ignores current load. Fewest open counts the
    rep's open opportunities (or their open amount when weighted) plus what this batch already
    gave them, so a rep with a full desk gets new work only once the others catch up.
    """
    if not reps:
        raise AssignmentError("NO_ASSIGNEES", "Name at least one rep to distribute to.")
    if len({r.user_id for r in reps}) != len(reps):
        raise AssignmentError("DUPLICATE_ASSIGNEE", "Each rep may be named once.")
    if strategy is DistributionStrategy.ROUND_ROBIN:
        return {item.opportunity_id: reps[i % len(reps)].user_id for i, item in enumerate(items)}
    return _fewest_open_first(items, reps, weight_by_amount)


def _fewest_open_first(
    items: Sequence[BatchItem], reps: Sequence[RepLoad], weight_by_amount: bool
) -> dict[str, str]:
    # Heap of (load, secondary load, position in the list, rep id); the position breaks ties.
    heap: list[tuple[Decimal, int, int, str]] = []
    for position, rep in enumerate(reps):
        primary = rep.open_amount if weight_by_amount else Decimal(rep.open_count)
        heap.append((primary, rep.open_count, position, rep.user_id))
    heapq.heapify(heap)
    # Largest amounts first when weighting, so the big ones spread before the small ones fill in.
    order = sorted(items, key=lambda i: i.amount, reverse=True) if weight_by_amount else list(items)
    result: dict[str, str] = {}
    for item in order:
        primary, count, position, user_id = heapq.heappop(heap)
        result[item.opportunity_id] = user_id
        added = item.amount if weight_by_amount else Decimal(1)
        heapq.heappush(heap, (primary + added, count + 1, position, user_id))
    # Answer in the caller's order, whatever order the decisions were made in.
    return {item.opportunity_id: result[item.opportunity_id] for item in items}


def summarise(assignments: dict[str, str]) -> dict[str, list[str]]:
    """Rep id → the opportunity ids they received, for "who got what"."""
    by_rep: dict[str, list[str]] = {}
    for opportunity_id, user_id in assignments.items():
        by_rep.setdefault(user_id, []).append(opportunity_id)
    return by_rep


def reassign(
    opportunity: Opportunity, to: Assignee, *, by: str, now: datetime, reason: AssignmentReason,
    note: str | None = None,
) -> tuple[Opportunity, AssignmentEntry]:  # fmt: skip
    """The opportunity with its new owner (and the owner's team, so a manager's view follows the
    rep), one version later, and the history entry that records the change."""
    if not opportunity.is_open:
        raise OpportunityClosed(
            f"The opportunity is {opportunity.status.value.lower()}; only open opportunities are assigned.",
            {"status": opportunity.status.value},
        )
    require_assignable(to, to.user_id)
    entry = AssignmentEntry(opportunity.owner_id, to.user_id, by, now, reason, note)
    after = replace(
        opportunity, owner_id=to.user_id, team=to.team, updated_at=now, version=opportunity.version + 1
    )
    return after, entry


def assign_new(
    opportunity: Opportunity, *, by: str, now: datetime, reason: AssignmentReason
) -> tuple[Opportunity, AssignmentEntry]:
    """A new opportunity handed to its first owner by a batch (an import's cards): a change of its
    own, one version after the creation like every other assignment, so ``opportunity.created``
    and ``opportunity.assigned`` each carry their own sequence and a consumer that keeps the
    latest version of each opportunity drops neither."""
    entry = AssignmentEntry(None, opportunity.owner_id, by, now, reason)
    return replace(opportunity, updated_at=now, version=opportunity.version + 1), entry


def with_initial(opportunity: Opportunity, stored: list[AssignmentEntry]) -> list[AssignmentEntry]:
    """The full owner history: the first owner is recorded by the opportunity's creation itself
    (who created it, when), so it is derived here rather than written for every new one."""
    if stored and stored[0].from_owner_id is None:
        return stored
    first_owner = stored[0].from_owner_id if stored and stored[0].from_owner_id else opportunity.owner_id
    initial = AssignmentEntry(
        None, first_owner, opportunity.created_by, opportunity.created_at, AssignmentReason.INITIAL
    )
    return [initial, *stored]

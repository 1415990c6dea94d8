"""Fields added to ``Opportunity`` (timeline, handoverBrief, activities, assignmentHistory).

They are resolvers taking the GraphQL ``Opportunity`` as ``root``; the type lists them with
``strawberry.field(resolver=...)`` so the opportunity feature need not know how they work.
"""

from __future__ import annotations

from typing import Any

from services.opportunity.api.assignment.types import AssignmentEntry
from services.opportunity.api.context import Info
from services.opportunity.api.evidence.types import Activity
from services.opportunity.api.timeline.types import HandoverBrief, TimelineEntry
from services.opportunity.application.timeline import opportunity_handover_brief, opportunity_timeline
from services.opportunity.domain.assignment import with_initial


async def resolve_timeline(root: Any, info: Info) -> list[TimelineEntry]:
    """Stage moves, assignments, close-date changes, probability overrides and activities, oldest first."""
    ctx = info.context
    return [TimelineEntry.from_domain(e) for e in await opportunity_timeline(root._o, ctx.identity, ctx.work)]


async def resolve_handover_brief(root: Any, info: Info) -> HandoverBrief:
    """What a successor reads first."""
    ctx = info.context
    return HandoverBrief.from_domain(
        await opportunity_handover_brief(root._o, ctx.identity, ctx.ports, ctx.work)
    )


async def resolve_activities(root: Any, info: Info) -> list[Activity]:
    return [Activity.from_domain(a) for a in await info.context.work_loaders.activities.load(root._o.id)]


async def resolve_assignment_history(root: Any, info: Info) -> list[AssignmentEntry]:
    stored = await info.context.work_loaders.assignment_histories.load(root._o.id)
    return [AssignmentEntry.from_domain(e) for e in with_initial(root._o, stored)]

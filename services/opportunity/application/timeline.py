"""Reading an opportunity's whole story: the timeline and the handover brief."""

from __future__ import annotations

from servicekit.i18n import current_locale
from servicekit.identity import Identity
from services.opportunity.application.access import visible
from services.opportunity.application.account_page import readable
from services.opportunity.application.ports import Ports
from services.opportunity.application.work_ports import WorkPorts
from services.opportunity.domain.assignment import with_initial
from services.opportunity.domain.opportunity import Opportunity
from services.opportunity.domain.timeline import HandoverBrief, TimelineEntry, handover_brief, timeline


async def opportunity_timeline(
    opportunity: Opportunity, identity: Identity, work: WorkPorts
) -> list[TimelineEntry]:
    await readable(identity, opportunity, opportunity.id, work.accounts)
    assignments = with_initial(opportunity, await work.assignments.history(opportunity.id))
    activities = await work.evidence.of_opportunity(opportunity.id)
    return timeline(opportunity, assignments, activities, current_locale.get())


async def opportunity_handover_brief(
    opportunity: Opportunity, identity: Identity, ports: Ports, work: WorkPorts
) -> HandoverBrief:
    visible(identity, opportunity, opportunity.id)
    assignments = with_initial(opportunity, await work.assignments.history(opportunity.id))
    activities = await work.evidence.of_opportunity(opportunity.id)
    requirements = await work.evidence.requirements(opportunity.pipeline_id, opportunity.stage.key)
    return handover_brief(
        opportunity, activities, assignments, requirements, ports.clock(), current_locale.get()
    )

"""Read the appraisal policy versions."""

from __future__ import annotations

import strawberry

from services.reporting.api.context import Info
from services.reporting.api.policy.permissions import require_admin_or_manager
from services.reporting.api.reports.types import Policy
from services.reporting.application.policies import policy_in_force


@strawberry.type
class PolicyQueries:
    @strawberry.field(description="The policy in force (the latest saved version, else the default).")
    async def appraisal_policy(self, info: Info) -> Policy:
        require_admin_or_manager(info.context.identity)
        services = info.context.services
        return Policy.from_domain(
            await policy_in_force(services.policies, services.policy_defaults, services.clock)
        )

    @strawberry.field(description="Every saved policy version, oldest first.")
    async def appraisal_policies(self, info: Info) -> list[Policy]:
        require_admin_or_manager(info.context.identity)
        return [Policy.from_domain(p) for p in await info.context.services.policies.all()]

"""Save a new appraisal policy version."""

from __future__ import annotations

import strawberry

from services.reporting.api.context import Info
from services.reporting.api.policy.permissions import require_admin_or_manager
from services.reporting.api.policy.types import AppraisalPolicyInput
from services.reporting.api.reports.types import Policy
from services.reporting.application.policies import save_policy


@strawberry.type
class PolicyMutations:
    @strawberry.mutation(
        description="Save new terms as the next policy version; earlier reports keep theirs."
    )
    async def set_appraisal_policy(self, info: Info, input: AppraisalPolicyInput) -> Policy:
        identity = info.context.identity
        require_admin_or_manager(identity)
        services = info.context.services
        return Policy.from_domain(
            await save_policy(services.policies, input.to_terms(), services.clock, identity.user_id)
        )

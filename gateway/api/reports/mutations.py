from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.api.common.permissions import IsAdmin
from gateway.api.context import Context
from gateway.api.raw import served, to_variables
from gateway.api.reports.types import AppraisalPolicyInput, Policy


@strawberry.type
class ReportMutations:
    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Save new appraisal terms as the next version."
    )
    async def set_appraisal_policy(self, info: Info[Context, None], input: AppraisalPolicyInput) -> Policy:
        api = info.context.loaders.apis.reporting
        return served(await api.set_policy(info.context.caller, to_variables(input)))

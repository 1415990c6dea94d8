from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.adapters.clients.reporting import input_types
from gateway.api.common.permissions import IsAdmin
from gateway.api.context import Context
from gateway.api.raw import served, to_variables
from gateway.api.reports.types import AppraisalPolicyInput, ExchangeRate, ExchangeRateInput, Policy
from gateway.api.scalars import Date


@strawberry.type
class ReportMutations:
    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Save new appraisal terms as the next version."
    )
    async def set_appraisal_policy(self, info: Info[Context, None], input: AppraisalPolicyInput) -> Policy:
        api = info.context.loaders.apis.reporting
        return served(
            await api.set_policy(
                info.context.caller, input_types.AppraisalPolicyInput.model_validate(to_variables(input))
            )
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Set the exchange rate in force from a date (replacing one set for that date); source "
        "costs convert at the rate of their date.",
    )
    async def set_exchange_rate(self, info: Info[Context, None], input: ExchangeRateInput) -> ExchangeRate:
        api = info.context.loaders.apis.reporting
        return served(
            await api.set_exchange_rate(
                info.context.caller, input_types.ExchangeRateInput.model_validate(to_variables(input))
            )
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Remove the rate set for a currency and date."
    )
    async def remove_exchange_rate(self, info: Info[Context, None], currency: str, valid_from: Date) -> bool:
        api = info.context.loaders.apis.reporting
        return await api.remove_exchange_rate(info.context.caller, currency, valid_from)

from __future__ import annotations

import asyncio

import strawberry
from strawberry.types import Info

from gateway.adapters.clients.reporting import input_types
from gateway.adapters.services import ServiceError
from gateway.api.common.permissions import IsAdmin
from gateway.api.context import Context
from gateway.api.raw import served, to_variables
from gateway.api.reports.types import AppraisalPolicyInput, ExchangeRate, ExchangeRateInput, Policy
from gateway.api.scalars import Date


async def _known_product_lines(info: Info[Context, None], input: AppraisalPolicyInput) -> None:
    """A rule for a product line no product has is a typing mistake: it would never match."""
    rules = input.difficulty_rules
    if not rules:
        return
    products = info.context.loaders.apis.products
    lines = list(dict.fromkeys(" ".join(rule.product_line.split()) for rule in rules.product_lines))
    pages = await asyncio.gather(
        *(
            products.products(info.context.caller, filter={"productLine": line}, first=1, after=None)
            for line in lines
        )
    )
    for index, (line, page) in enumerate(zip(lines, pages, strict=True)):
        if not page["nodes"]:
            raise ServiceError(
                "UNKNOWN_PRODUCT_LINE",
                f"No product of the catalogue is in the product line {line}.",
                {"field": f"difficultyRules.productLines.{index}.productLine", "productLine": line},
            )


@strawberry.type
class ReportMutations:
    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Save new appraisal terms as the next version."
    )
    async def set_appraisal_policy(self, info: Info[Context, None], input: AppraisalPolicyInput) -> Policy:
        await _known_product_lines(info, input)
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

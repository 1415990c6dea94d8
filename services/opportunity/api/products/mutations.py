"""Keeping the product catalogue (administrators only; the rule lives in the use cases)."""

from __future__ import annotations

from datetime import date

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.api.products.types import Product
from services.opportunity.api.scalars import DecimalString
from services.opportunity.application import products as uc


@strawberry.input
class ProductInput:
    code: str | None = None
    name_zh: str | None = None
    name_en: str | None = None
    product_line: str | None = None
    list_price: DecimalString | None = None
    currency: str | None = None
    launch_date: date | None = None
    active: bool | None = None

    def to_input(self) -> uc.ProductInput:
        return uc.ProductInput(
            code=self.code, name_zh=self.name_zh, name_en=self.name_en, product_line=self.product_line,
            list_price=self.list_price, currency=self.currency, launch_date=self.launch_date, active=self.active,
        )  # fmt: skip


@strawberry.type
class ProductMutations:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def create_product(self, info: Info, input: ProductInput) -> Product:
        ctx = info.context
        return Product.from_domain(await uc.create_product(input.to_input(), ctx.identity, ctx.ports))

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def update_product(
        self, info: Info, id: strawberry.ID, expected_version: int, input: ProductInput
    ) -> Product:
        ctx = info.context
        return Product.from_domain(
            await uc.update_product(id, expected_version, input.to_input(), ctx.identity, ctx.ports)
        )

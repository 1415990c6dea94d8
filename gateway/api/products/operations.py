"""The product catalogue: everyone signed in reads it, administrators keep it."""

from __future__ import annotations

import strawberry
from strawberry.types import Info
from strawberry.types.unset import UNSET

from gateway.api.common.permissions import IsAdmin, IsSignedIn
from gateway.api.context import Context
from gateway.api.products.types import Product, ProductConnection
from gateway.api.raw import served, to_variables
from gateway.api.scalars import Date, Decimal

SEARCH = "Words of the code or of a name, Chinese or English (any width or case)."


@strawberry.input
class ProductFilter:
    search: str | None = strawberry.field(default=UNSET, description=SEARCH)
    product_line: str | None = UNSET
    active: bool | None = UNSET


@strawberry.input(description="Fields left out stay as they are.")
class ProductInput:
    code: str | None = UNSET
    name_zh: str | None = UNSET
    name_en: str | None = UNSET
    product_line: str | None = UNSET
    list_price: Decimal | None = UNSET
    currency: str | None = strawberry.field(default=UNSET, description="ISO 4217 code of the list price.")
    launch_date: Date | None = UNSET
    active: bool | None = UNSET


@strawberry.type
class ProductQueries:
    @strawberry.field(permission_classes=[IsSignedIn])
    async def product(self, info: Info[Context, None], id: strawberry.ID) -> Product:
        return served(await info.context.loaders.apis.products.product(info.context.caller, str(id)))

    @strawberry.field(permission_classes=[IsSignedIn], description="The catalogue in code order.")
    async def products(
        self,
        info: Info[Context, None],
        filter: ProductFilter | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> ProductConnection:
        api = info.context.loaders.apis.products
        variables = to_variables(filter) if filter is not None else {}
        return served(await api.products(info.context.caller, filter=variables, first=first, after=after))


@strawberry.type
class ProductMutations:
    @strawberry.mutation(permission_classes=[IsAdmin])
    async def create_product(self, info: Info[Context, None], input: ProductInput) -> Product:
        api = info.context.loaders.apis.products
        return served(await api.create_product(info.context.caller, to_variables(input)))

    @strawberry.mutation(permission_classes=[IsAdmin])
    async def update_product(
        self, info: Info[Context, None], id: strawberry.ID, expected_version: int, input: ProductInput
    ) -> Product:
        api = info.context.loaders.apis.products
        result = await api.update_product(info.context.caller, str(id), expected_version, to_variables(input))
        return served(result)

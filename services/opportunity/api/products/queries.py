"""Reading the product catalogue: everyone signed in."""

from __future__ import annotations

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.api.products.types import Product, ProductConnection
from services.opportunity.application import products as uc
from services.opportunity.application.ports import ProductQuery


@strawberry.type
class ProductQueries:
    @strawberry.field(permission_classes=AUTHENTICATED)
    async def product(self, info: Info, id: strawberry.ID) -> Product:
        return Product.from_domain(await uc.get_product(id, info.context.ports))

    @strawberry.field(permission_classes=AUTHENTICATED, description="The catalogue in code order.")
    async def products(
        self,
        info: Info,
        search: str | None = None,
        product_line: str | None = None,
        active: bool | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> ProductConnection:
        query = ProductQuery(
            product_line=product_line, active=active, search=search, first=first, after=after
        )
        return ProductConnection.from_page(await uc.list_products(query, info.context.ports))

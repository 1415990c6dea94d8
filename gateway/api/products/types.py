"""The product catalogue."""

from __future__ import annotations

import strawberry

from gateway.api.common.types import Money, PageInfo
from gateway.api.scalars import Date, DateTime


@strawberry.type(description="A product a deal's line items can sell.")
class Product:
    id: strawberry.ID
    code: str = strawberry.field(description="Unique, upper case.")
    name_zh: str | None
    name_en: str | None
    product_line: str
    list_price: Money
    launch_date: Date | None
    active: bool = strawberry.field(
        description="An inactive product stays on old deals; no new line can sell it."
    )
    created_at: DateTime
    updated_at: DateTime
    version: int


@strawberry.type
class ProductConnection:
    nodes: list[Product]
    page_info: PageInfo
    total_count: int

"""GraphQL types of the product catalogue."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from services.opportunity.api.common import Money
from services.opportunity.api.opportunities.types import PageInfo
from services.opportunity.application.queries import Page
from services.opportunity.domain.product import Product as DomainProduct


@strawberry.type
class Product:
    id: strawberry.ID
    code: str
    name_zh: str | None
    name_en: str | None
    product_line: str
    list_price: Money
    launch_date: date | None
    active: bool
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def from_domain(cls, p: DomainProduct) -> Product:
        return cls(
            id=strawberry.ID(p.id), code=p.code, name_zh=p.name_zh, name_en=p.name_en, product_line=p.product_line,
            list_price=Money.from_domain(p.list_price), launch_date=p.launch_date, active=p.active,
            created_at=p.created_at, updated_at=p.updated_at, version=p.version,
        )  # fmt: skip


@strawberry.type
class ProductConnection:
    nodes: list[Product]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_page(cls, page: Page[DomainProduct]) -> ProductConnection:
        return cls(
            nodes=[Product.from_domain(p) for p in page.items],
            page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=page.end_cursor),
            total_count=page.total_count,
        )

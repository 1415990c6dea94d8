"""The product catalogue: administrators add and change products (``product.created``,
``product.updated``); everyone signed in reads it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from servicekit.identity import Identity
from services.opportunity.application import events
from services.opportunity.application.access import require_admin
from services.opportunity.application.ports import Ports, ProductQuery
from services.opportunity.application.queries import Page
from services.opportunity.domain import product as rules
from services.opportunity.domain.errors import Conflict, InvalidInput, NotFound
from services.opportunity.domain.money import Money
from services.opportunity.domain.product import Product

MAX_PAGE = 200


@dataclass(frozen=True)
class ProductInput:
    """As typed: the price is checked with its currency (ISO 4217)."""

    code: str | None = None
    name_zh: str | None = None
    name_en: str | None = None
    product_line: str | None = None
    list_price: str | None = None
    currency: str | None = None
    launch_date: date | None = None
    active: bool | None = None

    def fields(self, current: Money | None = None) -> rules.ProductFields:
        price = None
        if self.list_price is not None or self.currency is not None:
            amount = self.list_price if self.list_price is not None else (current.amount if current else "")
            currency = self.currency if self.currency is not None else (current.currency if current else "")
            price = Money.of(amount, currency, field="listPrice")
        return rules.ProductFields(
            code=self.code, name_zh=self.name_zh, name_en=self.name_en, product_line=self.product_line,
            list_price=price, launch_date=self.launch_date, active=self.active,
        )  # fmt: skip


async def create_product(data: ProductInput, identity: Identity, ports: Ports) -> Product:
    require_admin(identity, "manage the product catalogue")
    product = rules.new_product(data.fields(), id=ports.new_id(), now=ports.clock())
    await ports.products.add(product, [events.product_changed("product.created", product, identity)])
    return product


async def update_product(
    id: str, expected_version: int, data: ProductInput, identity: Identity, ports: Ports
) -> Product:
    require_admin(identity, "manage the product catalogue")
    product = await get_product(id, ports)
    if product.version != expected_version:
        raise Conflict(f"The product is at version {product.version}, not {expected_version}; reload it.")
    after = rules.change_product(product, data.fields(product.list_price), now=ports.clock())
    if after is product:
        return product
    await ports.products.save(
        after, expected_version, [events.product_changed("product.updated", after, identity)]
    )
    return after


async def get_product(id: str, ports: Ports) -> Product:
    product = await ports.products.get(id)
    if product is None:
        raise NotFound(f"No product {id!r}.", {"id": id})
    return product


async def list_products(query: ProductQuery, ports: Ports) -> Page[Product]:
    if not 1 <= query.first <= MAX_PAGE:
        raise InvalidInput("first", f"A page holds 1 to {MAX_PAGE} products.", max=MAX_PAGE)
    return await ports.products.list(query)

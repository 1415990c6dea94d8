"""The product catalogue: what a deal's line items sell, kept by administrators.

A product is never deleted: a discontinued one is made inactive, so the line items of old deals
still name it, and no new line item can choose it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from services.opportunity.domain.errors import DomainError, InvalidInput
from services.opportunity.domain.money import Money

MAX_CODE = 40
MAX_NAME = 200
_CODE = re.compile(r"[A-Z0-9][A-Z0-9._\-]*")


class UnknownProduct(DomainError):
    code = "UNKNOWN_PRODUCT"


class ProductInactive(DomainError):
    code = "PRODUCT_INACTIVE"


@dataclass(frozen=True)
class Product:
    id: str
    code: str
    name_zh: str | None
    name_en: str | None
    product_line: str
    list_price: Money
    created_at: datetime
    updated_at: datetime
    launch_date: date | None = None
    active: bool = True
    version: int = 1

    @property
    def name(self) -> str:
        return self.name_en or self.name_zh or self.code


@dataclass(frozen=True)
class ProductFields:
    """What an administrator sets; None leaves a field as it is."""

    code: str | None = None
    name_zh: str | None = None
    name_en: str | None = None
    product_line: str | None = None
    list_price: Money | None = None
    launch_date: date | None = None
    active: bool | None = None


def check_code(raw: str) -> str:
    code = (raw or "").strip().upper()
    if not code or len(code) > MAX_CODE or not _CODE.fullmatch(code):
        raise InvalidInput(
            "code", f"A product code is 1 to {MAX_CODE} letters, digits, '.', '_' or '-'.", maxLength=MAX_CODE
        )
    return code


def _text(raw: str | None, field: str) -> str | None:
    text = " ".join((raw or "").split())
    if len(text) > MAX_NAME:
        raise InvalidInput(field, f"At most {MAX_NAME} characters.", maxLength=MAX_NAME)
    return text or None


def _checked(product: Product) -> Product:
    checked = replace(
        product,
        code=check_code(product.code),
        name_zh=_text(product.name_zh, "nameZh"),
        name_en=_text(product.name_en, "nameEn"),
        product_line=_text(product.product_line, "productLine") or "",
    )
    if checked.name_zh is None and checked.name_en is None:
        raise InvalidInput("nameZh", "A product has a name in Chinese, in English or both.")
    if not checked.product_line:
        raise InvalidInput("productLine", "A product belongs to a product line.")
    return checked


def new_product(fields: ProductFields, *, id: str, now: datetime) -> Product:
    if fields.list_price is None:
        raise InvalidInput("listPrice", "A product has a list price.")
    return _checked(
        Product(
            id=id, code=fields.code or "", name_zh=fields.name_zh, name_en=fields.name_en,
            product_line=fields.product_line or "", list_price=fields.list_price, created_at=now,
            updated_at=now, launch_date=fields.launch_date, active=True if fields.active is None else fields.active,
        )
    )  # fmt: skip


def change_product(product: Product, fields: ProductFields, *, now: datetime) -> Product:
    """The product with the fields given changed; the same values again: the product as it was."""
    after = _checked(
        replace(
            product,
            code=product.code if fields.code is None else fields.code,
            name_zh=product.name_zh if fields.name_zh is None else fields.name_zh,
            name_en=product.name_en if fields.name_en is None else fields.name_en,
            product_line=product.product_line if fields.product_line is None else fields.product_line,
            list_price=product.list_price if fields.list_price is None else fields.list_price,
            launch_date=product.launch_date if fields.launch_date is None else fields.launch_date,
            active=product.active if fields.active is None else fields.active,
        )
    )
    if after == product:
        return product
    return replace(after, updated_at=now, version=product.version + 1)

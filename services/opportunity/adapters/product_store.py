"""The product catalogue in MongoDB: a document per product, paged by code."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document, Index
from services.opportunity.adapters.documents import bson_to_day, day_to_bson, dec, undec
from services.opportunity.adapters.search_tokens import index_tokens, query_tokens
from services.opportunity.adapters.store import VersionedStore
from services.opportunity.application.ports import ProductQuery
from services.opportunity.application.queries import Page
from services.opportunity.domain.errors import InvalidInput
from services.opportunity.domain.money import Money
from services.opportunity.domain.product import Product

PRODUCTS = "products"

PRODUCT_INDEXES = [
    Index(PRODUCTS, [("code", 1)], "products_code", unique=True),
    Index(PRODUCTS, [("product_line", 1), ("code", 1)], "products_line_code"),
    Index(PRODUCTS, [("search_tokens", 1), ("code", 1)], "products_search"),
]


def product_to_doc(p: Product) -> Document:
    return {
        "_id": p.id, "code": p.code, "name_zh": p.name_zh, "name_en": p.name_en, "product_line": p.product_line,
        "list_price": {"amount": dec(p.list_price.amount), "currency": p.list_price.currency},
        "launch_date": day_to_bson(p.launch_date) if p.launch_date else None, "active": p.active,
        "search_tokens": index_tokens(p.code, p.name_zh or "", p.name_en or ""),
        "version": p.version, "created_at": p.created_at, "updated_at": p.updated_at,
    }  # fmt: skip


def doc_to_product(d: Document) -> Product:
    price = d["list_price"]
    return Product(
        id=d["_id"], code=d["code"], name_zh=d.get("name_zh"), name_en=d.get("name_en"),
        product_line=d["product_line"], list_price=Money(undec(price["amount"]), price["currency"]),
        launch_date=bson_to_day(d["launch_date"]) if d.get("launch_date") else None, active=d["active"],
        version=d["version"], created_at=d["created_at"], updated_at=d["updated_at"],
    )  # fmt: skip


def _encode(code: str) -> str:
    return base64.urlsafe_b64encode(code.encode()).decode().rstrip("=")


def _decode(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidInput("after", "The cursor is not one this API returned.") from None


class MongoProducts(VersionedStore[Product]):
    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        super().__init__(client, db, PRODUCTS, product_to_doc, doc_to_product, label="product")

    async def list(self, query: ProductQuery) -> Page[Product]:
        """A page in code order; codes are unique, so the last code is the cursor."""
        filter: dict[str, Any] = {}
        if query.product_line is not None:
            filter["product_line"] = query.product_line
        if query.active is not None:
            filter["active"] = query.active
        if query.search:
            tokens = query_tokens(query.search)
            filter["search_tokens"] = {"$all": tokens or [""]}
        paged = dict(filter)
        if query.after:
            paged["code"] = {"$gt": _decode(query.after)}
        rows = await self.collection.find(paged).sort("code", 1).limit(query.first + 1).to_list(None)
        has_next = len(rows) > query.first
        rows = rows[: query.first]
        total = (
            len(rows) if not query.after and not has_next else await self.collection.count_documents(filter)
        )
        cursors = [_encode(r["code"]) for r in rows]
        return Page(
            items=[doc_to_product(r) for r in rows], cursors=cursors, total_count=total, has_next_page=has_next,
            end_cursor=cursors[-1] if cursors else None,
        )  # fmt: skip

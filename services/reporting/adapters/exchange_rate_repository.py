"""Exchange rates, one document per currency and day it takes effect (setting a rate for the same
day again replaces it). A handful of documents: reports read them all."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from bson.decimal128 import Decimal128
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document
from services.reporting.adapters.collections import EXCHANGE_RATES
from services.reporting.domain.exchange_rates import ExchangeRate


def _document(rate: ExchangeRate) -> Document:
    return {
        "_id": f"{rate.currency}:{rate.valid_from.isoformat()}",
        "currency": rate.currency,
        "valid_from": datetime.combine(rate.valid_from, time(), UTC),
        "rate": Decimal128(rate.rate),
        "set_at": rate.set_at,
        "set_by": rate.set_by,
    }


def _rate(doc: Document) -> ExchangeRate:
    set_at: datetime = doc["set_at"]
    return ExchangeRate(
        currency=doc["currency"],
        valid_from=doc["valid_from"].date(),
        rate=doc["rate"].to_decimal(),
        set_at=set_at if set_at.tzinfo else set_at.replace(tzinfo=UTC),
        set_by=doc.get("set_by"),
    )


class MongoExchangeRates:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._collection = db[EXCHANGE_RATES]

    async def all(self) -> list[ExchangeRate]:
        return [_rate(d) async for d in self._collection.find().sort([("currency", 1), ("valid_from", 1)])]

    async def put(self, rate: ExchangeRate) -> None:
        await self._collection.replace_one({"_id": _document(rate)["_id"]}, _document(rate), upsert=True)

    async def remove(self, currency: str, valid_from: date) -> bool:
        result = await self._collection.delete_one({"_id": f"{currency}:{valid_from.isoformat()}"})
        return result.deleted_count > 0

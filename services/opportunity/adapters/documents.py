"""Opportunity ↔ MongoDB document. Money and difficulty are Decimal128; dates are stored as
UTC midnights (BSON has no date type); histories are embedded, stage names included."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from bson.decimal128 import Decimal128

from services.opportunity.adapters.search_tokens import index_tokens
from services.opportunity.domain.history import (
    AccountChange,
    CloseDateChange,
    DifficultyChange,
    ProbabilityChange,
    StageChange,
    StageRef,
)
from services.opportunity.domain.line_items import LineItem
from services.opportunity.domain.money import Money
from services.opportunity.domain.opportunity import ContactLink, ContactRole, Opportunity, Status
from services.opportunity.domain.pipeline import StageKind

Doc = dict[str, Any]

WITHOUT_HISTORIES: Doc = {
    "stage_history": 0,
    "close_date_history": 0,
    "probability_history": 0,
    "account_history": 0,
    "search_tokens": 0,
}
"""A projection for loads that need none of the histories (they grow with every move and
change) nor the search keys; what it reads maps to an opportunity whose histories are empty."""


def day_to_bson(value: date) -> datetime:
    return datetime.combine(value, time(), tzinfo=UTC)


def bson_to_day(value: datetime) -> date:
    return value.date()


def dec(value: Decimal) -> Decimal128:
    return Decimal128(value)


def undec(value: Decimal128 | Decimal) -> Decimal:
    return value.to_decimal() if isinstance(value, Decimal128) else Decimal(value)


def _ref(ref: StageRef) -> Doc:
    return {"key": ref.key, "name_zh": ref.name_zh, "name_en": ref.name_en, "kind": ref.kind.value}


def _unref(doc: Doc) -> StageRef:
    return StageRef(doc["key"], doc["name_zh"], doc["name_en"], StageKind(doc["kind"]))


def opportunity_to_doc(o: Opportunity) -> Doc:
    return {
        "_id": o.id,
        "title": o.title,
        "customer_name": o.customer_name,
        "is_new_customer": o.is_new_customer,
        "products": list(o.products),
        "is_new_product": o.is_new_product,
        "amount": dec(o.value.amount),
        "currency": o.value.currency,
        "owner_id": o.owner_id,
        "team": o.team,
        "pipeline_id": o.pipeline_id,
        "stage_key": o.stage.key,
        "stage": _ref(o.stage),
        "stage_probability": o.stage_probability,
        "stage_entered_at": o.stage_entered_at,
        "probability_override": o.probability_override,
        "probability": o.probability,
        "expected_close_date": day_to_bson(o.expected_close_date),
        "difficulty": dec(o.difficulty),
        "status": o.status.value,
        "source_id": o.source_id,
        "lost_reason": o.lost_reason,
        "lost_reason_key": o.lost_reason_key,
        "created_at": o.created_at,
        "updated_at": o.updated_at,
        "created_by": o.created_by,
        "closed_at": o.closed_at,
        "version": o.version,
        "search_tokens": index_tokens(o.title, o.customer_name),
        "stage_history": [
            {
                "from": _ref(c.from_stage) if c.from_stage else None,
                "to": _ref(c.to_stage),
                "at": c.at,
                "by": c.by,
                "note": c.note,
            }
            for c in o.stage_history
        ],
        "close_date_history": [
            {
                "old": day_to_bson(c.old) if c.old else None,
                "new": day_to_bson(c.new),
                "at": c.at,
                "by": c.by,
                "reason": c.reason,
            }
            for c in o.close_date_history
        ],
        "probability_history": [
            {"before": c.before, "after": c.after, "at": c.at, "by": c.by} for c in o.probability_history
        ],
        "account_id": o.account_id,
        "contacts": [{"contact_id": c.contact_id, "role": c.role.value} for c in o.contacts],
        "contact_ids": [c.contact_id for c in o.contacts],
        "account_history": [vars(c) for c in o.account_history],
        "line_items": [_line_to_doc(line) for line in o.line_items],
        "difficulty_history": [
            {"before": dec(c.before), "after": dec(c.after), "at": c.at, "by": c.by, "reason": c.reason}
            for c in o.difficulty_history
        ],
        "product_ids": sorted({line.product_id for line in o.line_items}),
    }


def _line_to_doc(line: LineItem) -> Doc:
    return {
        "product_id": line.product_id, "product_code": line.product_code, "product_name": line.product_name,
        "product_line": line.product_line, "quantity": dec(line.quantity), "unit_price": dec(line.unit_price.amount),
        "currency": line.unit_price.currency, "discount_percent": dec(line.discount_percent),
    }  # fmt: skip


def _doc_to_line(d: Doc) -> LineItem:
    return LineItem(
        product_id=d["product_id"], product_code=d["product_code"], product_name=d["product_name"],
        product_line=d["product_line"], quantity=undec(d["quantity"]),
        unit_price=Money(undec(d["unit_price"]), d["currency"]), discount_percent=undec(d["discount_percent"]),
    )  # fmt: skip


def doc_to_opportunity(d: Doc, *, histories: bool = True) -> Opportunity:
    """The opportunity a document holds; without ``histories`` its stage, close-date and
    probability histories are left empty (mapping a long-lived one's is most of the work)."""
    if not histories:
        d = {key: value for key, value in d.items() if key not in WITHOUT_HISTORIES}
    return Opportunity(
        id=d["_id"],
        title=d["title"],
        customer_name=d["customer_name"],
        is_new_customer=d["is_new_customer"],
        products=tuple(d["products"]),
        is_new_product=d["is_new_product"],
        value=Money(undec(d["amount"]), d["currency"]),
        owner_id=d["owner_id"],
        team=d.get("team"),
        pipeline_id=d["pipeline_id"],
        stage=_unref(d["stage"]),
        stage_probability=d["stage_probability"],
        stage_entered_at=d["stage_entered_at"],
        expected_close_date=bson_to_day(d["expected_close_date"]),
        difficulty=undec(d["difficulty"]),
        status=Status(d["status"]),
        created_at=d["created_at"],
        updated_at=d["updated_at"],
        created_by=d.get("created_by", ""),
        source_id=d.get("source_id"),
        probability_override=d.get("probability_override"),
        lost_reason=d.get("lost_reason"),
        lost_reason_key=d.get("lost_reason_key"),
        closed_at=d.get("closed_at"),
        version=d["version"],
        stage_history=tuple(
            StageChange(
                _unref(c["from"]) if c.get("from") else None, _unref(c["to"]), c["at"], c["by"], c.get("note")
            )
            for c in d.get("stage_history", [])
        ),
        close_date_history=tuple(
            CloseDateChange(
                bson_to_day(c["old"]) if c.get("old") else None,
                bson_to_day(c["new"]),
                c["at"],
                c["by"],
                c.get("reason"),
            )
            for c in d.get("close_date_history", [])
        ),
        probability_history=tuple(
            ProbabilityChange(c.get("before"), c.get("after"), c["at"], c["by"])
            for c in d.get("probability_history", [])
        ),
        account_id=d.get("account_id"),
        contacts=tuple(ContactLink(c["contact_id"], ContactRole(c["role"])) for c in d.get("contacts", [])),
        account_history=tuple(AccountChange(**c) for c in d.get("account_history", [])),
        line_items=tuple(_doc_to_line(line) for line in d.get("line_items") or ()),
        difficulty_history=tuple(
            DifficultyChange(undec(c["before"]), undec(c["after"]), c["at"], c["by"], c["reason"])
            for c in d.get("difficulty_history") or ()
        ),
    )

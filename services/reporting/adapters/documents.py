"""How read-model values are stored: Decimal as Decimal128, dates as UTC midnights."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import bson
from bson import CodecOptions
from bson.decimal128 import Decimal128

from servicekit.mongo import Document
from services.reporting.domain.difficulty import DifficultyRules, LineRule, SegmentRule, SizeBand
from services.reporting.domain.policy import AppraisalPolicy, CreditRule
from services.reporting.domain.rollups.kinds import rollup_keys
from services.reporting.domain.view import CloseDateChange, Loss, OpportunityView, Ownership, StageVisit


def day_to_datetime(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ZERO = Decimal(0)


def _decimal(value: Any) -> Decimal:
    return value.to_decimal() if isinstance(value, Decimal128) else Decimal(value)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_STORED: CodecOptions[Document] = CodecOptions(tz_aware=True, tzinfo=UTC)


def view_to_document(view: OpportunityView, keys: Iterable[str] | None = None) -> Document:
    """The read model as plain fields beside its rollup keys: a report's partial reads only the
    fields it names (``rollup_store.KIND_FIELDS``), and the documents can be looked at and
    queried with any MongoDB tool. ``keys``: the view's rollup keys when the caller has them."""
    return {
        "_id": view.id,
        "rollup_keys": sorted(rollup_keys(view) if keys is None else keys),
        **_view_fields(view),
    }


def _fields(doc: Document) -> Document:
    """A document's read-model fields (from its blob, if an earlier version wrote one: until its
    opportunity changes again, or a rebuild rewrites it)."""
    kept = doc.get("view")
    return doc if kept is None else {"_id": doc["_id"], **bson.decode(kept, codec_options=_STORED)}


def _view_fields(view: OpportunityView) -> Document:
    return {
        "title": view.title,
        "customer_name": view.customer_name,
        "pipeline_id": view.pipeline_id,
        "team": view.team,
        "owner_id": view.owner_id,
        "status": view.status,
        "stage_key": view.stage_key,
        "stage_entered_at": view.stage_entered_at,
        "probability": view.probability,
        "amount": Decimal128(view.amount),
        "currency": view.currency,
        "expected_close_date": day_to_datetime(view.expected_close_date),
        "source_id": view.source_id,
        "difficulty": Decimal128(view.difficulty),
        "is_new_customer": view.is_new_customer,
        "is_new_product": view.is_new_product,
        "line_revenue": [[line, Decimal128(amount)] for line, amount in view.line_revenue],
        "win_facts": view.win_facts,
        "difficulty_by_manager": view.difficulty_by_manager,
        "account_segment": view.account_segment,
        "launch_age_days": view.launch_age_days,
        "created_at": view.created_at,
        "closed_at": view.closed_at,
        "sequence": view.sequence,
        "visits": [
            {
                "stage_key": v.stage_key,
                "entered_at": v.entered_at,
                "left_at": v.left_at,
                "seconds": v.seconds,
                "owner_id": v.owner_id,
            }
            for v in view.visits
        ],
        "ownership": [{"owner_id": o.owner_id, "start": o.start, "end": o.end} for o in view.ownership],
        "close_date_changes": [
            {"at": c.at, "old": day_to_datetime(c.old), "new": day_to_datetime(c.new)}
            for c in view.close_date_changes
        ],
        "reached_stages": sorted(view.reached_stages),
        "loss": _loss_out(view.loss),
    }


def _loss_out(loss: Loss | None) -> Document | None:
    if loss is None:
        return None
    return {"reason_key": loss.reason_key, "reason_text": loss.reason_text, "stage_key": loss.stage_key,
            "owner_id": loss.owner_id}  # fmt: skip


def _loss_in(doc: Document | None) -> Loss | None:
    if not doc:
        return None
    return Loss(doc["reason_key"], doc.get("reason_text"), doc["stage_key"], doc["owner_id"])


def view_from_document(stored: Document) -> OpportunityView:
    doc = _fields(stored)
    return OpportunityView(
        id=doc["_id"],
        title=doc["title"],
        customer_name=doc["customer_name"],
        pipeline_id=doc["pipeline_id"],
        team=doc.get("team"),
        owner_id=doc["owner_id"],
        status=doc["status"],
        stage_key=doc["stage_key"],
        stage_entered_at=_aware(doc["stage_entered_at"]),
        probability=doc["probability"],
        amount=_decimal(doc["amount"]),
        currency=doc["currency"],
        expected_close_date=doc["expected_close_date"].date(),
        source_id=doc.get("source_id"),
        difficulty=_decimal(doc["difficulty"]),
        is_new_customer=doc["is_new_customer"],
        is_new_product=doc["is_new_product"],
        line_revenue=tuple((line, _decimal(amount)) for line, amount in doc.get("line_revenue") or ()),
        win_facts=doc.get("win_facts", False),
        difficulty_by_manager=doc.get("difficulty_by_manager", False),
        account_segment=doc.get("account_segment"),
        launch_age_days=doc.get("launch_age_days"),
        created_at=_aware(doc["created_at"]),
        closed_at=_aware(doc["closed_at"]) if doc.get("closed_at") else None,
        sequence=doc["sequence"],
        visits=tuple(
            StageVisit(
                v["stage_key"], _aware(v["entered_at"]), _aware(v["left_at"]), v["seconds"], v["owner_id"]
            )
            for v in doc.get("visits", [])
        ),
        ownership=tuple(
            Ownership(o["owner_id"], _aware(o["start"]), _aware(o["end"]) if o.get("end") else None)
            for o in doc.get("ownership", [])
        ),
        close_date_changes=tuple(
            CloseDateChange(_aware(c["at"]), c["old"].date(), c["new"].date())
            for c in doc.get("close_date_changes", [])
        ),
        reached_stages=frozenset(doc.get("reached_stages", [])),
        loss=_loss_in(doc.get("loss")),
    )


def report_view_from_document(stored: Document) -> OpportunityView:
    """A view from a document read with a report's projection (``rollup_store.KIND_FIELDS``).

    Fields the report does not read are absent and take empty values here, so only a report whose
    field list names them may be given such a view (a document with a blob has them all)."""
    doc = _fields(stored)
    get = doc.get
    closed_at = get("closed_at")
    expected = get("expected_close_date")
    return OpportunityView(
        id=doc["_id"],
        title=get("title", ""),
        customer_name=get("customer_name", ""),
        pipeline_id=doc["pipeline_id"],
        team=get("team"),
        owner_id=get("owner_id", ""),
        status=doc["status"],
        stage_key=get("stage_key", ""),
        stage_entered_at=_aware(get("stage_entered_at") or _EPOCH),
        probability=get("probability", 0),
        amount=_decimal(get("amount", _ZERO)),
        currency=get("currency", ""),
        expected_close_date=expected.date() if expected is not None else _EPOCH.date(),
        source_id=get("source_id"),
        difficulty=_decimal(get("difficulty", _ZERO)),
        is_new_customer=get("is_new_customer", False),
        is_new_product=get("is_new_product", False),
        line_revenue=tuple((line, _decimal(amount)) for line, amount in get("line_revenue") or ()),
        win_facts=get("win_facts", False),
        difficulty_by_manager=get("difficulty_by_manager", False),
        account_segment=get("account_segment"),
        launch_age_days=get("launch_age_days"),
        created_at=_aware(get("created_at") or _EPOCH),
        closed_at=_aware(closed_at) if closed_at else None,
        sequence=get("sequence", 0),
        visits=tuple(
            StageVisit(
                v["stage_key"], _aware(v["entered_at"]), _aware(v["left_at"]), v["seconds"], v["owner_id"]
            )
            for v in get("visits", ())
        ),
        ownership=tuple(
            Ownership(o["owner_id"], _aware(o["start"]), _aware(o["end"]) if o.get("end") else None)
            for o in get("ownership", ())
        ),
        close_date_changes=tuple(
            CloseDateChange(_aware(c["at"]), c["old"].date(), c["new"].date())
            for c in get("close_date_changes", ())
        ),
        reached_stages=frozenset(get("reached_stages", ())),
        loss=_loss_in(get("loss")),
    )


def policy_to_document(policy: AppraisalPolicy) -> Document:
    return {
        "_id": policy.version,
        "base_reward": Decimal128(policy.base_reward),
        "new_customer_bonus": Decimal128(policy.new_customer_bonus),
        "new_product_bonus": Decimal128(policy.new_product_bonus),
        "credit_rule": policy.credit_rule.value,
        "created_at": policy.created_at,
        "created_by": policy.created_by,
        "difficulty_rules": _rules_out(policy.difficulty_rules),
        "launch_window_days": policy.launch_window_days,
    }


def _rules_out(rules: DifficultyRules) -> Document:
    return {
        "product_lines": [{"product_line": r.product_line, "factor": Decimal128(r.factor)} for r in rules.product_lines],
        "segments": [{"segment": r.segment, "factor": Decimal128(r.factor)} for r in rules.segments],
        "size_bands": [
            {"currency": b.currency, "min_amount": Decimal128(b.min_amount),
             "max_amount": None if b.max_amount is None else Decimal128(b.max_amount), "factor": Decimal128(b.factor)}
            for b in rules.size_bands
        ],
    }  # fmt: skip


def _rules_in(doc: Document | None) -> DifficultyRules:
    if not doc:
        return DifficultyRules()
    return DifficultyRules(
        product_lines=tuple(LineRule(r["product_line"], _decimal(r["factor"])) for r in doc.get("product_lines", ())),
        segments=tuple(SegmentRule(r["segment"], _decimal(r["factor"])) for r in doc.get("segments", ())),
        size_bands=tuple(
            SizeBand(b["currency"], _decimal(b["min_amount"]),
                     None if b.get("max_amount") is None else _decimal(b["max_amount"]), _decimal(b["factor"]))
            for b in doc.get("size_bands", ())
        ),
    )  # fmt: skip


def policy_from_document(doc: Document) -> AppraisalPolicy:
    return AppraisalPolicy(
        version=doc["_id"],
        base_reward=_decimal(doc["base_reward"]),
        new_customer_bonus=_decimal(doc["new_customer_bonus"]),
        new_product_bonus=_decimal(doc["new_product_bonus"]),
        credit_rule=CreditRule(doc["credit_rule"]),
        created_at=_aware(doc["created_at"]),
        created_by=doc.get("created_by"),
        difficulty_rules=_rules_in(doc.get("difficulty_rules")),
        launch_window_days=doc.get("launch_window_days"),
    )

"""Pipeline, user and source ↔ MongoDB documents."""

from __future__ import annotations

from services.opportunity.adapters.documents import Doc, bson_to_day, day_to_bson, dec, undec
from services.opportunity.domain.lost_reasons import DEFAULT_LOST_REASONS, LostReason
from services.opportunity.domain.money import Money
from services.opportunity.domain.pipeline import Pipeline, Stage, StageKind
from services.opportunity.domain.source import Source, SourceCost, SourceCostKind, SourceKind
from services.opportunity.domain.user import Role, User


def pipeline_to_doc(p: Pipeline) -> Doc:
    return {
        "_id": p.id,
        "name": p.name,
        "alert_days_before_close": p.alert_days_before_close,
        "is_default": p.is_default,
        "version": p.version,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
        "stages": [
            {
                "key": s.key,
                "name_zh": s.name_zh,
                "name_en": s.name_en,
                "probability": s.probability,
                "kind": s.kind.value,
                "position": s.position,
                "rotting_days": s.rotting_days,
                "retired": s.retired,
            }
            for s in p.stages
        ],
        "lost_reasons": [
            {"key": r.key, "name_zh": r.name_zh, "name_en": r.name_en, "retired": r.retired}
            for r in p.lost_reasons
        ],
    }


def doc_to_pipeline(d: Doc) -> Pipeline:
    return Pipeline(
        id=d["_id"],
        name=d["name"],
        stages=tuple(
            Stage(
                key=s["key"],
                name_zh=s["name_zh"],
                name_en=s["name_en"],
                probability=s["probability"],
                kind=StageKind(s["kind"]),
                position=s["position"],
                rotting_days=s.get("rotting_days"),
                retired=s.get("retired", False),
            )
            for s in d["stages"]
        ),
        created_at=d["created_at"],
        updated_at=d["updated_at"],
        alert_days_before_close=d["alert_days_before_close"],
        is_default=d.get("is_default", False),
        version=d["version"],
        # A pipeline stored before lost reasons were kept starts with the default list.
        lost_reasons=tuple(
            LostReason(r["key"], r["name_zh"], r["name_en"], r.get("retired", False))
            for r in d["lost_reasons"]
        )
        if d.get("lost_reasons")
        else DEFAULT_LOST_REASONS,
    )


def user_to_doc(u: User) -> Doc:
    return {
        "_id": u.id, "name": u.name, "email": u.email, "role": u.role.value, "team": u.team,
        "manager_id": u.manager_id, "active": u.active, "version": u.version,
        "created_at": u.created_at, "updated_at": u.updated_at, "locale": u.chosen_locale,
    }  # fmt: skip


def doc_to_user(d: Doc) -> User:
    return User(
        id=d["_id"], name=d["name"], email=d["email"], role=Role(d["role"]), team=d.get("team"),
        manager_id=d.get("manager_id"), active=d.get("active", True), version=d["version"],
        created_at=d["created_at"], updated_at=d["updated_at"], chosen_locale=d.get("locale"),
    )  # fmt: skip


def source_to_doc(s: Source) -> Doc:
    return {
        "_id": s.id, "name": s.name, "kind": s.kind.value,
        "starts_on": day_to_bson(s.starts_on) if s.starts_on else None,
        "ends_on": day_to_bson(s.ends_on) if s.ends_on else None,
        "cost": {"amount": dec(s.cost.amount), "currency": s.cost.currency} if s.cost else None,
        "costs": [
            {"kind": c.kind.value, "amount": dec(c.amount.amount), "currency": c.amount.currency,
             "starts_on": day_to_bson(c.starts_on), "ends_on": day_to_bson(c.ends_on) if c.ends_on else None}
            for c in s.costs
        ],
        "version": s.version, "created_at": s.created_at, "updated_at": s.updated_at,
    }  # fmt: skip


def _doc_to_cost(d: Doc) -> SourceCost:
    return SourceCost(
        SourceCostKind(d["kind"]), Money(undec(d["amount"]), d["currency"]), bson_to_day(d["starts_on"]),
        bson_to_day(d["ends_on"]) if d.get("ends_on") else None,
    )  # fmt: skip


def doc_to_source(d: Doc) -> Source:
    cost = d.get("cost")
    return Source(
        id=d["_id"], name=d["name"], kind=SourceKind(d["kind"]),
        starts_on=bson_to_day(d["starts_on"]) if d.get("starts_on") else None,
        ends_on=bson_to_day(d["ends_on"]) if d.get("ends_on") else None,
        cost=Money(undec(cost["amount"]), cost["currency"]) if cost else None,
        costs=tuple(_doc_to_cost(c) for c in d.get("costs") or ()),
        version=d["version"], created_at=d["created_at"], updated_at=d["updated_at"],
    )  # fmt: skip

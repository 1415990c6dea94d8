"""Domain objects → contract events. Every payload carries a full snapshot of its subject."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from contracts.envelope import CloudEvent, new_event
from contracts.events import _base as ev
from contracts.events import catalog as cat
from contracts.events import opportunity as opp_events
from servicekit.identity import Identity
from servicekit.logs import correlation_id
from services.opportunity.domain.history import StageRef
from services.opportunity.domain.line_items import LineItem
from services.opportunity.domain.money import Money
from services.opportunity.domain.moves import Move, MoveKind
from services.opportunity.domain.opportunity import Opportunity
from services.opportunity.domain.pipeline import Pipeline
from services.opportunity.domain.product import Product
from services.opportunity.domain.source import Source
from services.opportunity.domain.user import User
from services.opportunity.domain.win_facts import WinFacts

SOURCE = "/opportunity"


def _event(type: str, subject: str, sequence: int, data: BaseModel) -> CloudEvent:
    return new_event(
        type=type, source=SOURCE, subject=subject, sequence=sequence, data=data,
        correlation_id=correlation_id.get(),
    )  # fmt: skip


def actor(identity: Identity) -> ev.Actor:
    return ev.Actor(user_id=identity.user_id, name=identity.name)


def money(value: Money) -> ev.Money:
    return ev.Money(amount=value.amount, currency=value.currency)


def stage_ref(ref: StageRef) -> opp_events.StageRef:
    return opp_events.StageRef(
        key=ref.key, kind=ev.StageKind(ref.kind.value), name=ref.name_en, name_zh=ref.name_zh
    )


def line_item(line: LineItem) -> opp_events.LineItem:
    return opp_events.LineItem(
        product_id=line.product_id, product_code=line.product_code, product_name=line.product_name,
        product_line=line.product_line, quantity=line.quantity, unit_price=money(line.unit_price),
        discount_percent=line.discount_percent, total=money(line.total),
    )  # fmt: skip


def snapshot(o: Opportunity) -> opp_events.OpportunitySnapshot:
    return opp_events.OpportunitySnapshot(
        id=o.id, title=o.title, customer_name=o.customer_name, is_new_customer=o.is_new_customer,
        products=list(o.products), is_new_product=o.is_new_product, owner_id=o.owner_id, team=o.team,
        pipeline_id=o.pipeline_id, stage=stage_ref(o.stage), stage_entered_at=o.stage_entered_at,
        status=ev.OpportunityStatus(o.status.value), probability=o.probability,
        probability_overridden=o.probability_override is not None, value=money(o.value),
        expected_close_date=o.expected_close_date, source_id=o.source_id, difficulty=o.difficulty,
        difficulty_by_manager=o.difficulty_by_manager,
        lost_reason=o.lost_reason, lost_reason_key=o.lost_reason_key, created_at=o.created_at, updated_at=o.updated_at, closed_at=o.closed_at,
        version=o.version, account_id=o.account_id,
        contacts=[opp_events.ContactLink(contact_id=c.contact_id, role=c.role.value) for c in o.contacts],
        line_items=[line_item(line) for line in o.line_items],
    )  # fmt: skip


def opportunity_created(o: Opportunity, by: Identity) -> CloudEvent:
    data = opp_events.OpportunityCreated(opportunity=snapshot(o), by=actor(by))
    return _event("opportunity.created", o.id, o.version, data)


def _plain(value: Any) -> Any:
    """Field values as JSON-friendly facts (money as its parts, decimals as strings)."""
    if isinstance(value, Money):
        return {"amount": str(value.amount), "currency": value.currency}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, LineItem):
        return line_item(value).model_dump(mode="json")
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def opportunity_updated(
    o: Opportunity,
    by: Identity,
    changes: Sequence[tuple[str, Any, Any]],
    reasons: dict[str, str | None] | None = None,
) -> CloudEvent:
    why = reasons or {}
    data = opp_events.OpportunityUpdated(
        opportunity=snapshot(o), by=actor(by),
        changes=[opp_events.FieldChange(field=f, before=_plain(b), after=_plain(a), reason=why.get(f))
                 for f, b, a in changes],
    )  # fmt: skip
    return _event("opportunity.updated", o.id, o.version, data)


_MOVE_MODELS: dict[MoveKind, type[opp_events.StageMove]] = {
    MoveKind.STAGE_CHANGED: opp_events.OpportunityStageChanged,
    MoveKind.WON: opp_events.OpportunityWon,
    MoveKind.LOST: opp_events.OpportunityLost,
    MoveKind.REOPENED: opp_events.OpportunityReopened,
}


def win_facts(facts: WinFacts) -> opp_events.WinFacts:
    return opp_events.WinFacts(
        new_customer=facts.new_customer, new_product_ids=list(facts.new_product_ids),
        product_launches=[opp_events.ProductLaunch(product_id=p, launch_date=d) for p, d in facts.launch_dates],
        account_segment=facts.account_segment,
    )  # fmt: skip


def stage_moved(move: Move, by: Identity, facts: WinFacts | None = None) -> CloudEvent:
    o = move.after
    fields: dict[str, Any] = {
        "opportunity": snapshot(o), "by": actor(by), "from_stage": stage_ref(move.before.stage),
        "to_stage": stage_ref(o.stage), "moved_at": move.change.at,
        "seconds_in_previous_stage": move.seconds_in_previous_stage, "probability": o.probability,
        "note": move.change.note,
    }  # fmt: skip
    if move.kind is MoveKind.LOST:
        fields["reason"] = o.lost_reason or move.lost_reason_name
        fields["reason_key"] = o.lost_reason_key
        fields["reason_text"] = o.lost_reason
    if move.kind is MoveKind.WON and facts is not None:
        fields["facts"] = win_facts(facts)
    data = _MOVE_MODELS[move.kind](**fields)
    return _event(move.kind.value, o.id, o.version, data)


def close_date_changed(o: Opportunity, by: Identity) -> CloudEvent:
    last = o.close_date_history[-1]
    assert last.old is not None  # a change, not the creation entry
    data = opp_events.OpportunityCloseDateChanged(
        opportunity=snapshot(o), by=actor(by), old=last.old, new=last.new, reason=last.reason
    )
    return _event("opportunity.close_date_changed", o.id, o.version, data)


def pipeline_changed(type: str, p: Pipeline, by: Identity) -> CloudEvent:
    stages = [
        cat.StageSnapshot(
            key=s.key,
            name_zh=s.name_zh,
            name_en=s.name_en,
            kind=ev.StageKind(s.kind.value),
            probability=s.probability,
            position=s.position,
            rotting_days=s.rotting_days,
            retired=s.retired,
        )
        for s in p.stages
    ]
    snap = cat.PipelineSnapshot(
        id=p.id, name=p.name, alert_days_before_close=p.alert_days_before_close, stages=stages,
        is_default=p.is_default, version=p.version,
        lost_reasons=[
            cat.LostReasonSnapshot(key=r.key, name_zh=r.name_zh, name_en=r.name_en, retired=r.retired)
            for r in p.lost_reasons
        ],
    )  # fmt: skip
    return _event(type, p.id, p.version, cat.PipelineChanged(pipeline=snap, by=actor(by)))


def source_changed(type: str, s: Source, by: Identity) -> CloudEvent:
    snap = cat.SourceSnapshot(
        id=s.id, name=s.name, kind=ev.SourceKind(s.kind.value), starts_on=s.starts_on, ends_on=s.ends_on,
        cost=money(s.cost) if s.cost else None, version=s.version,
        costs=[cat.SourceCost(kind=ev.SourceCostKind(c.kind.value), amount=money(c.amount), starts_on=c.starts_on,
                              ends_on=c.ends_on) for c in s.all_costs],
    )  # fmt: skip
    return _event(type, s.id, s.version, cat.SourceChanged(source=snap, by=actor(by)))


def product_changed(type: str, p: Product, by: Identity) -> CloudEvent:
    snap = cat.ProductSnapshot(
        id=p.id, code=p.code, name_zh=p.name_zh, name_en=p.name_en, product_line=p.product_line,
        list_price=money(p.list_price), launch_date=p.launch_date, active=p.active, version=p.version,
    )  # fmt: skip
    return _event(type, p.id, p.version, cat.ProductChanged(product=snap, by=actor(by)))


def user_changed(type: str, u: User, by: Identity) -> CloudEvent:
    snap = cat.UserSnapshot(
        id=u.id, name=u.name, email=u.email, role=ev.Role(u.role.value), team=u.team,
        manager_id=u.manager_id, active=u.active, version=u.version, locale=u.chosen_locale,
    )  # fmt: skip
    return _event(type, u.id, u.version, cat.UserChanged(user=snap, by=actor(by)))

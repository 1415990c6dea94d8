from datetime import date, timedelta
from decimal import Decimal

from services.opportunity.domain.assignment import AssignmentEntry, AssignmentReason
from services.opportunity.domain.edits import change_close_date
from services.opportunity.domain.evidence import ActivityKind, EvidenceRequirement, new_activity
from services.opportunity.domain.moves import move_stage
from services.opportunity.domain.timeline import EntryKind, handover_brief, timeline
from tests.unit.opportunity._factories import T0, opportunity, pipeline


def act(i: int, kind: ActivityKind, days: int, stage: str = "discover", details=None, text="x"):
    return new_activity(
        activity_id=f"a{i}", opportunity_id="opp-1", kind=kind, stage_key=stage, text=text,
        occurred_at=T0 + timedelta(days=days), details=details or {}, by="rep-1", now=T0 + timedelta(days=30),
    )  # fmt: skip


def test_the_timeline_puts_moves_assignments_close_dates_and_activities_in_time_order():
    pipe = pipeline()
    opp = opportunity(pipe)
    opp = move_stage(opp, pipe, "validate", by="rep-1", now=T0 + timedelta(days=2)).after
    opp = change_close_date(opp, date(2027, 1, 31), by="rep-1", now=T0 + timedelta(days=3))
    handover = AssignmentEntry("rep-1", "rep-2", "mgr", T0 + timedelta(days=4), AssignmentReason.HANDOVER)
    entries = timeline(opp, [handover], [act(1, ActivityKind.CALL, 1)])
    assert [e.kind for e in entries] == [
        EntryKind.CREATED, EntryKind.ACTIVITY, EntryKind.STAGE_MOVE, EntryKind.CLOSE_DATE, EntryKind.ASSIGNMENT,
    ]  # fmt: skip


def test_the_brief_shows_stage_days_last_contact_next_step_last_quote_and_evidence():
    opp = opportunity()
    activities = [
        act(1, ActivityKind.NOTE, 1, text="internal note"),
        act(2, ActivityKind.CALL, 2, text="buyer wants samples", details={"next_step": "send samples"}),
        act(
            3,
            ActivityKind.QUOTE,
            3,
            details={"amount": "99000", "currency": "TWD", "valid_until": date(2026, 11, 10)},
        ),
        act(4, ActivityKind.NOTE, 4, text="waiting"),
    ]
    brief = handover_brief(
        opp, activities, [], [EvidenceRequirement(ActivityKind.SAMPLE_SENT)], now=T0 + timedelta(days=12)
    )
    assert brief.stage_key == "discover"
    assert brief.days_in_stage == 12
    assert brief.last_contact_kind is ActivityKind.QUOTE
    assert brief.next_step == "send samples"
    assert brief.last_quote is not None
    assert (brief.last_quote.amount, brief.last_quote.expired) == (str(Decimal(99000)), True)
    assert brief.evidence_counts == {"NOTE": 2, "CALL": 1, "QUOTE": 1}
    assert brief.missing_evidence == ["a sample sent activity"]


def test_a_fresh_opportunity_has_an_empty_brief():
    brief = handover_brief(opportunity(), [], [], [], now=T0)
    assert (brief.last_contact_at, brief.next_step, brief.last_quote, brief.previous_owner_id) == (None,) * 4

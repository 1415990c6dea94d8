"""Assignments, activities and attachments → contract events (see contracts/events/evidence.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from contracts.envelope import CloudEvent
from contracts.events import evidence as ev
from servicekit.identity import Identity
from services.opportunity.application.events import _event, actor, snapshot
from services.opportunity.domain.assignment import AssignmentEntry
from services.opportunity.domain.attachments import CheckedFile
from services.opportunity.domain.evidence import Activity
from services.opportunity.domain.opportunity import Opportunity


def opportunity_assigned(
    o: Opportunity, entry: AssignmentEntry, by: Identity, request_id: str | None = None
) -> CloudEvent:
    data = ev.OpportunityAssigned(
        opportunity=snapshot(o), by=actor(by), from_owner_id=entry.from_owner_id, to_owner_id=entry.to_owner_id,
        reason=ev.AssignmentReason(entry.reason.value), assigned_at=entry.at, request_id=request_id,
        note=entry.note,
    )  # fmt: skip
    return _event("opportunity.assigned", o.id, o.version, data)


def _plain(details: dict[str, Any]) -> dict[str, Any]:
    return {
        k: str(v) if isinstance(v, Decimal) else v.isoformat() if isinstance(v, date) else v
        for k, v in details.items()
    }


def activity_logged(a: Activity, o: Opportunity, by: Identity) -> CloudEvent:
    r = a.current
    snap = ev.ActivitySnapshot(
        id=a.id, opportunity_id=a.opportunity_id, kind=ev.ActivityKind(a.kind.value), stage_key=r.stage_key,
        text=r.text, occurred_at=r.occurred_at, details=_plain(dict(r.details)), revision=r.number,
        recorded_at=r.recorded_at, recorded_by=r.recorded_by, attachment_count=len(a.attachment_ids),
        due_on=a.due_on, completed_at=a.completed_at,
    )  # fmt: skip
    data = ev.ActivityLogged(activity=snap, opportunity=snapshot(o), by=actor(by), reason=r.reason)
    return _event("activity.logged", a.id, r.number, data)


def attachment_added(
    attachment_id: str, activity: Activity, file: CheckedFile, o: Opportunity, by: Identity, at: Any
) -> CloudEvent:
    snap = ev.AttachmentSnapshot(
        id=attachment_id, activity_id=activity.id, opportunity_id=o.id, filename=file.filename,
        content_type=file.content_type, size=file.size, sha256=file.sha256, uploaded_at=at,
        uploaded_by=by.user_id,
    )  # fmt: skip
    data = ev.AttachmentAdded(attachment=snap, opportunity=snapshot(o), by=actor(by))
    return _event("attachment.added", attachment_id, 1, data)

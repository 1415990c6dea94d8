"""How the service's records are stored: collection names, declared indexes, and the mapping
between documents and domain objects (close dates as ISO strings, which sort as dates)."""

from __future__ import annotations

from datetime import date
from typing import Any

from servicekit.i18n import DEFAULT_LOCALE
from servicekit.mongo import Document, Index
from services.notifications.domain.model import (
    AlertKind,
    AlertState,
    OpportunityCopy,
    PipelineCopy,
    ScheduledAlert,
    UserCopy,
    alert_id,
)

OPPORTUNITIES = "opportunities"
PIPELINES = "pipelines"
USERS = "users"
ALERTS = "alerts"
"""The schedule: one document per alert still to come, however far ahead, by its alert id (and
one per assignment summary or next-step reminder, kept once ended as their own record); the
scheduler claims from it."""
DIGESTS = "assignment_digests"
"""Per recipient, the assignment summary opened last (see ``assignment_summaries``)."""
RETIRED_WHEEL = "alert_wheel"
"""Where earlier versions listed alerts due beyond the next day; emptied at start-up
(``alert_layout.move_listed_alerts``)."""
NOTIFICATIONS = "notifications"
DELIVERIES = "deliveries"
SETTINGS = "settings"
REPLANS = "pipeline_replans"
"""Pipelines whose new thresholds are still being applied to their open opportunities."""

INDEXES = [
    # Every index of a collection is maintained on every write to it, on any server, so the
    # collections the consumer writes for every event carry only what a query needs:
    # - the copies are read by ``_id`` only ("closing within N days" is the opportunity
    #   service's list, which owns that data and its indexes);
    # - the schedule's indexes are partial: the due finder ranges over due times of PENDING
    #   alerts, the expired-lease finder over the leases of CLAIMED ones (a handful in flight).
    #   Ended summaries and reminders, which stay as their own records, are in neither.
    # What one claim won is read back by ``_id`` and lease token, and an opportunity's alerts
    # by their ids (``alert_id``), known from the opportunity's id alone.
    Index(ALERTS, [("due_at", 1)], "alerts_pending_due", partial={"state": AlertState.PENDING.value}),
    Index(
        ALERTS,
        [("lease_expires_at", 1)],
        "alerts_claimed_lease",
        partial={"state": AlertState.CLAIMED.value},
    ),
    # The inbox: one user's notifications, unread first, newest first.
    Index(
        NOTIFICATIONS,
        [("user_id", 1), ("read", 1), ("created_at", -1), ("_id", -1)],
        "inbox_user_read_created",
    ),
    Index(DELIVERIES, [("notification_id", 1)], "deliveries_notification"),
    Index(DELIVERIES, [("state", 1), ("updated_at", -1)], "deliveries_state_updated"),
    Index(USERS, [("role", 1), ("active", 1)], "users_role_active"),
]

RETIRED_INDEXES = [
    (ALERTS, "alerts_state_due"),
    (RETIRED_WHEEL, "alert_wheel_day"),
    (ALERTS, "alerts_opportunity_state"),
    (ALERTS, "alerts_state_lease"),
    (ALERTS, "alerts_lease_token"),
    (OPPORTUNITIES, "opportunities_pipeline_status_id"),
    (OPPORTUNITIES, "opportunities_status_close"),
    (OPPORTUNITIES, "opportunities_team_close"),
    (OPPORTUNITIES, "opportunities_owner_close"),
]
"""Indexes earlier versions declared: dropped at start-up (after ``INDEXES`` exist), since every
index left on a collection slows each write to it."""


ALERT_RECORDS = "alerts"
"""Field of an opportunity's copy: its alerts, one record per scheduled kind, whatever their
state (a delivered or cancelled one is remembered, so that the same close date is not alerted
twice and a reopened opportunity gets its cancelled alerts back). Read with the copy and written
with it; a record says whether the schedule holds a document for the alert (``IN_SCHEDULE``),
which is written in the same transaction. (Copies of an earlier version may record an ended
alert as held: its document then stays until the alert changes again.)"""

IN_SCHEDULE = "in_schedule"

RETIRED_PENDING_KINDS = "pending_alert_kinds"
"""Field of the copies of an earlier version (the kinds still to come), now read from
``ALERT_RECORDS``; removed by ``alert_layout.migrate_alerts``."""


def opportunity_doc(o: OpportunityCopy) -> Document:
    return {
        "_id": o.id, "title": o.title, "owner_id": o.owner_id, "team": o.team,
        "pipeline_id": o.pipeline_id, "stage_key": o.stage_key, "stage_name": o.stage_name,
        "stage_entered_at": o.stage_entered_at, "status": o.status,
        "expected_close_date": o.expected_close_date.isoformat(), "version": o.version,
    }  # fmt: skip


def opportunity_from(doc: Document) -> OpportunityCopy:
    return OpportunityCopy(
        id=doc["_id"], title=doc["title"], owner_id=doc["owner_id"], team=doc.get("team"),
        pipeline_id=doc["pipeline_id"], stage_key=doc["stage_key"], stage_name=doc.get("stage_name"),
        stage_entered_at=doc["stage_entered_at"], status=doc["status"],
        expected_close_date=date.fromisoformat(doc["expected_close_date"]), version=doc["version"],
    )  # fmt: skip


def pipeline_doc(p: PipelineCopy) -> Document:
    return {
        "_id": p.id,
        "name": p.name,
        "alert_days_before_close": p.alert_days_before_close,
        "rotting_days": p.rotting_days,
        "version": p.version,
    }


def pipeline_from(doc: Document) -> PipelineCopy:
    return PipelineCopy(
        id=doc["_id"],
        name=doc["name"],
        alert_days_before_close=doc["alert_days_before_close"],
        rotting_days=dict(doc.get("rotting_days") or {}),
        version=doc["version"],
    )


def user_doc(u: UserCopy) -> Document:
    return {
        "_id": u.id, "name": u.name, "email": u.email, "role": u.role, "team": u.team,
        "manager_id": u.manager_id, "active": u.active, "version": u.version, "locale": u.locale,
    }  # fmt: skip


def user_from(doc: Document) -> UserCopy:
    return UserCopy(
        id=doc["_id"], name=doc["name"], email=doc["email"], role=doc["role"], team=doc.get("team"),
        manager_id=doc.get("manager_id"), active=doc.get("active", True), version=doc["version"],
        locale=doc.get("locale") or DEFAULT_LOCALE,
    )  # fmt: skip


def alert_fields(a: ScheduledAlert) -> Document:
    """The fields the planner owns (lease and delivery fields are the scheduler's)."""
    return {
        "kind": a.kind.value,
        "opportunity_id": a.opportunity_id,
        "anchor": a.anchor,
        "due_at": a.due_at,
        "state": a.state.value,
        "owner_id": a.owner_id,
        "occurrence": a.occurrence,
        "opportunity_ids": list(a.opportunity_ids),
        **({"note": a.note} if a.note is not None else {}),
    }


def alert_from(doc: Document) -> ScheduledAlert:
    return ScheduledAlert(
        id=doc["_id"],
        kind=AlertKind(doc["kind"]),
        opportunity_id=doc.get("opportunity_id"),
        anchor=doc["anchor"],
        due_at=doc["due_at"],
        state=AlertState(doc["state"]),
        owner_id=doc["owner_id"],
        occurrence=doc.get("occurrence", 0),
        opportunity_ids=tuple(doc.get("opportunity_ids") or ()),
        note=doc.get("note"),
    )


def alert_record(a: ScheduledAlert, *, in_schedule: bool) -> Document:
    """An opportunity's alert as its copy records it (under ``ALERT_RECORDS``, by kind). A
    claim is the schedule's business: the record says still to come."""
    state = AlertState.PENDING if a.state == AlertState.CLAIMED else a.state
    return {
        "anchor": a.anchor, "due_at": a.due_at, "state": state.value, "owner_id": a.owner_id,
        "occurrence": a.occurrence, IN_SCHEDULE: in_schedule,
    }  # fmt: skip


def alerts_recorded(doc: Document) -> dict[AlertKind, ScheduledAlert]:
    """The alerts a copy records, by kind."""
    return {
        AlertKind(kind): ScheduledAlert(
            id=alert_id(doc["_id"], AlertKind(kind)),
            kind=AlertKind(kind),
            opportunity_id=doc["_id"],
            anchor=r["anchor"],
            due_at=r["due_at"],
            state=AlertState(r["state"]),
            owner_id=r["owner_id"],
            occurrence=r.get("occurrence", 0),
        )
        for kind, r in (doc.get(ALERT_RECORDS) or {}).items()
    }


def pending_count(doc: Document) -> int:
    """How many of the copy's alerts are still to come (read for every board: no objects built)."""
    return sum(r["state"] == AlertState.PENDING.value for r in (doc.get(ALERT_RECORDS) or {}).values())


def in_schedule(doc: Document) -> set[str]:
    """The ids of the copy's alerts that the schedule holds a document for."""
    records = doc.get(ALERT_RECORDS) or {}
    return {alert_id(doc["_id"], AlertKind(kind)) for kind, r in records.items() if r.get(IN_SCHEDULE)}


def clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}

"""How the service's records are stored: collection names, declared indexes, and the mapping
between documents and domain objects (close dates as ISO strings, which sort as dates)."""

from __future__ import annotations

from datetime import date
from typing import Any

from servicekit.mongo import Document, Index
from services.notifications.domain.model import (
    AlertKind,
    AlertState,
    OpportunityCopy,
    PipelineCopy,
    ScheduledAlert,
    UserCopy,
)

OPPORTUNITIES = "opportunities"
PIPELINES = "pipelines"
USERS = "users"
ALERTS = "alerts"
NOTIFICATIONS = "notifications"
DELIVERIES = "deliveries"
SETTINGS = "settings"
REPLANS = "pipeline_replans"
"""Pipelines whose new thresholds are still being applied to their open opportunities."""

INDEXES = [
    # Every index of a collection is paid for on every write to it (the consumer inserts alerts
    # and copies at intake speed), so each serves as many queries as it can:
    # - the scheduler's due finder: a range on due time within PENDING;
    # - the expired-lease finder: the CLAIMED prefix (the alerts in flight, a handful at a
    #   time), lease time checked on the documents read.
    # What one claim won is read back by ``_id`` and lease token (no index of its own), and an
    # opportunity's alerts by their ids (``alert_id``), known from the opportunity's id alone.
    Index(ALERTS, [("state", 1), ("due_at", 1)], "alerts_state_due"),
    # The inbox: one user's notifications, unread first, newest first.
    Index(
        NOTIFICATIONS,
        [("user_id", 1), ("read", 1), ("created_at", -1), ("_id", -1)],
        "inbox_user_read_created",
    ),
    Index(DELIVERIES, [("notification_id", 1)], "deliveries_notification"),
    Index(DELIVERIES, [("state", 1), ("updated_at", -1)], "deliveries_state_updated"),
    # The batch view "closing within N days", scoped to everyone, a team or an owner.
    Index(OPPORTUNITIES, [("status", 1), ("expected_close_date", 1)], "opportunities_status_close"),
    Index(
        OPPORTUNITIES, [("team", 1), ("status", 1), ("expected_close_date", 1)], "opportunities_team_close"
    ),
    Index(
        OPPORTUNITIES,
        [("owner_id", 1), ("status", 1), ("expected_close_date", 1)],
        "opportunities_owner_close",
    ),
    Index(USERS, [("role", 1), ("active", 1)], "users_role_active"),
]

RETIRED_INDEXES = [
    (ALERTS, "alerts_opportunity_state"),
    (ALERTS, "alerts_state_lease"),
    (ALERTS, "alerts_lease_token"),
    (OPPORTUNITIES, "opportunities_pipeline_status_id"),
]
"""Indexes earlier versions declared: dropped at start-up (after ``INDEXES`` exist), since every
index left on a collection slows each write to it."""


PENDING_KINDS = "pending_alert_kinds"
"""Field of an opportunity's copy: the kinds of its alerts still to come (``pending_kinds``),
written in the same transaction as every change of those alerts' states, so that counting
them reads the copy alone. A copy written before the field existed lacks it (``None`` from
``stored_pending_kinds``): its alerts are then read instead, until the consumer rewrites it."""


def stored_pending_kinds(doc: Document) -> list[AlertKind] | None:
    kinds = doc.get(PENDING_KINDS)
    return None if kinds is None else [AlertKind(k) for k in kinds]


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
        "manager_id": u.manager_id, "active": u.active, "version": u.version,
    }  # fmt: skip


def user_from(doc: Document) -> UserCopy:
    return UserCopy(
        id=doc["_id"], name=doc["name"], email=doc["email"], role=doc["role"], team=doc.get("team"),
        manager_id=doc.get("manager_id"), active=doc.get("active", True), version=doc["version"],
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
    )


def clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}

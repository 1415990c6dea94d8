"""Evidence at every stage: activities logged against an opportunity, and what a stage requires
before an opportunity may leave it.

Activities are append-only. A correction adds a revision; earlier revisions stay visible, and the
times the server recorded them are set by the server, never by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from services.opportunity.domain.errors import DomainError

MAX_TEXT = 10_000
CLOCK_SKEW = timedelta(minutes=10)
"""How far in the future an activity's ``occurred_at`` may be (the caller's clock may run ahead)."""

ATTACHMENT = "attachment"
PHOTO = "photo"
"""The pseudo-field met by an attached image (a photo of the sample, say)."""
"""The pseudo-field a requirement names when a file attached to the activity satisfies it."""


class ActivityKind(StrEnum):
    NOTE = "NOTE"
    CALL = "CALL"
    MEETING = "MEETING"
    EMAIL = "EMAIL"
    SAMPLE_SENT = "SAMPLE_SENT"
    QUOTE = "QUOTE"
    OTHER = "OTHER"


class EvidenceError(DomainError):
    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message, details)
        self.code = code


# Fields each kind may carry; the required ones must be present and non-empty.
KIND_FIELDS: dict[ActivityKind, tuple[frozenset[str], frozenset[str]]] = {
    ActivityKind.NOTE: (frozenset(), frozenset()),
    ActivityKind.CALL: (frozenset(), frozenset({"phone", "duration_minutes", "direction"})),
    ActivityKind.MEETING: (frozenset(), frozenset({"location", "attendees"})),
    ActivityKind.EMAIL: (frozenset(), frozenset({"subject", "to"})),
    ActivityKind.SAMPLE_SENT: (frozenset({"courier"}), frozenset({"courier", "tracking_number", "items"})),
    ActivityKind.QUOTE: (
        frozenset({"amount", "currency", "valid_until"}),
        frozenset({"amount", "currency", "valid_until", "quote_number"}),
    ),
    ActivityKind.OTHER: (frozenset(), frozenset({"label"})),
}


COMMON_FIELDS = frozenset({"next_step", "next_step_due"})
"""Any activity may say what happens next; the newest one that does is the open next step."""


def api_field(name: str) -> str:
    """A field as the API spells it (``tracking_number`` -> ``trackingNumber``): what rules and
    error details show, so a front end can point at the input that needs filling."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def field_from_api(name: str) -> str:
    """The stored spelling of a field named either way (``trackingNumber`` or ``tracking_number``):
    rules saved before the API spelling was adopted keep working."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", lambda m: "_" + m.group(1).lower(), name.strip())


def _api_fields(names: Iterable[str]) -> list[str]:
    return [api_field(n) for n in names]


@dataclass(frozen=True)
class Revision:
    number: int
    text: str
    occurred_at: datetime
    stage_key: str
    details: Mapping[str, Any]
    recorded_at: datetime
    recorded_by: str
    reason: str | None = None
    completed_at: datetime | None = None
    """When the activity's next step was done; later corrections keep it."""


@dataclass(frozen=True)
class Activity:
    id: str
    opportunity_id: str
    kind: ActivityKind
    revisions: tuple[Revision, ...]
    attachment_ids: tuple[str, ...] = field(default=())
    attachment_types: tuple[str, ...] = field(default=())
    """The sniffed content type of each attached file, in the same order."""

    @property
    def current(self) -> Revision:
        return self.revisions[-1]

    @property
    def stage_key(self) -> str:
        return self.current.stage_key

    @property
    def occurred_at(self) -> datetime:
        return self.current.occurred_at

    @property
    def completed_at(self) -> datetime | None:
        return self.current.completed_at

    @property
    def due_on(self) -> date | None:
        """The day its next step is due (its owner is reminded that day), if it has one."""
        due = self.current.details.get("next_step_due")
        return due if isinstance(due, date) else None


def check_details(kind: ActivityKind, details: Mapping[str, Any]) -> dict[str, Any]:
    """The kind-specific fields, cleaned: unknown fields and missing required ones are refused,
    and a quote's amount is a non-negative Decimal with a three-letter currency."""
    required, own = KIND_FIELDS[kind]
    allowed = own | COMMON_FIELDS
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in details.items() if v not in (None, "")}
    unknown = sorted(set(cleaned) - allowed)
    if unknown:
        raise EvidenceError(
            "BAD_USER_INPUT",
            f"{kind.value} does not take {', '.join(_api_fields(unknown))}; "
            f"it takes {', '.join(sorted(_api_fields(allowed))) or 'no fields'}.",
            {"field": api_field(unknown[0]), "allowed": sorted(_api_fields(allowed))},
        )
    missing = sorted(required - set(cleaned))
    if missing:
        raise EvidenceError(
            "BAD_USER_INPUT",
            f"{kind.value} needs {', '.join(_api_fields(missing))}.",
            {"field": api_field(missing[0]), "missing": _api_fields(missing)},
        )
    if kind is ActivityKind.QUOTE:
        cleaned["amount"] = _quote_amount(cleaned["amount"])
        cleaned["currency"] = str(cleaned["currency"]).upper()
        if len(cleaned["currency"]) != 3 or not cleaned["currency"].isalpha():
            raise EvidenceError(
                "UNKNOWN_CURRENCY", "A quote's currency is an ISO 4217 code.", {"field": "currency"}
            )
        if not isinstance(cleaned["valid_until"], date):
            raise EvidenceError("BAD_USER_INPUT", "validUntil is a date.", {"field": "validUntil"})
    if "next_step_due" in cleaned and not isinstance(cleaned["next_step_due"], date):
        raise EvidenceError("BAD_USER_INPUT", "nextStepDue is a date.", {"field": "nextStepDue"})
    return cleaned


def _quote_amount(raw: Any) -> Decimal:
    try:
        amount = Decimal(str(raw))
    except InvalidOperation as exc:
        raise EvidenceError("BAD_USER_INPUT", f"{raw!r} is not an amount.", {"field": "amount"}) from exc
    if not amount.is_finite() or amount < 0:
        raise EvidenceError("BAD_USER_INPUT", "A quote's amount is zero or more.", {"field": "amount"})
    return amount


def _check_text_and_time(text: str, occurred_at: datetime, now: datetime) -> str:
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise EvidenceError("BAD_USER_INPUT", f"Text is limited to {MAX_TEXT} characters.", {"field": "text"})
    if occurred_at.tzinfo is None:
        raise EvidenceError("BAD_USER_INPUT", "occurredAt needs a time zone.", {"field": "occurredAt"})
    if occurred_at > now + CLOCK_SKEW:
        raise EvidenceError("BAD_USER_INPUT", "occurredAt is in the future.", {"field": "occurredAt"})
    return text


def new_activity(
    *,
    activity_id: str,
    opportunity_id: str,
    kind: ActivityKind,
    stage_key: str,
    text: str,
    occurred_at: datetime | None,
    details: Mapping[str, Any],
    by: str,
    now: datetime,
) -> Activity:
    """The first revision; ``now`` is the server's clock and also the default ``occurred_at``."""
    when = occurred_at or now
    revision = Revision(
        number=1, text=_check_text_and_time(text, when, now), occurred_at=when, stage_key=stage_key,
        details=check_details(kind, details), recorded_at=now, recorded_by=by,
    )  # fmt: skip
    return Activity(id=activity_id, opportunity_id=opportunity_id, kind=kind, revisions=(revision,))


def revise(
    activity: Activity,
    *,
    text: str | None,
    occurred_at: datetime | None,
    details: Mapping[str, Any] | None,
    stage_key: str | None,
    reason: str | None,
    by: str,
    now: datetime,
) -> Activity:
    """A correction: a new revision built on the current one; what is not given is kept."""
    current = activity.current
    when = occurred_at or current.occurred_at
    revision = Revision(
        number=current.number + 1,
        text=_check_text_and_time(current.text if text is None else text, when, now),
        occurred_at=when,
        stage_key=stage_key or current.stage_key,
        details=current.details if details is None else check_details(activity.kind, details),
        recorded_at=now,
        recorded_by=by,
        reason=reason,
        completed_at=current.completed_at,
    )
    return replace(activity, revisions=(*activity.revisions, revision))


def complete(activity: Activity, *, by: str, now: datetime) -> Activity:
    """The next step done: a revision like the current one, marked completed (a reminder still
    pending for it is cancelled). Completing twice is refused."""
    if activity.completed_at is not None:
        raise EvidenceError("ACTIVITY_COMPLETED", "The activity is already completed.", {"id": activity.id})
    current = activity.current
    revision = replace(
        current, number=current.number + 1, recorded_at=now, recorded_by=by, reason="completed",
        completed_at=now,
    )  # fmt: skip
    return replace(activity, revisions=(*activity.revisions, revision))


@dataclass(frozen=True)
class EvidenceRequirement:
    """Before leaving the stage, at least one activity of ``kind`` logged in it, carrying at
    least one of ``any_of`` (field names, or ``"attachment"`` for a file) when that is given."""

    kind: ActivityKind
    any_of: tuple[str, ...] = ()
    description: str | None = None

    def describe(self) -> str:
        if self.description:
            return self.description
        what = f"a {self.kind.value.lower().replace('_', ' ')} activity"
        if self.any_of:
            names = {ATTACHMENT: "a file", PHOTO: "a photo"}
            options = " or ".join(names.get(f, f"a {f.replace('_', ' ')}") for f in self.any_of)
            what += f" with {options}"
        return what

    def is_met_by(self, activity: Activity) -> bool:
        if activity.kind is not self.kind:
            return False
        if not self.any_of:
            return True
        return any(_has(activity, name) for name in self.any_of)


def _has(activity: Activity, name: str) -> bool:
    if name == ATTACHMENT:
        return bool(activity.attachment_ids)
    if name == PHOTO:
        return any(t.startswith("image/") for t in activity.attachment_types)
    return bool(activity.current.details.get(name))


def check_requirements(requirements: Sequence[EvidenceRequirement]) -> tuple[EvidenceRequirement, ...]:
    """The requirements with their fields in the stored spelling; either spelling is accepted."""
    checked = []
    for requirement in requirements:
        any_of = tuple(field_from_api(name) for name in requirement.any_of)
        allowed = KIND_FIELDS[requirement.kind][1] | {ATTACHMENT, PHOTO}
        bad = [api_field(name) for name in any_of if name not in allowed]
        if bad:
            raise EvidenceError(
                "BAD_USER_INPUT",
                f"{requirement.kind.value} activities have no field {', '.join(bad)}.",
                {"field": "anyOf", "allowed": sorted(_api_fields(allowed))},
            )
        checked.append(replace(requirement, any_of=any_of))
    return tuple(checked)


def missing_evidence(
    requirements: Sequence[EvidenceRequirement], stage_key: str, activities: Iterable[Activity]
) -> list[EvidenceRequirement]:
    """The requirements not met by the activities logged in ``stage_key`` (current revisions)."""
    in_stage = [a for a in activities if a.stage_key == stage_key]
    return [r for r in requirements if not any(r.is_met_by(a) for a in in_stage)]

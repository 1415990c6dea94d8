"""Why deals are lost: a list each pipeline keeps, so lost deals can be counted by reason.

An administrator adds, renames and retires reasons; keys are never reused, so a lost deal's
reason key always names an entry. ``other`` is always on the list and always active, and a deal
lost for "other" must say why in words. Losing a deal takes an active key from its pipeline's
list; the free text is optional beside any other key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from services.opportunity.domain.errors import DomainError, InvalidInput, LostReasonRequired

if TYPE_CHECKING:
    from services.opportunity.domain.pipeline import Pipeline

OTHER = "other"
MAX_REASONS = 50
MAX_TEXT = 1000
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class LostReasonNotFound(DomainError):
    code = "LOST_REASON_NOT_FOUND"


class LostReasonRetired(DomainError):
    code = "LOST_REASON_RETIRED"


@dataclass(frozen=True)
class LostReason:
    key: str
    name_zh: str
    name_en: str
    retired: bool = False


DEFAULT_LOST_REASONS: tuple[LostReason, ...] = (
    LostReason("price", "價格", "Price"),
    LostReason("competitor", "競爭對手", "Went with a competitor"),
    LostReason("no_budget", "無預算", "No budget"),
    LostReason("timing", "時機不對", "Timing"),
    LostReason("no_decision", "未做決定", "No decision"),
    LostReason(OTHER, "其他", "Other"),
)
"""What a pipeline starts with (and what one stored before the list existed reads as)."""


def _name(field: str, value: str) -> str:
    text = (value or "").strip()
    if not 1 <= len(text) <= 80:
        raise InvalidInput(field, f"{field} must be 1 to 80 characters.")
    return text


def _changed(pipeline: Pipeline, reasons: Sequence[LostReason], now: datetime) -> Pipeline:
    return replace(pipeline, lost_reasons=tuple(reasons), updated_at=now, version=pipeline.version + 1)


def find_reason(pipeline: Pipeline, key: str) -> LostReason:
    for reason in pipeline.lost_reasons:
        if reason.key == key:
            return reason
    raise LostReasonNotFound(
        f"Pipeline {pipeline.name!r} has no lost reason {key!r}.",
        {"field": "lostReasonKey", "lostReasonKey": key, "allowed": active_keys(pipeline)},
    )


def active_keys(pipeline: Pipeline) -> list[str]:
    return [r.key for r in pipeline.lost_reasons if not r.retired]


def add_reason(pipeline: Pipeline, reason: LostReason, now: datetime) -> Pipeline:
    if not _KEY.match(reason.key or ""):
        raise InvalidInput(
            "key", "A reason key is 1-40 lowercase letters, digits or _, starting with a letter."
        )
    if any(r.key == reason.key for r in pipeline.lost_reasons):
        raise InvalidInput("key", f"Lost reason key {reason.key!r} is already used in this pipeline.")
    if len(pipeline.lost_reasons) >= MAX_REASONS:
        raise InvalidInput("key", f"A pipeline keeps at most {MAX_REASONS} lost reasons.")
    added = LostReason(reason.key, _name("nameZh", reason.name_zh), _name("nameEn", reason.name_en))
    return _changed(pipeline, [*pipeline.lost_reasons, added], now)


def rename_reason(
    pipeline: Pipeline, key: str, now: datetime, *, name_zh: str | None = None, name_en: str | None = None
) -> Pipeline:
    """Rename a reason; deals lost for it keep its key, so reports show the new name."""
    current = find_reason(pipeline, key)
    renamed = replace(
        current,
        name_zh=current.name_zh if name_zh is None else _name("nameZh", name_zh),
        name_en=current.name_en if name_en is None else _name("nameEn", name_en),
    )
    return _changed(pipeline, [renamed if r.key == key else r for r in pipeline.lost_reasons], now)


def retire_reason(pipeline: Pipeline, key: str, now: datetime) -> Pipeline:
    """Stop offering a reason; deals already lost for it keep it."""
    current = find_reason(pipeline, key)
    if key == OTHER:
        raise InvalidInput(
            "key", '"other" is always offered: a deal may be lost for a reason not on the list.'
        )
    if current.retired:
        return pipeline
    return _changed(
        pipeline, [replace(r, retired=True) if r.key == key else r for r in pipeline.lost_reasons], now
    )


def check_lost_reason(pipeline: Pipeline, key: str | None, text: str | None) -> tuple[str, str | None]:
    """The reason a deal is lost for: an active key of the pipeline's list, and the text
    (required with ``other``, at most ``MAX_TEXT`` characters)."""
    words = (text or "").strip() or None
    if not (key or "").strip():
        raise LostReasonRequired(
            "lostReasonKey",
            "Pick why the deal was lost from the pipeline's list.",
            allowed=active_keys(pipeline),
        )
    reason = find_reason(pipeline, (key or "").strip())
    if reason.retired:
        raise LostReasonRetired(
            f"Lost reason {reason.key!r} is retired; pick another.",
            {"field": "lostReasonKey", "lostReasonKey": reason.key, "allowed": active_keys(pipeline)},
        )
    if reason.key == OTHER and words is None:
        raise LostReasonRequired("lostReason", 'With "other", say why the deal was lost.')
    if words is not None and len(words) > MAX_TEXT:
        raise InvalidInput("lostReason", f"At most {MAX_TEXT} characters.")
    return reason.key, words

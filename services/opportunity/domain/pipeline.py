"""Pipelines: a company's ordered stages, each with a default win probability and a kind.

Rules: stage keys are unique and never reused, exactly one active WON stage (probability 100),
at least one active LOST stage (probability 0) and one active OPEN stage. Stages are retired,
never deleted, so every opportunity's history still names a stage that exists; history keeps
the names a stage had when the move happened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from services.opportunity.domain.errors import InvalidInput, StageNotFound, StageRetired
from services.opportunity.domain.lost_reasons import DEFAULT_LOST_REASONS, LostReason

DEFAULT_ALERT_DAYS = 7
MAX_STAGES = 50
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class StageKind(StrEnum):
    OPEN = "OPEN"
    WON = "WON"
    LOST = "LOST"


@dataclass(frozen=True)
class Stage:
    key: str
    name_zh: str
    name_en: str
    probability: int
    kind: StageKind = StageKind.OPEN
    position: int = 0
    rotting_days: int | None = None
    retired: bool = False

    @property
    def is_closed(self) -> bool:
        return self.kind is not StageKind.OPEN


@dataclass(frozen=True)
class Pipeline:
    id: str
    name: str
    stages: tuple[Stage, ...]
    created_at: datetime
    updated_at: datetime
    alert_days_before_close: int = DEFAULT_ALERT_DAYS
    is_default: bool = False
    version: int = 1
    lost_reasons: tuple[LostReason, ...] = DEFAULT_LOST_REASONS
    """Why its deals may be lost (domain/lost_reasons.py)."""

    def stage(self, key: str) -> Stage:
        for stage in self.stages:
            if stage.key == key:
                return stage
        raise StageNotFound(f"Pipeline {self.name!r} has no stage {key!r}.", {"stageKey": key})

    def active_stage(self, key: str) -> Stage:
        """A stage an opportunity may move into."""
        stage = self.stage(key)
        if stage.retired:
            raise StageRetired(f"Stage {key!r} is retired; pick another.", {"stageKey": key})
        return stage

    @property
    def active_stages(self) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if not s.retired)

    @property
    def first_open_stage(self) -> Stage:
        return next(s for s in self.active_stages if s.kind is StageKind.OPEN)


def _text(field: str, value: str, limit: int = 80) -> str:
    text = (value or "").strip()
    if not 1 <= len(text) <= limit:
        raise InvalidInput(field, f"{field} must be 1 to {limit} characters.")
    return text


def check_stage(stage: Stage) -> Stage:
    if not _KEY.match(stage.key or ""):
        raise InvalidInput(
            "key", "A stage key is 1-40 lowercase letters, digits or _, starting with a letter."
        )
    if not 0 <= stage.probability <= 100:
        raise InvalidInput("probability", "A stage's probability is 0 to 100.", stageKey=stage.key)
    if stage.kind is StageKind.WON and stage.probability != 100:
        raise InvalidInput("probability", "The WON stage's probability is 100.", stageKey=stage.key)
    if stage.kind is StageKind.LOST and stage.probability != 0:
        raise InvalidInput("probability", "A LOST stage's probability is 0.", stageKey=stage.key)
    if stage.rotting_days is not None and not 1 <= stage.rotting_days <= 3650:
        raise InvalidInput("rottingDays", "Rotting days are 1 to 3650.", stageKey=stage.key)
    return replace(stage, name_zh=_text("nameZh", stage.name_zh), name_en=_text("nameEn", stage.name_en))


def check_stages(stages: Sequence[Stage]) -> tuple[Stage, ...]:
    """Validate a whole stage list and number the positions in list order."""
    if not 3 <= len(stages) <= MAX_STAGES:
        raise InvalidInput("stages", f"A pipeline has 3 to {MAX_STAGES} stages.")
    checked = [replace(check_stage(s), position=i) for i, s in enumerate(stages)]
    keys = [s.key for s in checked]
    if len(set(keys)) != len(keys):
        raise InvalidInput("stages", "Stage keys must be unique.")
    active = [s for s in checked if not s.retired]
    kinds = [s.kind for s in active]
    if kinds.count(StageKind.WON) != 1:
        raise InvalidInput("stages", "A pipeline has exactly one active WON stage.")
    if StageKind.LOST not in kinds:
        raise InvalidInput("stages", "A pipeline has at least one active LOST stage.")
    if StageKind.OPEN not in kinds:
        raise InvalidInput("stages", "A pipeline has at least one active OPEN stage.")
    return tuple(checked)


def check_alert_days(days: int) -> int:
    if not 0 <= days <= 365:
        raise InvalidInput("alertDaysBeforeClose", "Alert days are 0 to 365.")
    return days


def define_pipeline(
    *, id: str, name: str, stages: Sequence[Stage], now: datetime,
    alert_days_before_close: int = DEFAULT_ALERT_DAYS, is_default: bool = False,
) -> Pipeline:  # fmt: skip
    return Pipeline(
        id=id, name=_text("name", name, 100), stages=check_stages(stages), created_at=now, updated_at=now,
        alert_days_before_close=check_alert_days(alert_days_before_close), is_default=is_default,
    )  # fmt: skip


def _changed(pipeline: Pipeline, stages: Sequence[Stage], now: datetime) -> Pipeline:
    return replace(pipeline, stages=check_stages(stages), updated_at=now, version=pipeline.version + 1)


def add_stage(pipeline: Pipeline, stage: Stage, now: datetime, position: int | None = None) -> Pipeline:
    """Insert a new stage (at the end by default). Keys of retired stages are not reused."""
    if any(s.key == stage.key for s in pipeline.stages):
        raise InvalidInput("key", f"Stage key {stage.key!r} is already used in this pipeline.")
    stages = list(pipeline.stages)
    at = len(stages) if position is None else max(0, min(position, len(stages)))
    stages.insert(at, stage)
    return _changed(pipeline, stages, now)


def update_stage(
    pipeline: Pipeline, key: str, now: datetime, *, name_zh: str | None = None, name_en: str | None = None,
    probability: int | None = None, rotting_days: int | None = None, clear_rotting: bool = False,
) -> Pipeline:  # fmt: skip
    """Rename a stage or change its default probability or rotting threshold. History keeps the
    old names: each move recorded the names the stage had at the time."""
    current = pipeline.stage(key)
    updated = replace(
        current,
        name_zh=current.name_zh if name_zh is None else name_zh,
        name_en=current.name_en if name_en is None else name_en,
        probability=current.probability if probability is None else probability,
        rotting_days=None
        if clear_rotting
        else (current.rotting_days if rotting_days is None else rotting_days),
    )
    return _changed(pipeline, [updated if s.key == key else s for s in pipeline.stages], now)


def reorder_stages(pipeline: Pipeline, keys: Sequence[str], now: datetime) -> Pipeline:
    """Put the stages in the given order; every key (retired ones too) named exactly once."""
    by_key = {s.key: s for s in pipeline.stages}
    if sorted(keys) != sorted(by_key):
        raise InvalidInput(
            "stageKeys", "Name every stage of the pipeline exactly once.", expected=sorted(by_key)
        )
    return _changed(pipeline, [by_key[k] for k in keys], now)


def retire_stage(pipeline: Pipeline, key: str, now: datetime) -> Pipeline:
    """Stop offering a stage. Opportunities in it stay there until moved; their history keeps it."""
    current = pipeline.stage(key)
    if current.retired:
        return pipeline
    return _changed(pipeline, [replace(s, retired=True) if s.key == key else s for s in pipeline.stages], now)


def change_settings(
    pipeline: Pipeline, now: datetime, *, name: str | None = None, alert_days_before_close: int | None = None
) -> Pipeline:
    return replace(
        pipeline,
        name=pipeline.name if name is None else _text("name", name, 100),
        alert_days_before_close=(
            pipeline.alert_days_before_close
            if alert_days_before_close is None
            else check_alert_days(alert_days_before_close)
        ),
        updated_at=now,
        version=pipeline.version + 1,
    )


DEFAULT_PIPELINE_ID = "default"

_DEFAULT_STAGES: tuple[tuple[str, str, str, int, StageKind], ...] = (
    ("discover", "發現機會", "Discover", 10, StageKind.OPEN),
    ("validate", "驗證機會", "Validate", 20, StageKind.OPEN),
    ("needs_analysis", "需求分析", "Needs analysis", 30, StageKind.OPEN),
    ("value_proposition", "價值說明", "Value proposition", 40, StageKind.OPEN),
    ("decision_makers", "確定決策者", "Identify decision makers", 50, StageKind.OPEN),
    ("perception_analysis", "認知分析", "Perception analysis", 60, StageKind.OPEN),
    ("proposal", "建議報價", "Proposal/quote", 75, StageKind.OPEN),
    ("negotiation", "談判審核", "Negotiation/review", 90, StageKind.OPEN),
    ("won", "中標", "Won", 100, StageKind.WON),
    ("lost", "客戶流失", "Lost", 0, StageKind.LOST),
)


def default_pipeline(now: datetime) -> Pipeline:
    """The software company's pipeline from the brief, seeded at first start-up."""
    stages = [Stage(key, zh, en, p, kind) for key, zh, en, p, kind in _DEFAULT_STAGES]
    return define_pipeline(id=DEFAULT_PIPELINE_ID, name="Default", stages=stages, now=now, is_default=True)

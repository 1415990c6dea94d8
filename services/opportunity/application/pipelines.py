"""Pipeline administration (admins only): define, add/rename/reorder/retire stages, keep the
list of lost reasons, settings.

Every change publishes ``pipeline.created`` or ``pipeline.updated`` with the whole pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from servicekit.identity import Identity
from services.opportunity.application import events
from services.opportunity.application.access import require_admin
from services.opportunity.application.ports import Ports
from services.opportunity.domain import lost_reasons
from services.opportunity.domain import pipeline as rules
from services.opportunity.domain.errors import Conflict, PipelineNotFound
from services.opportunity.domain.lost_reasons import LostReason
from services.opportunity.domain.pipeline import Pipeline, Stage


@dataclass(frozen=True)
class CreatePipeline:
    name: str
    stages: Sequence[Stage]
    alert_days_before_close: int = rules.DEFAULT_ALERT_DAYS


async def create_pipeline(cmd: CreatePipeline, identity: Identity, ports: Ports) -> Pipeline:
    require_admin(identity, "define pipelines")
    pipeline = rules.define_pipeline(
        id=ports.new_id(), name=cmd.name, stages=cmd.stages, now=ports.clock(),
        alert_days_before_close=cmd.alert_days_before_close,
    )  # fmt: skip
    await ports.pipelines.add(pipeline, [events.pipeline_changed("pipeline.created", pipeline, identity)])
    return pipeline


async def change_pipeline(
    id: str, expected_version: int, identity: Identity, ports: Ports,
    change: Callable[[Pipeline, datetime], Pipeline],
) -> Pipeline:  # fmt: skip
    """Load, apply one rule, save at the expected version with one ``pipeline.updated``."""
    require_admin(identity, "change pipelines")
    pipeline = await ports.pipelines.get(id)
    if pipeline is None:
        raise PipelineNotFound(f"No pipeline {id!r}.", {"pipelineId": id})
    if pipeline.version != expected_version:
        raise Conflict(
            f"The pipeline is at version {pipeline.version}, not {expected_version}; reload it.",
            {"expectedVersion": expected_version, "currentVersion": pipeline.version},
        )
    after = change(pipeline, ports.clock())
    if after is pipeline:
        return pipeline
    await ports.pipelines.save(
        after, expected_version, [events.pipeline_changed("pipeline.updated", after, identity)]
    )
    return after


async def add_stage(
    id: str, expected_version: int, stage: Stage, position: int | None, identity: Identity, ports: Ports
) -> Pipeline:
    return await change_pipeline(
        id, expected_version, identity, ports, lambda p, now: rules.add_stage(p, stage, now, position)
    )


@dataclass(frozen=True)
class StageEdits:
    name_zh: str | None = None
    name_en: str | None = None
    probability: int | None = None
    rotting_days: int | None = None
    clear_rotting: bool = False


async def update_stage(
    id: str, expected_version: int, key: str, edits: StageEdits, identity: Identity, ports: Ports
) -> Pipeline:
    def apply(p: Pipeline, now: datetime) -> Pipeline:
        return rules.update_stage(
            p, key, now, name_zh=edits.name_zh, name_en=edits.name_en, probability=edits.probability,
            rotting_days=edits.rotting_days, clear_rotting=edits.clear_rotting,
        )  # fmt: skip

    return await change_pipeline(id, expected_version, identity, ports, apply)


async def reorder_stages(
    id: str, expected_version: int, keys: Sequence[str], identity: Identity, ports: Ports
) -> Pipeline:
    return await change_pipeline(
        id, expected_version, identity, ports, lambda p, now: rules.reorder_stages(p, keys, now)
    )


async def retire_stage(
    id: str, expected_version: int, key: str, identity: Identity, ports: Ports
) -> Pipeline:
    return await change_pipeline(
        id, expected_version, identity, ports, lambda p, now: rules.retire_stage(p, key, now)
    )


async def add_lost_reason(
    id: str, expected_version: int, reason: LostReason, identity: Identity, ports: Ports
) -> Pipeline:
    return await change_pipeline(
        id, expected_version, identity, ports, lambda p, now: lost_reasons.add_reason(p, reason, now)
    )


async def rename_lost_reason(
    id: str, expected_version: int, key: str, identity: Identity, ports: Ports, *,
    name_zh: str | None = None, name_en: str | None = None,
) -> Pipeline:  # fmt: skip
    def apply(p: Pipeline, now: datetime) -> Pipeline:
        return lost_reasons.rename_reason(p, key, now, name_zh=name_zh, name_en=name_en)

    return await change_pipeline(id, expected_version, identity, ports, apply)


async def retire_lost_reason(
    id: str, expected_version: int, key: str, identity: Identity, ports: Ports
) -> Pipeline:
    return await change_pipeline(
        id, expected_version, identity, ports, lambda p, now: lost_reasons.retire_reason(p, key, now)
    )


async def change_settings(
    id: str, expected_version: int, identity: Identity, ports: Ports, *, name: str | None = None,
    alert_days_before_close: int | None = None,
) -> Pipeline:  # fmt: skip
    def apply(p: Pipeline, now: datetime) -> Pipeline:
        return rules.change_settings(p, now, name=name, alert_days_before_close=alert_days_before_close)

    return await change_pipeline(id, expected_version, identity, ports, apply)

"""What reports need to know of pipelines, lead sources and users: the newest snapshot of each."""

from __future__ import annotations

from dataclasses import dataclass, field

from contracts.events.catalog import PipelineSnapshot, SourceSnapshot, StageSnapshot, UserSnapshot


@dataclass(frozen=True)
class Catalog:
    pipelines: dict[str, PipelineSnapshot] = field(default_factory=dict)
    sources: dict[str, SourceSnapshot] = field(default_factory=dict)
    users: dict[str, UserSnapshot] = field(default_factory=dict)

    def open_stages(self, pipeline_id: str) -> list[StageSnapshot]:
        """The pipeline's open stages in order (retired ones included: history still holds them)."""
        pipeline = self.pipelines.get(pipeline_id)
        if pipeline is None:
            return []
        return sorted((s for s in pipeline.stages if s.kind == "OPEN"), key=lambda s: s.position)

    def stage(self, pipeline_id: str, key: str) -> StageSnapshot | None:
        pipeline = self.pipelines.get(pipeline_id)
        return next((s for s in pipeline.stages if s.key == key), None) if pipeline else None

    def user_name(self, user_id: str) -> str | None:
        user = self.users.get(user_id)
        return user.name if user else None

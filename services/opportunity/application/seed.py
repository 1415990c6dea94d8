"""Seed the default pipeline once, through the outbox so ``pipeline.created`` is published.

Safe to run from every API instance at every start: the pipeline has a fixed id, so a second
insert fails on the key and is ignored.
"""

from __future__ import annotations

import contextlib

from servicekit.identity import SYSTEM
from services.opportunity.application import events
from services.opportunity.application.ports import Ports
from services.opportunity.domain.errors import AlreadyExists
from services.opportunity.domain.pipeline import Pipeline, default_pipeline


async def seed_default_pipeline(ports: Ports) -> Pipeline:
    existing = await ports.pipelines.default()
    if existing is not None:
        return existing
    pipeline = default_pipeline(ports.clock())
    with contextlib.suppress(AlreadyExists):  # another instance seeded it first
        await ports.pipelines.add(pipeline, [events.pipeline_changed("pipeline.created", pipeline, SYSTEM)])
    return await ports.pipelines.get(pipeline.id) or pipeline

"""Evidence use cases: log and correct activities, set what a stage requires, attach files, and
the gate that refuses a deal past a stage whose evidence is missing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from servicekit.identity import Identity
from services.opportunity.application._loading import load_pipeline
from services.opportunity.application.access import require_admin, visible
from services.opportunity.application.account_access import visible_contact
from services.opportunity.application.account_page import readable
from services.opportunity.application.evidence_events import activity_logged, attachment_added
from services.opportunity.application.ports import Ports
from services.opportunity.application.work_ports import StoredFile, WorkPorts
from services.opportunity.domain.attachments import check_upload
from services.opportunity.domain.errors import Conflict, NotFound
from services.opportunity.domain.evidence import (
    Activity,
    ActivityKind,
    EvidenceRequirement,
    check_requirements,
    complete,
    new_activity,
    revise,
)
from services.opportunity.domain.opportunity import Opportunity
from services.opportunity.domain.pipeline import Pipeline
from services.opportunity.domain.stage_gates import (
    require_evidence_on_the_way,
    stage_reached,
    stages_to_prove,
)


@dataclass(frozen=True)
class LogActivity:
    opportunity_id: str
    kind: ActivityKind
    text: str = ""
    stage_key: str | None = None
    occurred_at: datetime | None = None
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReviseActivity:
    activity_id: str
    expected_revision: int
    reason: str | None = None
    text: str | None = None
    occurred_at: datetime | None = None
    stage_key: str | None = None
    details: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class CompleteActivity:
    activity_id: str
    expected_revision: int


@dataclass(frozen=True)
class SetStageEvidence:
    pipeline_id: str
    stage_key: str
    requirements: Sequence[EvidenceRequirement]


@dataclass(frozen=True)
class AttachFile:
    activity_id: str
    filename: str
    claimed_type: str | None
    data: bytes


async def _opportunity(ports: Ports, identity: Identity, opportunity_id: str) -> Opportunity:
    return visible(identity, await ports.opportunities.get(opportunity_id), opportunity_id)


async def _activity(
    ports: Ports, work: WorkPorts, identity: Identity, activity_id: str
) -> tuple[Activity, Opportunity]:
    activity = await work.evidence.get(activity_id)
    if activity is None:
        raise NotFound(f"No activity {activity_id!r}.", {"id": activity_id})
    try:
        return activity, await _opportunity(ports, identity, activity.opportunity_id)
    except NotFound:
        raise NotFound(f"No activity {activity_id!r}.", {"id": activity_id}) from None


async def log_activity(cmd: LogActivity, identity: Identity, ports: Ports, work: WorkPorts) -> Activity:
    opportunity = await _opportunity(ports, identity, cmd.opportunity_id)
    stage_key = cmd.stage_key or opportunity.stage.key
    if cmd.stage_key:
        (await load_pipeline(ports, opportunity.pipeline_id)).stage(cmd.stage_key)  # raises STAGE_NOT_FOUND
    activity = new_activity(
        activity_id=ports.new_id(), opportunity_id=opportunity.id, kind=cmd.kind, stage_key=stage_key,
        text=cmd.text, occurred_at=cmd.occurred_at, details=cmd.details, by=identity.user_id, now=ports.clock(),
    )  # fmt: skip
    await work.evidence.add(activity, [activity_logged(activity, opportunity, identity)])
    return activity


async def revise_activity(cmd: ReviseActivity, identity: Identity, ports: Ports, work: WorkPorts) -> Activity:
    activity, opportunity = await _activity(ports, work, identity, cmd.activity_id)
    if activity.current.number != cmd.expected_revision:
        raise Conflict(
            f"The activity is at revision {activity.current.number}, not {cmd.expected_revision}; reload it.",
            {"expectedRevision": cmd.expected_revision, "currentRevision": activity.current.number},
        )
    if cmd.stage_key:
        (await load_pipeline(ports, opportunity.pipeline_id)).stage(cmd.stage_key)
    revised = revise(
        activity, text=cmd.text, occurred_at=cmd.occurred_at, details=cmd.details, stage_key=cmd.stage_key,
        reason=cmd.reason, by=identity.user_id, now=ports.clock(),
    )  # fmt: skip
    await work.evidence.append_revision(revised, [activity_logged(revised, opportunity, identity)])
    return revised


async def complete_activity(
    cmd: CompleteActivity, identity: Identity, ports: Ports, work: WorkPorts
) -> Activity:
    activity, opportunity = await _activity(ports, work, identity, cmd.activity_id)
    if activity.current.number != cmd.expected_revision:
        raise Conflict(
            f"The activity is at revision {activity.current.number}, not {cmd.expected_revision}; reload it.",
            {"expectedRevision": cmd.expected_revision, "currentRevision": activity.current.number},
        )
    completed = complete(activity, by=identity.user_id, now=ports.clock())
    await work.evidence.append_revision(completed, [activity_logged(completed, opportunity, identity)])
    return completed


async def activities_of(
    identity: Identity, opportunity_id: str, ports: Ports, work: WorkPorts
) -> list[Activity]:
    # Read rights include the account owner's (a successor reads the closed deals' evidence).
    await readable(identity, await ports.opportunities.get(opportunity_id), opportunity_id, work.accounts)
    return await work.evidence.of_opportunity(opportunity_id)


async def set_stage_evidence(
    cmd: SetStageEvidence, identity: Identity, ports: Ports, work: WorkPorts
) -> list[EvidenceRequirement]:
    require_admin(identity, "set what a stage requires")
    pipeline = await load_pipeline(ports, cmd.pipeline_id)
    pipeline.stage(cmd.stage_key)
    requirements = check_requirements(cmd.requirements)
    await work.evidence.set_requirements(
        pipeline.id, cmd.stage_key, requirements, identity.user_id, ports.clock()
    )
    return list(requirements)


class EvidenceGate:
    """What the use cases ask before a deal reaches a stage: the one rule in
    ``domain/stage_gates.py``, fed with the pipeline's rules and the deal's activities."""

    def __init__(self, work: WorkPorts) -> None:
        self._work = work

    async def check_move(self, opportunity: Opportunity, pipeline: Pipeline, to_key: str) -> None:
        from_key = stage_reached(opportunity)
        if not stages_to_prove(pipeline, from_key, to_key):
            return
        rules = await self._work.evidence.rules_of_pipeline(pipeline.id)
        if not rules:
            return
        activities = await self._work.evidence.of_opportunity(opportunity.id)
        require_evidence_on_the_way(pipeline, from_key, to_key, rules, activities)

    async def check_start(self, pipeline: Pipeline, stage_key: str) -> None:
        """A new deal has no activities yet: starting past a gated stage is refused."""
        if not stages_to_prove(pipeline, None, stage_key):
            return
        rules = await self._work.evidence.rules_of_pipeline(pipeline.id)
        require_evidence_on_the_way(pipeline, None, stage_key, rules, ())


async def attach_file(cmd: AttachFile, identity: Identity, ports: Ports, work: WorkPorts) -> StoredFile:
    activity, opportunity = await _activity(ports, work, identity, cmd.activity_id)
    policy = work.attachment_policy
    checked = check_upload(
        filename=cmd.filename, claimed_type=cmd.claimed_type, data=cmd.data, policy=policy,
        files_already_attached=len(activity.attachment_ids),
    )  # fmt: skip
    attachment_id = ports.new_id()
    now = ports.clock()
    event = attachment_added(attachment_id, activity, checked, opportunity, identity, now)
    return await work.attachments.store(
        attachment_id=attachment_id, activity_id=activity.id, opportunity_id=opportunity.id, file=checked,
        data=cmd.data, by=identity.user_id, now=now, limit=policy.max_files_per_activity, events=[event],
    )  # fmt: skip


async def open_attachment(
    identity: Identity, attachment_id: str, ports: Ports, work: WorkPorts
) -> StoredFile:
    """The file's description, if the caller may see its opportunity (or, for a business-card
    photo, its contact); else not found."""
    stored = await work.attachments.get(attachment_id)
    if stored is None:
        raise NotFound(f"No attachment {attachment_id!r}.", {"id": attachment_id})
    try:
        if stored.contact_id is not None:
            await visible_contact(identity, work.accounts, stored.contact_id)
        else:
            await _opportunity(ports, identity, stored.opportunity_id)
    except NotFound:
        raise NotFound(f"No attachment {attachment_id!r}.", {"id": attachment_id}) from None
    return stored

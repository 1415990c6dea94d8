"""Evidence mutations: log and correct activities, attach files (GraphQL multipart request),
set a stage's requirements."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.file_uploads import Upload

from services.opportunity.api.context import Info
from services.opportunity.api.evidence.permissions import AUTHENTICATED
from services.opportunity.api.evidence.types import (
    Activity,
    ActivityDetailsInput,
    ActivityKind,
    Attachment,
    EvidenceRequirementInput,
    EvidenceRequirementType,
)
from services.opportunity.application import evidence
from services.opportunity.domain.attachments import AttachmentError
from services.opportunity.domain.evidence import EvidenceRequirement


@strawberry.input
class LogActivityInput:
    opportunity_id: strawberry.ID
    kind: ActivityKind
    text: str = ""
    stage_key: str | None = strawberry.field(
        default=None, description="Default: the opportunity's current stage."
    )
    occurred_at: datetime | None = strawberry.field(default=None, description="Default: now (server clock).")
    details: ActivityDetailsInput | None = None


@strawberry.input
class ReviseActivityInput:
    activity_id: strawberry.ID
    expected_revision: int
    reason: str | None = None
    text: str | None = None
    occurred_at: datetime | None = None
    stage_key: str | None = None
    details: ActivityDetailsInput | None = strawberry.field(
        default=None, description="Replaces the details when given."
    )


@strawberry.input
class CompleteActivityInput:
    activity_id: strawberry.ID
    expected_revision: int


@strawberry.input
class SetStageEvidenceInput:
    pipeline_id: strawberry.ID
    stage_key: str
    requirements: list[EvidenceRequirementInput]


async def _read_limited(upload: Upload, limit: int) -> bytes:
    # One byte past the limit is enough to know the file is too large; never read it all.
    data: bytes = await upload.read(limit + 1)  # type: ignore[attr-defined]
    return data


@strawberry.type
class EvidenceMutations:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def log_activity(self, info: Info, input: LogActivityInput) -> Activity:
        ctx = info.context
        cmd = evidence.LogActivity(
            opportunity_id=input.opportunity_id, kind=input.kind, text=input.text, stage_key=input.stage_key,
            occurred_at=input.occurred_at, details=input.details.to_dict() if input.details else {},
        )  # fmt: skip
        return Activity.from_domain(await evidence.log_activity(cmd, ctx.identity, ctx.ports, ctx.work))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A correction: adds a revision.")
    async def revise_activity(self, info: Info, input: ReviseActivityInput) -> Activity:
        ctx = info.context
        cmd = evidence.ReviseActivity(
            activity_id=input.activity_id, expected_revision=input.expected_revision, reason=input.reason,
            text=input.text, occurred_at=input.occurred_at, stage_key=input.stage_key,
            details=input.details.to_dict() if input.details else None,
        )  # fmt: skip
        return Activity.from_domain(await evidence.revise_activity(cmd, ctx.identity, ctx.ports, ctx.work))

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Mark the activity's next step done: adds a revision; its reminder is cancelled.",
    )
    async def complete_activity(self, info: Info, input: CompleteActivityInput) -> Activity:
        ctx = info.context
        cmd = evidence.CompleteActivity(
            activity_id=input.activity_id, expected_revision=input.expected_revision
        )
        return Activity.from_domain(await evidence.complete_activity(cmd, ctx.identity, ctx.ports, ctx.work))

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Upload files as a GraphQL multipart request."
    )
    async def attach_files(
        self, info: Info, activity_id: strawberry.ID, files: list[Upload]
    ) -> list[Attachment]:
        ctx = info.context
        policy = ctx.work.attachment_policy
        if not files:
            raise AttachmentError("BAD_USER_INPUT", "Send at least one file.", {"field": "files"})
        stored = []
        for upload in files:
            cmd = evidence.AttachFile(
                activity_id=activity_id, filename=getattr(upload, "filename", "") or "",
                claimed_type=getattr(upload, "content_type", None), data=await _read_limited(upload, policy.max_bytes),
            )  # fmt: skip
            stored.append(
                Attachment.from_domain(await evidence.attach_file(cmd, ctx.identity, ctx.ports, ctx.work))
            )
        return stored

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Administrators only.")
    async def set_stage_evidence(
        self, info: Info, input: SetStageEvidenceInput
    ) -> list[EvidenceRequirementType]:
        ctx = info.context
        cmd = evidence.SetStageEvidence(
            pipeline_id=input.pipeline_id, stage_key=input.stage_key,
            requirements=[EvidenceRequirement(r.kind, tuple(r.any_of), r.description) for r in input.requirements],
        )  # fmt: skip
        result = await evidence.set_stage_evidence(cmd, ctx.identity, ctx.ports, ctx.work)
        return [EvidenceRequirementType.from_domain(r) for r in result]

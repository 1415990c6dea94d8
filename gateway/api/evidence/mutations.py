"""Recording evidence: activities on one's own opportunities (managers: their team's), files
attached to them, and (administrators) what each stage requires."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from gateway.api.common.permissions import IsAdmin, IsSignedIn
from gateway.api.context import Context
from gateway.api.evidence.types import (
    Activity,
    Attachment,
    CompleteActivityInput,
    EvidenceRequirement,
    LogActivityInput,
    ReviseActivityInput,
    SetStageEvidenceInput,
)
from gateway.api.raw import served, to_variables


async def _forward(info: Info[Context, None], name: str, payload: Any) -> Any:
    api = info.context.loaders.apis.opportunity
    return served(await api.mutate(info.context.caller, name, to_variables(payload)))


@strawberry.type
class EvidenceMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn], description="Record a call, meeting, sample, quote ..."
    )
    async def log_activity(self, info: Info[Context, None], input: LogActivityInput) -> Activity:
        return await _forward(info, "logActivity", input)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="A correction: adds a revision. The opportunity service checks it is yours to correct.",
    )
    async def revise_activity(self, info: Info[Context, None], input: ReviseActivityInput) -> Activity:
        return await _forward(info, "reviseActivity", input)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description=(
            "Mark an activity's next step done: adds a revision, and its due-date reminder is "
            "cancelled. The opportunity service checks it is yours to change."
        ),
    )
    async def complete_activity(self, info: Info[Context, None], input: CompleteActivityInput) -> Activity:
        return await _forward(info, "completeActivity", input)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Attach files (a GraphQL multipart request) to an activity on an opportunity you may change.",
    )
    async def attach_files(
        self, info: Info[Context, None], activity_id: strawberry.ID, files: list[Upload]
    ) -> list[Attachment]:
        api = info.context.loaders.apis.opportunity
        uploads: list[tuple[str, bytes, str]] = []
        for upload in files:
            received: Any = upload  # starlette's UploadFile at run time
            uploads.append((received.filename or "file", await received.read(), received.content_type or ""))
        return served(await api.attach_files(info.context.caller, str(activity_id), uploads))

    @strawberry.mutation(
        permission_classes=[IsAdmin], description="What must be logged before leaving a stage."
    )
    async def set_stage_evidence(
        self, info: Info[Context, None], input: SetStageEvidenceInput
    ) -> list[EvidenceRequirement]:
        return await _forward(info, "setStageEvidence", input)

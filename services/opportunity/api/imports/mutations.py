"""Import mutations: upload a CSV (GraphQL multipart request), get the validation report at once
and a job whose progress ``importJob`` reports."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.file_uploads import Upload

from services.opportunity.api.assignment.types import DistributionStrategy
from services.opportunity.api.context import Info
from services.opportunity.api.imports.permissions import AUTHENTICATED
from services.opportunity.api.imports.types import ImportJob, ImportMode
from services.opportunity.application.import_opportunities import StartImport, run_import, start_import
from services.opportunity.domain.column_mapping import ImportField
from services.opportunity.domain.imports import ImportFileError

MAX_FILE_BYTES = 20 * 1024 * 1024


@strawberry.input
class ColumnChoice:
    column: str = strawberry.field(description="The column's header, or its 1-based number.")
    field: ImportField


@strawberry.input
class ImportOpportunitiesInput:
    file: Upload
    to_user_ids: list[strawberry.ID] = strawberry.field(
        description="One rep, or several to distribute across."
    )
    strategy: DistributionStrategy = DistributionStrategy.ROUND_ROBIN
    weight_by_amount: bool = False
    source_id: strawberry.ID | None = strawberry.field(
        default=None, description="The trade show, for example."
    )
    pipeline_id: strawberry.ID | None = None
    expected_close_date: date | None = None
    close_in_days: int | None = strawberry.field(
        default=None, description="Instead of a date: days from today."
    )
    default_currency: str = "TWD"
    mode: ImportMode = ImportMode.VALID_ROWS
    dry_run: bool = strawberry.field(
        default=False, description="Only validate and propose the columns' fields; create nothing."
    )
    mapping: list[ColumnChoice] | None = strawberry.field(
        default=None, description="Your choice of field for some columns; the others are proposed."
    )


@strawberry.type
class ImportMutations:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def import_opportunities(self, info: Info, input: ImportOpportunitiesInput) -> ImportJob:
        ctx = info.context
        data: bytes = await input.file.read(MAX_FILE_BYTES + 1)  # type: ignore[attr-defined]
        if len(data) > MAX_FILE_BYTES:
            raise ImportFileError("CSV_TOO_LARGE", f"Files are limited to {MAX_FILE_BYTES} bytes.")
        cmd = StartImport(
            data=data, filename=getattr(input.file, "filename", "") or "import.csv",
            to_user_ids=[str(u) for u in input.to_user_ids], strategy=input.strategy,
            weight_by_amount=input.weight_by_amount, source_id=input.source_id, pipeline_id=input.pipeline_id,
            expected_close_date=input.expected_close_date, close_in_days=input.close_in_days,
            default_currency=input.default_currency, mode=input.mode, dry_run=input.dry_run,
            mapping={c.column: c.field for c in input.mapping} if input.mapping else None,
        )  # fmt: skip
        job = await start_import(cmd, ctx.identity, ctx.ports, ctx.work, max_rows=ctx.work.import_max_rows)
        if job["status"] == "QUEUED":
            ctx.work.background.start(
                run_import(job["_id"], ctx.ports, ctx.work), name=f"import-{job['_id']}"
            )
        return ImportJob.from_job(job)

"""GraphQL types of import jobs."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from services.opportunity.domain.column_mapping import ImportField
from services.opportunity.domain.column_mapping import MatchedBy as ColumnMatchedBy
from services.opportunity.domain.import_plan import ImportMode

strawberry.enum(ImportMode, name="ImportMode")
strawberry.enum(ImportField, name="ImportField")
strawberry.enum(ColumnMatchedBy, name="ColumnMatchedBy")


@strawberry.type
class ImportColumn:
    """A column of the file and the field it was read as (the proposal, on a dry run)."""

    position: int = strawberry.field(description="1-based, as a spreadsheet counts columns.")
    header: str
    field: ImportField
    matched_by: ColumnMatchedBy = strawberry.field(
        description="CHOSEN by you, SAVED from the source's last file, by HEADER, by VALUES, or NONE (kept as a note)."
    )
    samples: list[str]


@strawberry.type
class ImportProblem:
    line: int = strawberry.field(description="Line in the file as a spreadsheet shows it (the header is 1).")
    field: str | None
    reason: str


@strawberry.type
class ImportDuplicate:
    line: int
    reason: str
    opportunity_id: strawberry.ID | None = strawberry.field(description="The open opportunity it duplicates.")
    earlier_line: int | None = strawberry.field(description="The earlier line of the same file it repeats.")


@strawberry.enum
class CardMatch(Enum):
    NAME = "NAME"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    TAX_NUMBER = "TAX_NUMBER"
    CREATED = "CREATED"


@strawberry.type
class ImportLink:
    """What one card became: its opportunity, and the account and contact it was linked to —
    an existing one (matched by name, e-mail or phone) or one it created."""

    line: int
    opportunity_id: strawberry.ID
    account_id: strawberry.ID
    account_match: CardMatch
    contact_id: strawberry.ID
    contact_match: CardMatch

    @classmethod
    def from_doc(cls, d: dict[str, Any]) -> ImportLink:
        return cls(
            line=d["line"], opportunity_id=strawberry.ID(d["opportunity_id"]), account_id=strawberry.ID(d["account_id"]),
            account_match=CardMatch(d["account_match"]), contact_id=strawberry.ID(d["contact_id"]),
            contact_match=CardMatch(d["contact_match"]),
        )  # fmt: skip


@strawberry.type
class ImportJob:
    id: strawberry.ID
    status: str = strawberry.field(
        description="VALIDATED (dry run), REJECTED, QUEUED, RUNNING, DONE or FAILED."
    )
    filename: str
    encoding: str = strawberry.field(description="utf-8 or big5, as read.")
    mode: ImportMode
    total_rows: int
    valid_rows: int
    to_create: int
    processed: int
    created: int
    percent_done: int
    problems: list[ImportProblem]
    duplicates: list[ImportDuplicate]
    created_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    error: str | None
    links: list[ImportLink] = strawberry.field(description="Per imported line, in file order.")
    columns: list[ImportColumn] = strawberry.field(description="How each column was read.")
    warnings: list[str] = strawberry.field(description="Columns kept as notes or ignored.")

    @classmethod
    def from_job(cls, job: dict[str, Any]) -> ImportJob:
        to_create = job["to_create"]
        return cls(
            id=strawberry.ID(job["_id"]), status=job["status"], filename=job["filename"], encoding=job["encoding"],
            mode=ImportMode(job["mode"]), total_rows=job["total_rows"], valid_rows=job["valid_rows"],
            to_create=to_create, processed=job["processed"], created=job["created"],
            percent_done=100 if not to_create else job["processed"] * 100 // to_create,
            problems=[ImportProblem(line=p["line"], field=p["field"], reason=p["reason"]) for p in job["problems"]],
            duplicates=[
                ImportDuplicate(
                    line=d["line"], reason=d["reason"],
                    opportunity_id=strawberry.ID(d["opportunity_id"]) if d.get("opportunity_id") else None,
                    earlier_line=d.get("earlier_line"),
                )
                for d in job["duplicates"]
            ],
            created_at=job.get("created_at"), started_at=job.get("started_at"), finished_at=job.get("finished_at"),
            error=job.get("error"),
            links=[ImportLink.from_doc(d) for d in sorted(job.get("links", []), key=lambda d: d["line"])],
            columns=[
                ImportColumn(
                    position=c["position"] + 1, header=c["header"], field=ImportField(c["field"]),
                    matched_by=ColumnMatchedBy(c["matched_by"]), samples=c.get("samples", []),
                )
                for c in job.get("columns", [])
            ],
            warnings=job.get("warnings", []),
        )  # fmt: skip


@strawberry.type
class LeadContact:
    """Who to talk to, as the lead was captured (for example from a business card at a trade show)."""

    company: str
    contact: str
    title: str | None
    phone: str | None
    email: str | None
    product_interest: str | None
    notes: str | None
    import_job_id: strawberry.ID | None
    line: int | None

    @classmethod
    def from_doc(cls, d: dict[str, Any]) -> LeadContact:
        return cls(
            company=d["company"], contact=d["contact"], title=d.get("title"), phone=d.get("phone"),
            email=d.get("email"), product_interest=d.get("product_interest"), notes=d.get("notes"),
            import_job_id=strawberry.ID(d["import_job_id"]) if d.get("import_job_id") else None, line=d.get("line"),
        )  # fmt: skip

"""Importing a trade-show stack from a CSV file.

``start_import`` checks every row first and answers with the report (bad rows with line and
reason, duplicates flagged). In all-or-nothing mode a bad row refuses the file; otherwise a job
is queued with who gets which row decided up front, and ``run_import`` creates the opportunities
chunk by chunk while the job's progress can be queried.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from servicekit.identity import Identity
from servicekit.logs import get_logger
from services.opportunity.application._loading import check_source, load_pipeline
from services.opportunity.application.assign import assignee, assignees
from services.opportunity.application.assignment_ports import OwnerChange
from services.opportunity.application.events import opportunity_created
from services.opportunity.application.evidence_events import opportunity_assigned
from services.opportunity.application.import_matching import match_cards
from services.opportunity.application.ports import Ports
from services.opportunity.application.work_ports import WorkPorts
from services.opportunity.domain.assignment import (
    AssignmentReason,
    BatchItem,
    DistributionStrategy,
    assign_new,
    distribute,
)
from services.opportunity.domain.column_mapping import ImportField, remembered
from services.opportunity.domain.edits import NewOpportunity, create
from services.opportunity.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from services.opportunity.domain.import_plan import (
    Duplicate,
    ImportMode,
    ImportStatus,
    flag_repeats_within_file,
    lead_title,
    rows_to_import,
)
from services.opportunity.domain.imports import ImportRow, parse_csv
from services.opportunity.domain.money import Money, parse_currency
from services.opportunity.domain.opportunity import check_close_date
from services.opportunity.domain.user import User

log = get_logger(__name__)
CHUNK = 500
STALE_AFTER = timedelta(minutes=2)
"""A running job whose runner has not committed a chunk for this long may be taken over."""


@dataclass(frozen=True)
class StartImport:
    data: bytes
    filename: str
    to_user_ids: Sequence[str]
    """One rep gets every row; several share them by ``strategy``."""
    strategy: DistributionStrategy = DistributionStrategy.ROUND_ROBIN
    weight_by_amount: bool = False
    source_id: str | None = None
    pipeline_id: str | None = None
    expected_close_date: date | None = None
    close_in_days: int | None = None
    default_currency: str = "TWD"
    mode: ImportMode = ImportMode.VALID_ROWS
    dry_run: bool = False
    mapping: Mapping[str, ImportField] | None = None
    """The user's column → field choices (by header or 1-based column number); the rest is
    proposed, from the source's saved mapping first. A dry run answers with the proposal."""


def _close_date(cmd: StartImport, today: date) -> date:
    if cmd.expected_close_date is not None:
        return check_close_date(cmd.expected_close_date)
    if cmd.close_in_days is None:
        raise InvalidInput(
            "expectedCloseDate", "Give a default expected close date or a number of days from today."
        )
    if not 0 <= cmd.close_in_days <= 3650:
        raise InvalidInput("closeInDays", "Days from today are 0 to 3650.")
    return check_close_date(today + timedelta(days=cmd.close_in_days))


async def start_import(
    cmd: StartImport, identity: Identity, ports: Ports, work: WorkPorts, *, max_rows: int
) -> dict[str, Any]:
    """Validate the whole file and queue the job (unless refused or a dry run); returns the job."""
    if not (identity.is_admin or identity.is_manager):
        raise Forbidden("Only a manager or an administrator imports opportunities.")
    now = ports.clock()
    close = _close_date(cmd, now.date())
    currency = parse_currency(cmd.default_currency, "defaultCurrency")
    pipeline = await load_pipeline(ports, cmd.pipeline_id)
    if ports.evidence_gate is not None:  # imported leads start in the first open stage
        await ports.evidence_gate.check_start(pipeline, pipeline.first_open_stage.key)
    await check_source(ports, cmd.source_id)
    reps = await assignees(identity, ports.users, list(dict.fromkeys(cmd.to_user_ids)))
    if not reps:
        raise InvalidInput("toUserIds", "Name the rep (or reps) who receive the imported opportunities.")
    saved = await work.imports.saved_mapping(cmd.source_id) if cmd.source_id else {}
    parsed = parse_csv(
        cmd.data, default_currency=currency, max_rows=max_rows, chosen=cmd.mapping, saved=saved
    )
    duplicates = await _duplicates(parsed.rows, work)
    rows = rows_to_import(parsed, duplicates)
    refused = cmd.mode is ImportMode.ALL_OR_NOTHING and bool(parsed.problems)
    job_id = ports.new_id()
    owners: list[str] = []
    if rows and not refused:
        loads = await work.assignments.open_load([r.user_id for r in reps])
        plan = distribute(
            [BatchItem(str(r.line), r.amount) for r in rows], [loads[r.user_id] for r in reps], cmd.strategy,
            weight_by_amount=cmd.weight_by_amount,
        )  # fmt: skip
        owners = [plan[str(r.line)] for r in rows]
    status = ImportStatus.REJECTED if refused else ImportStatus.QUEUED
    job: dict[str, Any] = {
        "_id": job_id, "status": status.value, "dry_run": cmd.dry_run, "filename": cmd.filename,
        "encoding": parsed.encoding, "mode": cmd.mode.value,
        "by": {"user_id": identity.user_id, "role": identity.role, "team": identity.team, "name": identity.name},
        "source_id": cmd.source_id, "pipeline_id": pipeline.id, "expected_close_date": close.isoformat(),
        "default_currency": currency,
        "total_rows": parsed.total, "valid_rows": len(parsed.rows), "to_create": 0 if refused else len(rows),
        "processed": 0, "created": 0, "owners": owners,
        "problems": [{"line": p.line, "field": p.field, "reason": p.reason} for p in parsed.problems],
        "duplicates": [vars(d) for d in duplicates],
        "columns": [
            {"position": c.position, "header": c.header, "field": c.field.value, "matched_by": c.matched_by.value,
             "samples": list(c.samples)}
            for c in parsed.columns
        ],
        "warnings": parsed.warnings,
        "created_at": now, "started_at": None, "finished_at": None, "error": None,
    }  # fmt: skip
    if cmd.dry_run:
        job["status"] = ImportStatus.REJECTED.value if refused else "VALIDATED"
        return job
    await work.imports.save_file(job_id, cmd.filename, cmd.data)
    await work.imports.create_job(job)
    if cmd.source_id and not refused:
        # The next show's file from this source is read the same way.
        await work.imports.save_mapping(cmd.source_id, remembered(parsed.columns), now)
    return job


async def _duplicates(rows: list[ImportRow], work: WorkPorts) -> list[Duplicate]:
    existing = await work.imports.open_duplicates([k for r in rows for k in r.duplicate_keys])
    repeats = flag_repeats_within_file(rows)
    flagged: list[Duplicate] = []
    for row in rows:
        match = next((existing[k] for k in row.duplicate_keys if k in existing), None)
        if match is not None:
            flagged.append(
                Duplicate(row.line, "an open opportunity has the same company and email, or phone", match)
            )
        elif row.line in repeats:
            flagged.append(
                Duplicate(row.line, "the same lead is on an earlier line", earlier_line=repeats[row.line])
            )
    return flagged


async def run_import(
    job_id: str, ports: Ports, work: WorkPorts, *, on_progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Create the job's opportunities from where its progress stands; safe to call again after a
    crash (finished chunks are not repeated)."""
    job = await work.imports.get_job(job_id, with_plan=True)
    if job is None:
        raise NotFound(f"No import job {job_id!r}.", {"id": job_id})
    if job["status"] not in (
        ImportStatus.QUEUED.value,
        ImportStatus.RUNNING.value,
        ImportStatus.FAILED.value,
    ):
        return job  # refused, a dry run, or done
    runner = ports.new_id()
    now = ports.clock()
    if not await work.imports.claim(job_id, runner, now, now - STALE_AFTER):
        return job  # another process is running it and still reporting progress
    try:
        await _create_rows(job, runner, ports, work, on_progress)
    except Conflict:
        log.warning("import job taken over by another runner", job_id=job_id)
        raise
    except asyncio.CancelledError:
        await work.imports.release(job_id, runner)  # stopping: the next start carries it on
        raise
    except Exception as exc:
        log.error("import job failed", job_id=job_id, exc_info=exc)
        await work.imports.update_job(job_id, {"status": ImportStatus.FAILED.value, "error": str(exc)[:500]})
        raise
    await work.imports.update_job(job_id, {"status": ImportStatus.DONE.value, "finished_at": ports.clock()})
    done = await work.imports.get_job(job_id)
    assert done is not None
    return done


def resume_unfinished_imports(ids: list[str], ports: Ports, work: WorkPorts) -> None:
    """At start-up: carry on with jobs a stopped process left queued or running. A job whose
    runner still reports progress is left to it (``run_import`` only claims a quiet one)."""
    for job_id in ids:
        work.background.start(run_import(job_id, ports, work), name=f"import-{job_id}")


async def _create_rows(
    job: dict[str, Any],
    runner: str,
    ports: Ports,
    work: WorkPorts,
    on_progress: Callable[[int, int], None] | None,
) -> None:
    by = job["by"]
    identity = Identity(user_id=by["user_id"], role=by["role"], team=by.get("team"), name=by.get("name"))
    data = await work.imports.read_file(job["_id"])
    chosen = {str(c["position"] + 1): ImportField(c["field"]) for c in job.get("columns", [])}
    parsed = parse_csv(
        data,
        default_currency=job["default_currency"],
        max_rows=max(job["total_rows"], 1),
        chosen=chosen or None,
    )
    skipped = {d["line"] for d in job["duplicates"]}
    rows = [r for r in parsed.rows if r.line not in skipped]
    pipeline = await load_pipeline(ports, job["pipeline_id"])
    close = date.fromisoformat(job["expected_close_date"])
    done = job["processed"]
    for start in range(done, len(rows), CHUNK):
        # Checked before each chunk, not once: someone may leave while a long import runs, and
        # must not receive new work from then on.
        owners = await _active_owners(ports, job["owners"][start : start + CHUNK])
        now = ports.clock()
        created = []
        for row, owner_id in zip(
            rows[start : start + CHUNK], job["owners"][start : start + CHUNK], strict=True
        ):
            owner = owners[owner_id]
            lead = NewOpportunity(
                title=lead_title(row), customer_name=row.company, value=Money(row.amount, row.currency),
                expected_close_date=close, owner_id=owner.id, pipeline_id=pipeline.id,
                products=(row.product_interest,) if row.product_interest else (), source_id=job["source_id"],
            )  # fmt: skip
            oid = uuid.uuid5(uuid.NAMESPACE_URL, f"pipewise:import:{job['_id']}:{row.line}").hex
            o = create(lead, id=oid, pipeline=pipeline, team=owner.team, by=identity.user_id, now=now)
            created.append((o, row))
        matched = await match_cards(
            job, [r for _, r in created], [o for o, _ in created], owners, identity, work.accounts, now
        )
        created = list(zip(matched.opportunities, [r for _, r in created], strict=True))
        # Each card's owner is an assignment like any other, recorded in the owner history and
        # published at the version after the creation: subscribers to opportunity.assigned learn
        # of imported work too, and each event has a sequence of its own.
        reason = AssignmentReason.DISTRIBUTION if len(set(job["owners"])) > 1 else AssignmentReason.BULK
        events = [*matched.events]
        owner_changes = []
        for o, _ in created:
            after, entry = assign_new(o, by=identity.user_id, now=now, reason=reason)
            events += [
                opportunity_created(o, identity),
                opportunity_assigned(after, entry, identity, job["_id"]),
            ]
            owner_changes.append(OwnerChange(after, o.version, entry))
        created = [(change.after, row) for change, (_, row) in zip(owner_changes, created, strict=True)]
        await work.imports.commit_chunk(
            job["_id"], runner, start, created, events, now, records=matched.records, links=matched.links,
            owner_changes=owner_changes,
        )  # fmt: skip
        if on_progress is not None:
            on_progress(start + len(created), len(rows))


async def _active_owners(ports: Ports, owner_ids: list[str]) -> dict[str, User]:
    unique = list(dict.fromkeys(owner_ids))
    owners = await ports.users.get_many(unique)
    for owner_id in unique:
        assignee(owners.get(owner_id), owner_id)
    return owners

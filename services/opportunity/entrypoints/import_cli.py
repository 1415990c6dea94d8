"""Import a trade-show CSV from the command line, with a progress bar:

    python -m services.opportunity.entrypoints.import_cli leads.csv --to rep-1 --close-in-days 60
    python -m services.opportunity.entrypoints.import_cli leads.csv --to rep-1 --to rep-2 \\
        --strategy FEWEST_OPEN --source <source id> --mode ALL_OR_NOTHING
    python -m services.opportunity.entrypoints.import_cli leads.csv --to rep-1 --close-in-days 60 \\
        --dry-run --map 攤位=ignore --map 5=product_interest      # see and adjust the columns
    python -m services.opportunity.entrypoints.import_cli --resume <job id>

It talks to the service's database with the same settings as the API (MONGODB_URL,
OPPORTUNITY_DATABASE), runs the same use cases, and acts as the system (an administrator)
unless ``--as-user`` names a user. Exit status: 0 imported, 1 refused or failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from servicekit import tracing
from servicekit.identity import SYSTEM, Identity
from servicekit.logs import configure_logging
from servicekit.mongo import open_client
from services.opportunity.application.import_opportunities import StartImport, run_import, start_import
from services.opportunity.bootstrap import Wiring, prepare, wire
from services.opportunity.domain.assignment import DistributionStrategy
from services.opportunity.domain.column_mapping import ImportField, MappingError, parse_choice
from services.opportunity.domain.errors import DomainError
from services.opportunity.domain.import_plan import ImportMode
from services.opportunity.settings import OpportunitySettings

console = Console(stderr=True)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="import_cli", description="Import opportunities from a CSV file.")
    parser.add_argument("file", nargs="?", type=Path, help="CSV file (UTF-8, UTF-8 with BOM, or Big5)")
    parser.add_argument(
        "--to", dest="to_user_ids", action="append", default=[], help="rep id; repeat to distribute"
    )
    parser.add_argument("--strategy", choices=[s.value for s in DistributionStrategy], default="ROUND_ROBIN")
    parser.add_argument("--weight-by-amount", action="store_true")
    parser.add_argument("--source", dest="source_id")
    parser.add_argument("--pipeline", dest="pipeline_id")
    parser.add_argument(
        "--close-date", type=date.fromisoformat, help="default expected close date, YYYY-MM-DD"
    )
    parser.add_argument("--close-in-days", type=int, help="or: days from today")
    parser.add_argument("--currency", default="TWD", help="for rows without one")
    parser.add_argument("--mode", choices=[m.value for m in ImportMode], default=ImportMode.VALID_ROWS.value)
    parser.add_argument("--dry-run", action="store_true", help="validate only, and show the columns' fields")
    parser.add_argument(
        "--map",
        dest="mapping",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read a column (header or 1-based number) as a field; repeat. Fields: "
        + ", ".join(f.value for f in ImportField),
    )
    parser.add_argument("--resume", metavar="JOB_ID", help="finish a job a stopped process left running")
    parser.add_argument("--as-user", help="act as this user instead of the system")
    args = parser.parse_args(argv)
    try:
        args.mapping = dict(parse_choice(choice) for choice in args.mapping)
    except MappingError as exc:
        parser.error(exc.message)
    if not args.resume and (args.file is None or not args.to_user_ids):
        parser.error("give a FILE and at least one --to (or --resume JOB_ID)")
    return args


async def _identity(wiring: Wiring, user_id: str | None) -> Identity:
    if user_id is None:
        return SYSTEM
    user = await wiring.ports.users.get(user_id)
    if user is None:
        raise SystemExit(f"no user {user_id!r}")
    return Identity(user_id=user.id, role=user.role.value, team=user.team, name=user.name)


def _columns(job: dict[str, Any]) -> None:
    """How each column was read: the proposal to adjust with --map."""
    table = Table(title="Columns (adjust with --map COLUMN=FIELD)")
    for column in ("#", "header", "field", "how", "samples"):
        table.add_column(column)
    for c in job.get("columns", []):
        table.add_row(
            str(c["position"] + 1), c["header"], c["field"], c["matched_by"].lower(), " | ".join(c["samples"])
        )
    console.print(table)
    for warning in job.get("warnings", []):
        console.print(f"[yellow]warning[/]: {warning}")


def _report(job: dict[str, Any]) -> None:
    _columns(job)
    console.print(
        f"[bold]{job['filename']}[/] ({job['encoding']}): {job['total_rows']} rows, {job['valid_rows']} valid, "
        f"{len(job['duplicates'])} duplicates flagged, {job['to_create']} to create — {job['status']}"
    )
    for title, rows, columns in (
        ("Rows with problems", job["problems"], ("line", "field", "reason")),
        (
            "Duplicates (not imported)",
            job["duplicates"],
            ("line", "reason", "opportunity_id", "earlier_line"),
        ),
    ):
        if not rows:
            continue
        table = Table(title=f"{title} ({len(rows)}, first 20)")
        for column in columns:
            table.add_column(column)
        for row in rows[:20]:
            table.add_row(*(str(row.get(c) if row.get(c) is not None else "") for c in columns))
        console.print(table)


async def run(args: argparse.Namespace, settings: OpportunitySettings) -> int:
    client = open_client(settings.mongodb_url)
    try:
        wiring = wire(settings, client)
        await prepare(wiring)
        if args.resume:
            job_id = args.resume
        else:
            cmd = StartImport(
                data=args.file.read_bytes(), filename=args.file.name, to_user_ids=args.to_user_ids,
                strategy=DistributionStrategy(args.strategy), weight_by_amount=args.weight_by_amount,
                source_id=args.source_id, pipeline_id=args.pipeline_id, expected_close_date=args.close_date,
                close_in_days=args.close_in_days, default_currency=args.currency, mode=ImportMode(args.mode),
                dry_run=args.dry_run, mapping=args.mapping or None,
            )  # fmt: skip
            identity = await _identity(wiring, args.as_user)
            job = await start_import(
                cmd, identity, wiring.ports, wiring.work, max_rows=settings.import_max_rows
            )
            _report(job)
            if job["status"] != "QUEUED":
                return 0 if job["status"] == "VALIDATED" else 1
            job_id = job["_id"]
        columns = (TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("import", total=None)
            done = await run_import(
                job_id, wiring.ports, wiring.work,
                on_progress=lambda n, total: progress.update(task, completed=n, total=total),
            )  # fmt: skip
        if done["status"] == "RUNNING":
            console.print(f"job {job_id} is being run by another process ({done['processed']} rows so far)")
            return 1
        console.print(f"job {job_id}: {done['status']}, {done['created']} opportunities created")
        return 0 if done["status"] == "DONE" else 1
    except DomainError as exc:
        console.print(f"[red]{exc.code}[/]: {exc.message}")
        return 1
    finally:
        await client.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    settings = OpportunitySettings()
    configure_logging("opportunity-import", "WARNING", json=settings.log_json)
    tracing.configure_tracing("opportunity-import")
    return asyncio.run(run(args, settings))


if __name__ == "__main__":
    sys.exit(main())

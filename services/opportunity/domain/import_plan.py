"""What an import job does with the rows that passed: which are skipped as duplicates, what each
new opportunity is called, and the job's modes and states."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from services.opportunity.domain.imports import MAX_TEXT, ImportRow, ParsedImport


def flag_repeats_within_file(rows: list[ImportRow]) -> dict[int, int]:
    """Line → the earlier line it repeats, for rows that name the same lead twice in one file."""
    first_line: dict[str, int] = {}
    repeats: dict[int, int] = {}
    for row in rows:
        for key in row.duplicate_keys:
            if key in first_line:
                repeats.setdefault(row.line, first_line[key])
            else:
                first_line[key] = row.line
    return repeats


class ImportMode(StrEnum):
    ALL_OR_NOTHING = "ALL_OR_NOTHING"
    """Any bad row refuses the whole file; nothing is created."""
    VALID_ROWS = "VALID_ROWS"
    """Bad rows are reported and skipped; the rest are imported."""


class ImportStatus(StrEnum):
    REJECTED = "REJECTED"
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"


@dataclass(frozen=True)
class Duplicate:
    """A row not imported because the lead is already open (or named earlier in the file)."""

    line: int
    reason: str
    opportunity_id: str | None = None
    earlier_line: int | None = None


def lead_title(row: ImportRow) -> str:
    """What the opportunity is called: the product of interest at the company, or the company."""
    title = f"{row.product_interest} – {row.company}" if row.product_interest else row.company
    return title[:MAX_TEXT]


def rows_to_import(parsed: ParsedImport, duplicates: list[Duplicate]) -> list[ImportRow]:
    skipped = {d.line for d in duplicates}
    return [r for r in parsed.rows if r.line not in skipped]

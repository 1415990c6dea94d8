"""Reading a trade-show stack from a CSV file: encoding, columns, per-row checks, duplicate keys.

Excel in Taiwan saves CSV as Big5 (code page 950); newer versions offer UTF-8 with a byte-order
mark. Both are accepted, as is plain UTF-8. Headers may be in English or Traditional Chinese.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from services.opportunity.domain.column_mapping import ColumnPlan, ImportField, MissingColumns, plan_columns
from services.opportunity.domain.column_mapping import warnings as column_warnings
from services.opportunity.domain.errors import DomainError, InvalidInput
from services.opportunity.domain.lead_keys import duplicate_keys, normalise_phone
from services.opportunity.domain.money import parse_amount, parse_currency
from services.opportunity.domain.tax_number import check_tax_number

MAX_ROWS = 10_000
MAX_TEXT = 200
MAX_NOTES = 5_000


class ImportFileError(DomainError):
    """The file as a whole cannot be read; nothing in it is imported."""

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message, details)
        self.code = code


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ImportRow:
    """One valid row, ready to become an opportunity."""

    line: int
    company: str
    contact: str
    title: str | None
    phone: str | None
    email: str | None
    product_interest: str | None
    amount: Decimal
    currency: str
    notes: str | None
    tax_number: str | None = None
    address: str | None = None
    website: str | None = None
    industry: str | None = None

    @property
    def duplicate_keys(self) -> list[str]:
        return duplicate_keys(self.company, self.email, self.phone)


@dataclass(frozen=True)
class RowProblem:
    line: int
    field: str | None
    reason: str


@dataclass
class ParsedImport:
    encoding: str
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    columns: list[ColumnPlan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows) + len({p.line for p in self.problems})


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read with."""
    if not data.strip():
        raise ImportFileError("CSV_EMPTY", "The file is empty.")
    for encoding in ("utf-8-sig", "cp950"):
        try:
            return data.decode(encoding), "big5" if encoding == "cp950" else "utf-8"
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        "CSV_ENCODING", "The file is neither UTF-8 nor Big5; save it from Excel as CSV UTF-8 or CSV (Big5)."
    )


def parse_csv(
    data: bytes, *, default_currency: str, max_rows: int = MAX_ROWS,
    chosen: Mapping[str, ImportField] | None = None, saved: Mapping[str, ImportField] | None = None,
) -> ParsedImport:  # fmt: skip
    """Check every row; valid ones land in ``rows``, the others in ``problems`` with their line
    number in the file as a spreadsheet shows it (the header is line 1). Columns are mapped to
    fields by ``plan_columns`` (the user's ``chosen`` fields first, then the source's ``saved``)."""
    text, encoding = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        headers = next(reader)
    except StopIteration as exc:
        raise ImportFileError("CSV_EMPTY", "The file has no header row.") from exc
    lines: list[tuple[int, list[str]]] = []
    for line, cells in _numbered(reader):
        if not any(cell.strip() for cell in cells):
            continue  # Excel leaves blank lines at the end
        if len(lines) >= max_rows:
            raise ImportFileError(
                "CSV_TOO_MANY_ROWS", f"At most {max_rows} rows per file.", {"limit": max_rows}
            )
        lines.append((line, cells))
    try:
        columns = plan_columns(headers, [cells for _, cells in lines[:20]], chosen=chosen, saved=saved)
    except MissingColumns as exc:
        raise ImportFileError(exc.code, exc.message, exc.details) from None
    parsed = ParsedImport(encoding=encoding, columns=columns, warnings=column_warnings(columns))
    for line, cells in lines:
        row, problems = validate_row(line, _values(columns, cells), default_currency)
        if row is not None:
            parsed.rows.append(row)
        parsed.problems.extend(problems)
    return parsed


def _values(columns: list[ColumnPlan], cells: list[str]) -> dict[str, str]:
    """A row's values by field; columns kept as notes are added to the notes as "header: value"."""
    values: dict[str, str] = {}
    extra: list[str] = []
    for plan in columns:
        cell = cells[plan.position].strip() if plan.position < len(cells) else ""
        if plan.field is ImportField.NOTE:
            if cell:
                extra.append(f"{plan.header or f'column {plan.position + 1}'}: {cell}")
        elif plan.field is not ImportField.IGNORE:
            values[plan.field.value] = cell
    if extra:
        values["notes"] = "\n".join([values["notes"], *extra] if values.get("notes") else extra)
    return values


def _numbered(reader: Any) -> Iterator[tuple[int, list[str]]]:
    # reader.line_num is the physical line the row ended on; a quoted field may span lines, so
    # the row started on the line after the previous row ended.
    previous_end = reader.line_num
    for cells in reader:
        yield previous_end + 1, cells
        previous_end = reader.line_num


def validate_row(
    line: int, values: dict[str, str], default_currency: str
) -> tuple[ImportRow | None, list[RowProblem]]:
    problems: list[RowProblem] = []

    def text(column: str, *, required: bool = False, limit: int = MAX_TEXT) -> str | None:
        value = unicodedata.normalize("NFC", values.get(column, "")).strip()
        if not value:
            if required:
                problems.append(RowProblem(line, column, f"{column} is required"))
            return None
        if len(value) > limit:
            problems.append(RowProblem(line, column, f"{column} is longer than {limit} characters"))
        return value

    company = text("company", required=True)
    contact = text("contact", required=True)
    title = text("title")
    phone = text("phone")
    email = text("email")
    product = text("product_interest")
    notes = text("notes", limit=MAX_NOTES)
    tax_number = text("tax_number")
    address, website, industry = text("address"), text("website"), text("industry")
    if tax_number:
        try:
            tax_number = check_tax_number(tax_number)
        except InvalidInput as exc:
            problems.append(RowProblem(line, "tax_number", exc.message))
    if email and not _EMAIL.match(email):
        problems.append(RowProblem(line, "email", f"{email!r} is not an email address"))
    if phone and len(normalise_phone(phone)) < 6:
        problems.append(RowProblem(line, "phone", f"{phone!r} is not a phone number"))
    if not email and not phone:
        problems.append(RowProblem(line, "phone", "give a phone number or an email address"))
    currency, amount = _money(
        line, values.get("amount", ""), values.get("currency", ""), default_currency, problems
    )
    if problems or company is None or contact is None:
        return None, problems
    row = ImportRow(
        line=line, company=company, contact=contact, title=title, phone=phone,
        email=email.lower() if email else None, product_interest=product,
        amount=amount, currency=currency, notes=notes, tax_number=tax_number, address=address, website=website,
        industry=industry,
    )  # fmt: skip
    return row, []


def _money(
    line: int, raw_amount: str, raw_currency: str, default_currency: str, problems: list[RowProblem]
) -> tuple[str, Decimal]:
    # Same rules as money typed into the API; Excel's thousands separators are tolerated.
    try:
        currency = parse_currency(raw_currency.strip() or default_currency)
    except InvalidInput as exc:
        problems.append(RowProblem(line, "currency", exc.message))
        return default_currency, Decimal(0)
    cleaned = unicodedata.normalize("NFKC", raw_amount).replace(",", "").replace(" ", "").strip()
    try:
        return currency, parse_amount(cleaned or "0", currency)
    except InvalidInput as exc:
        problems.append(RowProblem(line, "amount", exc.message))
        return currency, Decimal(0)

"""Which field each column of an import file holds: proposed from the header (English or
Traditional Chinese, any common spelling) and the column's values, adjusted by the user, and
remembered per lead source for the next show.

A column no field claims is never a reason to refuse the file: it is kept on the contact's notes
("header: value") or, if the user says so, ignored; either way the import warns about it. Only a
file without a company or a contact column is refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from services.opportunity.domain.contact_points import phone_key
from services.opportunity.domain.errors import DomainError
from services.opportunity.domain.tax_number import is_valid_tax_number


class ImportField(StrEnum):
    COMPANY = "company"
    CONTACT = "contact"
    TITLE = "title"
    PHONE = "phone"
    EMAIL = "email"
    PRODUCT_INTEREST = "product_interest"
    AMOUNT = "amount"
    CURRENCY = "currency"
    NOTES = "notes"
    TAX_NUMBER = "tax_number"
    ADDRESS = "address"
    WEBSITE = "website"
    INDUSTRY = "industry"
    NOTE = "note"
    """Kept on the contact's notes as "header: value"."""
    IGNORE = "ignore"


class MatchedBy(StrEnum):
    CHOSEN = "CHOSEN"
    SAVED = "SAVED"
    HEADER = "HEADER"
    VALUES = "VALUES"
    NONE = "NONE"


REQUIRED = (ImportField.COMPANY, ImportField.CONTACT)

ALIASES: dict[ImportField, tuple[str, ...]] = {
    ImportField.COMPANY: ("company", "company name", "organization", "organisation", "firm", "公司", "公司名稱",
                          "客戶", "客戶名稱", "廠商", "廠商名稱", "單位", "企業名稱"),
    ImportField.CONTACT: ("contact", "contact name", "name", "full name", "person", "聯絡人", "聯絡人姓名",
                          "姓名", "聯繫人", "窗口"),
    ImportField.TITLE: ("title", "job title", "position", "role", "職稱", "職位", "頭銜"),
    ImportField.PHONE: ("phone", "telephone", "tel", "mobile", "cell", "phone number", "電話", "手機",
                        "聯絡電話", "行動電話", "電話號碼", "市話"),
    ImportField.EMAIL: ("email", "e-mail", "mail", "email address", "電子郵件", "電郵", "信箱", "郵件",
                        "電子信箱"),
    ImportField.PRODUCT_INTEREST: ("product interest", "product", "products", "interest", "興趣產品",
                                   "感興趣產品", "產品", "產品興趣", "有興趣產品", "需求產品"),
    ImportField.AMOUNT: ("estimated amount", "amount", "budget", "value", "預估金額", "金額", "預算"),
    ImportField.CURRENCY: ("currency", "幣別", "幣值", "貨幣"),
    ImportField.NOTES: ("notes", "note", "remarks", "comments", "memo", "備註", "附註", "說明"),
    ImportField.TAX_NUMBER: ("tax id", "tax number", "vat", "ubn", "unified business number", "統一編號",
                             "統編", "公司統編"),
    ImportField.ADDRESS: ("address", "company address", "地址", "公司地址", "住址"),
    ImportField.WEBSITE: ("website", "web", "url", "homepage", "網站", "網址", "公司網站"),
    ImportField.INDUSTRY: ("industry", "sector", "產業", "行業", "產業別"),
}  # fmt: skip


class MissingColumns(DomainError):
    """No column holds the company or the contact: most likely the wrong file."""

    code = "CSV_COLUMNS"


class MappingError(DomainError):
    """A column=field choice that names no field."""

    code = "IMPORT_MAPPING"


def header_key(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).strip().casefold()
    return re.sub(r"[\s_\-:：()（）]+", " ", text).strip()


_EXACT = {header_key(alias): field for field, aliases in ALIASES.items() for alias in aliases}
_BY_LENGTH = sorted(_EXACT.items(), key=lambda item: -len(item[0].replace(" ", "")))


@dataclass(frozen=True)
class ColumnPlan:
    position: int
    header: str
    field: ImportField
    matched_by: MatchedBy
    samples: tuple[str, ...] = ()


def _loose(key: str) -> ImportField | None:
    """A header that holds a known spelling (產品興趣 holds 產品) or is part of one, longest first."""
    squeezed = key.replace(" ", "")
    for alias, field in _BY_LENGTH:
        compact = alias.replace(" ", "")
        if len(compact) >= 2 and (compact in squeezed or (len(squeezed) >= 3 and squeezed in compact)):
            return field
    return None


_URL = re.compile(r"^(https?://|www\.)\S+\.\S+$", re.I)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_AMOUNT = re.compile(r"^[\d,]+(\.\d+)?$")


def _by_values(samples: Sequence[str]) -> ImportField | None:
    """What most of a column's values look like (at least four in five of those given)."""
    values = [unicodedata.normalize("NFKC", s).strip() for s in samples if s and s.strip()]
    if not values:
        return None
    tests = (
        (ImportField.EMAIL, lambda v: bool(_EMAIL.match(v))),
        (ImportField.WEBSITE, lambda v: bool(_URL.match(v))),
        (ImportField.TAX_NUMBER, lambda v: len(v) == 8 and is_valid_tax_number(v)),
        (ImportField.PHONE, lambda v: sum(c.isdigit() for c in v) >= 8 and phone_key(v) is not None),
        (ImportField.CURRENCY, lambda v: bool(re.fullmatch(r"[A-Z]{3}", v))),
        (ImportField.AMOUNT, lambda v: bool(_AMOUNT.match(v))),
    )
    for field, test in tests:
        if sum(1 for v in values if test(v)) * 5 >= len(values) * 4:
            return field
    return None


def plan_columns(
    headers: Sequence[str], samples: Sequence[Sequence[str]], *, chosen: Mapping[str, ImportField] | None = None,
    saved: Mapping[str, ImportField] | None = None,
) -> list[ColumnPlan]:  # fmt: skip
    """Each column's field. ``chosen`` (the user's, by header or 1-based column number) wins,
    then ``saved`` (the source's last mapping, by header key), then the header, then the values.
    A field claimed twice keeps its first column; the others are kept as notes."""
    chosen = {header_key(k): v for k, v in (chosen or {}).items()}
    saved = dict(saved or {})
    column_values = [[row[i] for row in samples if i < len(row)] for i in range(len(headers))]
    plans: list[ColumnPlan | None] = [None] * len(headers)
    taken: set[ImportField] = set()
    # Passes from the surest reason to the loosest, so a sure match is never crowded out.
    passes = (
        (MatchedBy.CHOSEN, lambda i, key: chosen.get(key) or chosen.get(str(i + 1))),
        (MatchedBy.SAVED, lambda i, key: saved.get(key)),
        (MatchedBy.HEADER, lambda i, key: _EXACT.get(key)),
        (MatchedBy.HEADER, lambda i, key: _loose(key)),
        (MatchedBy.VALUES, lambda i, key: _by_values(column_values[i][:20])),
    )
    for reason, guess in passes:
        for i, header in enumerate(headers):
            if plans[i] is not None:
                continue
            field = guess(i, header_key(header)) if header.strip() or reason is not MatchedBy.HEADER else None
            repeatable = field in (ImportField.NOTE, ImportField.IGNORE)
            if field is None or (field in taken and not repeatable):
                continue
            taken.add(field)
            plans[i] = ColumnPlan(i, header.strip(), field, reason, tuple(column_values[i][:3]))
    result = [
        plan
        or ColumnPlan(i, headers[i].strip(), ImportField.NOTE, MatchedBy.NONE, tuple(column_values[i][:3]))
        for i, plan in enumerate(plans)
    ]
    missing = [f.value for f in REQUIRED if f not in taken]
    if missing:
        raise MissingColumns(
            "The file needs a company column and a contact column"
            + f"; none was found for: {', '.join(missing)}. Map them by hand (column=field).",
            {"missing": missing, "columns": [{"header": p.header, "field": p.field.value} for p in result]},
        )
    return result


def remembered(plans: Sequence[ColumnPlan]) -> dict[str, ImportField]:
    """What to keep for the source's next file: each column a field was found or chosen for."""
    return {header_key(p.header): p.field for p in plans if p.header and p.matched_by is not MatchedBy.NONE}


def warnings(plans: Sequence[ColumnPlan]) -> list[str]:
    """What the user should know about columns no field claimed."""
    notes = [p.header or f"column {p.position + 1}" for p in plans if p.field is ImportField.NOTE]
    ignored = [p.header or f"column {p.position + 1}" for p in plans if p.field is ImportField.IGNORE]
    out = []
    if notes:
        out.append(f"Kept on the contact's notes: {', '.join(notes)}.")
    if ignored:
        out.append(f"Ignored: {', '.join(ignored)}.")
    return out


def parse_choice(text: str) -> tuple[str, ImportField]:
    """``column=field`` as typed on a command line."""
    column, sep, field = text.partition("=")
    fields = {f.value: f for f in ImportField}
    if not sep or not column.strip() or field.strip().lower() not in fields:
        raise MappingError(f"{text!r} is not column=field; fields: {', '.join(fields)}.", {"value": text})
    return column.strip(), fields[field.strip().lower()]

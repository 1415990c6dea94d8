"""Accounts (the customer company) and contacts (a person at an account).

Both are versioned like opportunities: every change returns a new value with ``version`` + 1.
A merged record is kept, marked ``merged_into`` its survivor, so an id someone holds still
leads somewhere; it no longer appears in lists or matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from services.opportunity.domain.contact_points import Phone, check_emails, check_phones
from services.opportunity.domain.errors import DomainError, InvalidInput
from services.opportunity.domain.names import company_key, person_key
from services.opportunity.domain.tax_number import check_tax_number

MAX_NAME = 200
MAX_TEXT = 500
MAX_NOTES = 5_000
MAX_SEGMENT = 40
_SEGMENT = re.compile(r"[A-Z0-9][A-Z0-9_]*")


class AccountOrigin(StrEnum):
    """How the record came to be."""

    MANUAL = "MANUAL"
    IMPORT = "IMPORT"
    MIGRATION = "MIGRATION"


class MergeIntoItself(DomainError):
    code = "MERGE_INTO_ITSELF"


class AlreadyMerged(DomainError):
    code = "ALREADY_MERGED"


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    owner_id: str
    team: str | None
    origin: AccountOrigin
    created_at: datetime
    updated_at: datetime
    created_by: str
    tax_number: str | None = None
    industry: str | None = None
    segment: str | None = None
    """Its market segment key (SMB, MID_MARKET, ENTERPRISE or one an admin names), which the
    appraisal policy's difficulty rules may name."""
    address: str | None = None
    phones: tuple[Phone, ...] = ()
    website: str | None = None
    source_id: str | None = None
    merged_into: str | None = None
    version: int = 1

    @property
    def name_key(self) -> str:
        return company_key(self.name)


@dataclass(frozen=True)
class Contact:
    id: str
    account_id: str
    name: str
    owner_id: str
    team: str | None
    origin: AccountOrigin
    created_at: datetime
    updated_at: datetime
    created_by: str
    title: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    notes: str | None = None
    do_not_contact: bool = False
    card_attachment_id: str | None = None
    merged_into: str | None = None
    version: int = 1

    @property
    def name_key(self) -> str:
        return person_key(self.name)


@dataclass(frozen=True)
class AccountFields:
    """What a user sets on an account; None leaves a field as it is."""

    name: str | None = None
    tax_number: str | None = None
    industry: str | None = None
    segment: str | None = None
    """An empty one clears it."""
    address: str | None = None
    phones: tuple[str, ...] | None = None
    website: str | None = None


@dataclass(frozen=True)
class ContactFields:
    name: str | None = None
    title: str | None = None
    emails: tuple[str, ...] | None = None
    phones: tuple[str, ...] | None = None
    notes: str | None = None
    do_not_contact: bool | None = None


def check_name(raw: str | None, field: str = "name") -> str:
    name = " ".join((raw or "").split())
    if not name:
        raise InvalidInput(field, "A name cannot be empty.")
    if len(name) > MAX_NAME:
        raise InvalidInput(field, f"A name is at most {MAX_NAME} characters.", maxLength=MAX_NAME)
    return name


def check_segment(raw: str | None) -> str | None:
    """A segment key as people write it ("mid-market", "Enterprise") in one spelling: upper case,
    words joined by "_" (MID_MARKET, ENTERPRISE); empty: no segment."""
    key = "_".join(re.split(r"[\s\-]+", (raw or "").strip().upper())).strip("_")
    if not key:
        return None
    if len(key) > MAX_SEGMENT or not _SEGMENT.fullmatch(key):
        raise InvalidInput(
            "segment", f"A segment is 1 to {MAX_SEGMENT} letters, digits, spaces, '-' or '_'.",
            maxLength=MAX_SEGMENT,
        )  # fmt: skip
    return key


def _text(raw: str | None, field: str, limit: int = MAX_TEXT) -> str | None:
    text = (raw or "").strip()
    if len(text) > limit:
        raise InvalidInput(field, f"At most {limit} characters.", maxLength=limit)
    return text or None


def new_account(
    fields: AccountFields, *, id: str, owner_id: str, team: str | None, origin: AccountOrigin, by: str,
    now: datetime, source_id: str | None = None,
) -> Account:  # fmt: skip
    return Account(
        id=id, name=check_name(fields.name), owner_id=owner_id, team=team, origin=origin, created_at=now,
        updated_at=now, created_by=by, tax_number=check_tax_number(fields.tax_number),
        industry=_text(fields.industry, "industry"), segment=check_segment(fields.segment),
        address=_text(fields.address, "address"), phones=check_phones(fields.phones or ()),
        website=_text(fields.website, "website"), source_id=source_id,
    )  # fmt: skip


def edit_account(account: Account, fields: AccountFields, now: datetime) -> Account:
    _not_merged(account.merged_into, "account")
    return replace(
        account,
        name=account.name if fields.name is None else check_name(fields.name),
        tax_number=account.tax_number if fields.tax_number is None else check_tax_number(fields.tax_number),
        industry=account.industry if fields.industry is None else _text(fields.industry, "industry"),
        segment=account.segment if fields.segment is None else check_segment(fields.segment),
        address=account.address if fields.address is None else _text(fields.address, "address"),
        phones=account.phones if fields.phones is None else check_phones(fields.phones),
        website=account.website if fields.website is None else _text(fields.website, "website"),
        updated_at=now,
        version=account.version + 1,
    )


def new_contact(
    fields: ContactFields, *, id: str, account: Account, owner_id: str, team: str | None,
    origin: AccountOrigin, by: str, now: datetime,
) -> Contact:  # fmt: skip
    _not_merged(account.merged_into, "account")
    return Contact(
        id=id, account_id=account.id, name=check_name(fields.name), owner_id=owner_id, team=team,
        origin=origin, created_at=now, updated_at=now, created_by=by, title=_text(fields.title, "title"),
        emails=check_emails(fields.emails or ()), phones=check_phones(fields.phones or ()),
        notes=_text(fields.notes, "notes", MAX_NOTES), do_not_contact=bool(fields.do_not_contact),
    )  # fmt: skip


def edit_contact(contact: Contact, fields: ContactFields, now: datetime) -> Contact:
    _not_merged(contact.merged_into, "contact")
    return replace(
        contact,
        name=contact.name if fields.name is None else check_name(fields.name),
        title=contact.title if fields.title is None else _text(fields.title, "title"),
        emails=contact.emails if fields.emails is None else check_emails(fields.emails),
        phones=contact.phones if fields.phones is None else check_phones(fields.phones),
        notes=contact.notes if fields.notes is None else _text(fields.notes, "notes", MAX_NOTES),
        do_not_contact=contact.do_not_contact if fields.do_not_contact is None else fields.do_not_contact,
        updated_at=now,
        version=contact.version + 1,
    )


def with_card_photo(contact: Contact, attachment_id: str, now: datetime) -> Contact:
    """The contact showing its new card photo; an earlier photo stays stored, no longer shown."""
    _not_merged(contact.merged_into, "contact")
    return replace(contact, card_attachment_id=attachment_id, updated_at=now, version=contact.version + 1)


def _not_merged(merged_into: str | None, what: str) -> None:
    if merged_into is not None:
        raise AlreadyMerged(
            f"This {what} was merged into {merged_into}; change that one.", {"mergedInto": merged_into}
        )


def check_merge(survivor_id: str, merged_id: str, merged_into: tuple[str | None, str | None]) -> None:
    """Two distinct records, neither already merged away."""
    if survivor_id == merged_id:
        raise MergeIntoItself("A record cannot be merged into itself.", {"field": "mergedId"})
    for into in merged_into:
        if into is not None:
            raise AlreadyMerged(f"One of the records was already merged into {into}.", {"mergedInto": into})


def merge_accounts(survivor: Account, merged: Account, now: datetime) -> tuple[Account, Account]:
    """The survivor keeps its own values and takes the merged one's where it has none."""
    check_merge(survivor.id, merged.id, (survivor.merged_into, merged.merged_into))
    kept = replace(
        survivor,
        tax_number=survivor.tax_number or merged.tax_number,
        industry=survivor.industry or merged.industry,
        segment=survivor.segment or merged.segment,
        address=survivor.address or merged.address,
        phones=tuple(dict.fromkeys(survivor.phones + merged.phones)),
        website=survivor.website or merged.website,
        updated_at=now,
        version=survivor.version + 1,
    )
    gone = replace(merged, merged_into=survivor.id, updated_at=now, version=merged.version + 1)
    return kept, gone


def merge_contacts(survivor: Contact, merged: Contact, now: datetime) -> tuple[Contact, Contact]:
    check_merge(survivor.id, merged.id, (survivor.merged_into, merged.merged_into))
    notes = "\n\n".join(n for n in (survivor.notes, merged.notes) if n) or None
    kept = replace(
        survivor,
        title=survivor.title or merged.title,
        emails=tuple(dict.fromkeys(survivor.emails + merged.emails)),
        phones=tuple(dict.fromkeys(survivor.phones + merged.phones)),
        notes=notes[:MAX_NOTES] if notes else None,
        do_not_contact=survivor.do_not_contact or merged.do_not_contact,
        updated_at=now,
        version=survivor.version + 1,
    )
    gone = replace(merged, merged_into=survivor.id, updated_at=now, version=merged.version + 1)
    return kept, gone

"""Account (customer company) and contact (person at an account) events.

A merge publishes one ``account.merged`` or ``contact.merged`` naming the survivor, the record
merged into it and the opportunities that moved; each moved opportunity also publishes its own
``opportunity.updated`` (its ``account_id`` or contacts changed).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from contracts.events._base import Actor, EventData


class PhoneNumber(EventData):
    e164: str = Field(description='E.164, e.g. "+886223456789".')
    extension: str | None = None


class AccountSnapshot(EventData):
    id: str
    name: str
    tax_number: str | None = Field(default=None, description="Taiwan Unified Business Number, 8 digits.")
    industry: str | None = None
    segment: str | None = Field(
        default=None, description="Its market segment (SMB, MID_MARKET, ENTERPRISE or one an admin names)."
    )
    address: str | None = None
    phones: list[PhoneNumber] = Field(default_factory=list)
    website: str | None = None
    owner_id: str
    team: str | None = None
    origin: str = Field(description="MANUAL, IMPORT or MIGRATION.")
    source_id: str | None = None
    merged_into: str | None = None
    created_at: datetime
    updated_at: datetime
    version: int = Field(ge=1)


class ContactSnapshot(EventData):
    id: str
    account_id: str
    name: str
    title: str | None = None
    emails: list[str] = Field(default_factory=list)
    phones: list[PhoneNumber] = Field(default_factory=list)
    do_not_contact: bool = False
    owner_id: str
    team: str | None = None
    origin: str
    merged_into: str | None = None
    created_at: datetime
    updated_at: datetime
    version: int = Field(ge=1)


class AccountChanged(EventData):
    """Payload of ``account.created`` and ``account.updated``."""

    account: AccountSnapshot
    by: Actor


class ContactChanged(EventData):
    """Payload of ``contact.created`` and ``contact.updated``."""

    contact: ContactSnapshot
    by: Actor


class AccountsMerged(EventData):
    """Payload of ``account.merged``: ``merged`` now points at ``survivor``."""

    survivor: AccountSnapshot
    merged: AccountSnapshot
    moved_opportunity_ids: list[str] = Field(default_factory=list)
    moved_contact_ids: list[str] = Field(default_factory=list)
    by: Actor


class ContactsMerged(EventData):
    """Payload of ``contact.merged``: ``merged`` now points at ``survivor``."""

    survivor: ContactSnapshot
    merged: ContactSnapshot
    moved_opportunity_ids: list[str] = Field(default_factory=list)
    by: Actor

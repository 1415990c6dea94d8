"""An import links each card to an existing account and contact when they match, and creates
them when not (``domain/card_matching.py`` says what matches). New records are written in the
chunk's transaction, with their ``account.created`` / ``contact.created`` events; the job
records, per line, which account and contact the card went to and how it matched."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from contracts.envelope import CloudEvent
from servicekit.identity import Identity
from services.opportunity.application import account_events
from services.opportunity.application.account_ports import AccountStore, Changes
from services.opportunity.domain import account_links
from services.opportunity.domain.accounts import (
    Account,
    AccountFields,
    AccountOrigin,
    Contact,
    ContactFields,
    new_account,
    new_contact,
)
from services.opportunity.domain.card_matching import CardKeys, Directory
from services.opportunity.domain.contact_points import check_email, phone_key
from services.opportunity.domain.errors import InvalidInput
from services.opportunity.domain.imports import ImportRow
from services.opportunity.domain.opportunity import ContactLink, ContactRole, Opportunity
from services.opportunity.domain.user import User

CARD_ROLE = ContactRole.INFLUENCER
"""A card says who was met, not their part in the decision; a rep changes it once known."""


@dataclass
class MatchedChunk:
    opportunities: list[Opportunity] = field(default_factory=list)
    records: Changes = field(default_factory=Changes)
    events: list[CloudEvent] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)


async def load_directory(cards: Sequence[CardKeys], store: AccountStore) -> Directory:
    """Every stored account and contact the cards may match, in a fixed number of queries."""
    names = [c.company for c in cards]
    emails = [c.email for c in cards if c.email]
    phones = [c.phone for c in cards if c.phone]
    contacts = await store.contacts_by("email_keys", emails) + await store.contacts_by("phone_keys", phones)
    taxes = [c.tax_number for c in cards if c.tax_number]
    accounts = [
        *await store.accounts_by("name_key", names), *await store.accounts_by("phone_keys", phones),
        *await store.accounts_by("tax_number", taxes),
    ]  # fmt: skip
    known = {a.id for a in accounts}
    accounts += (await store.accounts([c.account_id for c in contacts if c.account_id not in known])).values()
    directory = Directory()
    directory.add_accounts(accounts)
    directory.add_contacts([*contacts, *await store.contacts_of(list(directory.accounts))])
    return directory


async def match_cards(
    job: dict[str, Any], rows: Sequence[ImportRow], created: Sequence[Opportunity], owners: dict[str, User],
    identity: Identity, store: AccountStore, now: datetime,
) -> MatchedChunk:  # fmt: skip
    cards = [CardKeys.of(r) for r in rows]
    directory = await load_directory(cards, store)
    out = MatchedChunk()
    for row, card, o in zip(rows, cards, created, strict=True):
        owner = owners[o.owner_id]
        account, account_by = directory.account_for(card)
        if account is None:
            account = _account(job, row, card, owner, identity, now)
            directory.add_accounts([account])
            out.records.accounts.append((account, None))
            out.events.append(account_events.account_changed("account.created", account, identity))
        contact, contact_by = directory.contact_for(card, account.id)
        if contact is None:
            contact = _contact(job, row, account, owner, identity, now)
            directory.add_contacts([contact])
            out.records.contacts.append((contact, None))
            out.events.append(account_events.contact_changed("contact.created", contact, identity))
        link = ContactLink(contact.id, CARD_ROLE)
        out.opportunities.append(
            account_links.attach_new(o, account, [(contact, link)], by=identity.user_id, now=now)
        )
        out.links.append(
            {
                "line": row.line, "opportunity_id": o.id, "account_id": account.id, "account_match": account_by.value,
                "contact_id": contact.id, "contact_match": contact_by.value,
            }
        )  # fmt: skip
    return out


def _id(job: dict[str, Any], what: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"pipewise:import:{job['_id']}:{what}").hex


def _account(
    job: dict[str, Any], row: ImportRow, card: CardKeys, owner: User, identity: Identity, now: datetime
) -> Account:
    return new_account(
        AccountFields(
            name=row.company, tax_number=row.tax_number, address=row.address, website=row.website,
            industry=row.industry,
        ),
        id=_id(job, f"account:{card.company}"), owner_id=owner.id,
        team=owner.team, origin=AccountOrigin.IMPORT, by=identity.user_id, now=now, source_id=job.get("source_id"),
    )  # fmt: skip


def _contact(
    job: dict[str, Any], row: ImportRow, account: Account, owner: User, identity: Identity, now: datetime
) -> Contact:
    # The row passed the import's own checks; a value the contact rules still refuse (a phone
    # no one can dial) stays on the lead's card record rather than failing the import.
    emails: tuple[str, ...] = ()
    if row.email:
        try:
            emails = (check_email(row.email),)
        except InvalidInput:
            emails = ()
    phones = (row.phone,) if row.phone and phone_key(row.phone) else ()
    fields = ContactFields(name=row.contact, title=row.title, emails=emails, phones=phones, notes=row.notes)
    return new_contact(
        fields, id=_id(job, f"contact:{row.line}"), account=account, owner_id=owner.id, team=owner.team,
        origin=AccountOrigin.IMPORT, by=identity.user_id, now=now,
    )  # fmt: skip

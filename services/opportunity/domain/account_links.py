"""Linking an opportunity to its account and contacts, and moving the links when records merge.

Every change is recorded in the opportunity's ``account_history`` (so the timeline shows it) and
advances its version, like any other change to an opportunity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from services.opportunity.domain.accounts import Account, Contact
from services.opportunity.domain.errors import InvalidInput
from services.opportunity.domain.history import AccountChange
from services.opportunity.domain.opportunity import ContactLink, Opportunity

MAX_CONTACTS = 50


class ContactOfAnotherAccount(InvalidInput):
    code = "CONTACT_OF_ANOTHER_ACCOUNT"


def link(
    o: Opportunity, account: Account, contacts: Sequence[tuple[Contact, ContactLink]], *, by: str,
    now: datetime, reason: str = "LINKED",
) -> Opportunity:  # fmt: skip
    """The opportunity for ``account`` with exactly these contacts (each of that account)."""
    for contact, _ in contacts:
        if contact.account_id != account.id:
            raise ContactOfAnotherAccount(
                "contacts", f"Contact {contact.id} works at another account.", contactId=contact.id
            )
    links = tuple({c.contact_id: c for _, c in contacts}.values())
    if len(links) > MAX_CONTACTS:
        raise InvalidInput("contacts", f"At most {MAX_CONTACTS} contacts per opportunity.")
    names = ", ".join(f"{c.name} ({link.role.value.lower().replace('_', ' ')})" for c, link in contacts)
    summary = f"Account {account.name}" + (f"; contacts {names}" if names else "")
    change = AccountChange(o.account_id, account.id, now, by, reason, summary)
    return _changed(o, now, account_id=account.id, contacts=links, change=change)


def move_to_survivor(
    o: Opportunity, survivor: Account, merged_id: str, *, by: str, now: datetime
) -> Opportunity:
    change = AccountChange(
        o.account_id, survivor.id, now, by, "MERGED", f"Account merged into {survivor.name}", merged_id
    )
    return _changed(o, now, account_id=survivor.id, contacts=o.contacts, change=change)


def move_contact_links(
    o: Opportunity, survivor: Contact, merged_id: str, *, by: str, now: datetime
) -> Opportunity:
    """The merged contact's links become the survivor's (one link per contact, the first kept)."""
    links: dict[str, ContactLink] = {}
    for link_ in o.contacts:
        moved = ContactLink(survivor.id, link_.role) if link_.contact_id == merged_id else link_
        links.setdefault(moved.contact_id, moved)
    change = AccountChange(
        o.account_id,
        o.account_id,
        now,
        by,
        "CONTACT_MERGED",
        f"Contact merged into {survivor.name}",
        merged_id,
    )
    return _changed(o, now, account_id=o.account_id, contacts=tuple(links.values()), change=change)


def _changed(
    o: Opportunity, now: datetime, *, account_id: str | None, contacts: tuple[ContactLink, ...],
    change: AccountChange,
) -> Opportunity:  # fmt: skip
    return replace(
        o, account_id=account_id, contacts=contacts, account_history=(*o.account_history, change),
        updated_at=now, version=o.version + 1,
    )  # fmt: skip


def attach_new(
    o: Opportunity,
    account: Account,
    contacts: Sequence[tuple[Contact, ContactLink]],
    *,
    by: str,
    now: datetime,
) -> Opportunity:
    """A new opportunity created for ``account`` (an import's card): linked from its first
    version, so ``opportunity.created`` already carries the account."""
    linked = link(o, account, contacts, by=by, now=now, reason="CREATED")
    return replace(linked, updated_at=o.updated_at, version=o.version)

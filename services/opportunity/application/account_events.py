"""Accounts and contacts → contract events (``account.*``, ``contact.*``)."""

from __future__ import annotations

from collections.abc import Sequence

from contracts.envelope import CloudEvent
from contracts.events import account as acc
from servicekit.identity import Identity
from services.opportunity.application.events import _event, actor
from services.opportunity.domain.accounts import Account, Contact
from services.opportunity.domain.contact_points import Phone


def _phones(phones: tuple[Phone, ...]) -> list[acc.PhoneNumber]:
    return [acc.PhoneNumber(e164=p.e164, extension=p.extension) for p in phones]


def account_snapshot(a: Account) -> acc.AccountSnapshot:
    return acc.AccountSnapshot(
        id=a.id, name=a.name, tax_number=a.tax_number, industry=a.industry, segment=a.segment, address=a.address,
        phones=_phones(a.phones), website=a.website, owner_id=a.owner_id, team=a.team, origin=a.origin.value,
        source_id=a.source_id, merged_into=a.merged_into, created_at=a.created_at, updated_at=a.updated_at,
        version=a.version,
    )  # fmt: skip


def contact_snapshot(c: Contact) -> acc.ContactSnapshot:
    return acc.ContactSnapshot(
        id=c.id, account_id=c.account_id, name=c.name, title=c.title, emails=list(c.emails),
        phones=_phones(c.phones), do_not_contact=c.do_not_contact, owner_id=c.owner_id, team=c.team,
        origin=c.origin.value, merged_into=c.merged_into, created_at=c.created_at, updated_at=c.updated_at,
        version=c.version,
    )  # fmt: skip


def account_changed(type: str, a: Account, by: Identity) -> CloudEvent:
    return _event(type, a.id, a.version, acc.AccountChanged(account=account_snapshot(a), by=actor(by)))


def contact_changed(type: str, c: Contact, by: Identity) -> CloudEvent:
    return _event(type, c.id, c.version, acc.ContactChanged(contact=contact_snapshot(c), by=actor(by)))


def accounts_merged(
    survivor: Account,
    merged: Account,
    opportunity_ids: Sequence[str],
    contact_ids: Sequence[str],
    by: Identity,
) -> CloudEvent:
    data = acc.AccountsMerged(
        survivor=account_snapshot(survivor), merged=account_snapshot(merged),
        moved_opportunity_ids=list(opportunity_ids), moved_contact_ids=list(contact_ids), by=actor(by),
    )  # fmt: skip
    return _event("account.merged", survivor.id, survivor.version, data)


def contacts_merged(
    survivor: Contact, merged: Contact, opportunity_ids: Sequence[str], by: Identity
) -> CloudEvent:
    data = acc.ContactsMerged(
        survivor=contact_snapshot(survivor), merged=contact_snapshot(merged),
        moved_opportunity_ids=list(opportunity_ids), by=actor(by),
    )  # fmt: skip
    return _event("contact.merged", survivor.id, survivor.version, data)

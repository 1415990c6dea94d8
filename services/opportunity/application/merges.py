"""Merging two accounts or two contacts (managers and admins).

Everything moves to the survivor in one transaction: the merged account's opportunities (each
records the merge in its history, so its timeline shows it, and publishes
``opportunity.updated``), its contacts, and — since activities and evidence belong to the
opportunities — their whole history with them. The merged record stays, pointing at the
survivor, and ``account.merged`` / ``contact.merged`` says what moved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from contracts.envelope import CloudEvent
from servicekit.identity import Identity
from services.opportunity.application import account_events
from services.opportunity.application import events as opportunity_events
from services.opportunity.application.account_access import visible_account, visible_contact
from services.opportunity.application.account_ports import AccountStore, Changes
from services.opportunity.application.ports import Ports
from services.opportunity.domain import account_links
from services.opportunity.domain import accounts as rules
from services.opportunity.domain.accounts import Account, Contact
from services.opportunity.domain.errors import Forbidden
from services.opportunity.domain.opportunity import Opportunity


def _may_merge(identity: Identity) -> None:
    if not (identity.is_admin or identity.is_manager):
        raise Forbidden("Only a manager or an administrator merges accounts and contacts.")


def _relink_deals(
    deals: list[Opportunity],
    relink: Callable[[Opportunity], Opportunity],
    field: str,
    merged_id: str,
    kept_id: str,
    identity: Identity,
    changes: Changes,
    out: list[CloudEvent],
) -> None:
    """The merged record's deals, pointed at the survivor: each written with its event."""
    for o in deals:
        after = relink(o)
        changes.opportunities.append((after, o.version))
        out.append(opportunity_events.opportunity_updated(after, identity, [(field, merged_id, kept_id)]))


async def merge_accounts(
    survivor_id: str, merged_id: str, identity: Identity, ports: Ports, store: AccountStore
) -> Account:
    _may_merge(identity)
    rules.check_merge(survivor_id, merged_id, (None, None))
    survivor = await visible_account(identity, store, survivor_id)
    merged = await visible_account(identity, store, merged_id)
    now = ports.clock()
    kept, gone = rules.merge_accounts(survivor, merged, now)
    # The merged record is written first: it gives up the tax number the survivor may take over.
    changes = Changes(accounts=[(gone, merged.version), (kept, survivor.version)])
    out: list[CloudEvent] = []
    _relink_deals(
        await store.opportunities_of_account(merged.id),
        lambda o: account_links.move_to_survivor(o, kept, merged.id, by=identity.user_id, now=now),
        "accountId", merged.id, kept.id, identity, changes, out,
    )  # fmt: skip
    for c in await store.contacts_of([merged.id]):
        moved = replace(c, account_id=kept.id, updated_at=now, version=c.version + 1)
        changes.contacts.append((moved, c.version))
        out.append(account_events.contact_changed("contact.updated", moved, identity))
    moved_opportunities = [o.id for o, _ in changes.opportunities]
    moved_contacts = [c.id for c, _ in changes.contacts]
    merge_event = account_events.accounts_merged(kept, gone, moved_opportunities, moved_contacts, identity)
    await store.commit(changes, [merge_event, *out])
    return kept


async def merge_contacts(
    survivor_id: str, merged_id: str, identity: Identity, ports: Ports, store: AccountStore
) -> Contact:
    _may_merge(identity)
    rules.check_merge(survivor_id, merged_id, (None, None))
    survivor = await visible_contact(identity, store, survivor_id)
    merged = await visible_contact(identity, store, merged_id)
    now = ports.clock()
    kept, gone = rules.merge_contacts(survivor, merged, now)
    changes = Changes(contacts=[(kept, survivor.version), (gone, merged.version)])
    out: list[CloudEvent] = []
    _relink_deals(
        await store.opportunities_of_contact(merged.id),
        lambda o: account_links.move_contact_links(o, kept, merged.id, by=identity.user_id, now=now),
        "contacts", merged.id, kept.id, identity, changes, out,
    )  # fmt: skip
    moved = [o.id for o, _ in changes.opportunities]
    await store.commit(changes, [account_events.contacts_merged(kept, gone, moved, identity), *out])
    return kept

"""A handover moves account ownership along with the open deals.

Each account the leaver owns goes to the successor who received its open deals in this handover
(the first of them when they went to several); when the whole of the leaver's work is handed
over, accounts with no open deal go to the first successor. Their contacts owned by the leaver
follow the account. Closed deals keep their owner, but the account's new owner reads them (and
their timelines) through the account.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from servicekit.identity import Identity
from services.opportunity.application import account_events as events
from services.opportunity.application.account_ports import AccountStore, Changes
from services.opportunity.domain.assignment import Assignee
from services.opportunity.domain.opportunity import Opportunity


async def hand_over_accounts(
    leaver_id: str, handed: Mapping[str, str], opportunities: Mapping[str, Opportunity],
    successors: Sequence[Assignee], *, whole: bool, identity: Identity, store: AccountStore, now: datetime,
) -> int:  # fmt: skip
    """Move the leaver's accounts; ``handed`` is opportunity id → its new owner. Returns how
    many accounts moved."""
    by_id = {s.user_id: s for s in successors}
    heir: dict[str, str] = {}
    for opportunity_id, owner_id in handed.items():
        account_id = opportunities[opportunity_id].account_id if opportunity_id in opportunities else None
        if account_id is not None:
            heir.setdefault(account_id, owner_id)
    owned = await store.accounts_owned_by(leaver_id)
    changes = Changes()
    out = []
    for account in owned:
        to = heir.get(account.id) or (successors[0].user_id if whole and successors else None)
        if to is None or to not in by_id:
            continue
        team = by_id[to].team
        moved = replace(account, owner_id=to, team=team, updated_at=now, version=account.version + 1)
        changes.accounts.append((moved, account.version))
        out.append(events.account_changed("account.updated", moved, identity))
        for contact in await store.contacts_of([account.id]):
            if contact.owner_id == leaver_id:
                c = replace(contact, owner_id=to, team=team, updated_at=now, version=contact.version + 1)
                changes.contacts.append((c, contact.version))
                out.append(events.contact_changed("contact.updated", c, identity))
    if changes.accounts:
        await store.commit(changes, out)
    return len(changes.accounts)

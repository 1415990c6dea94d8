"""The account page: the account, its contacts, every opportunity of it — open and closed,
whoever owned them — with their activities and evidence, the open pipeline and won revenue.

Whoever may see the account may read all of this: after a handover the successor owns the
account and so reads the closed deals the leaver kept, and their timelines.
"""

from __future__ import annotations

from collections.abc import Sequence

from servicekit.identity import Identity
from services.opportunity.application.access import can_see
from services.opportunity.application.account_ports import AccountStore
from services.opportunity.application.work_ports import WorkPorts
from services.opportunity.domain.errors import NotFound
from services.opportunity.domain.evidence import Activity
from services.opportunity.domain.opportunity import Opportunity


async def account_opportunities(account_id: str, store: AccountStore) -> list[Opportunity]:
    """Every opportunity of an account the caller was shown (the caller's sight was checked
    when the account was loaded)."""
    return await store.opportunities_of_account(account_id)


async def account_activities(opportunities: Sequence[Opportunity], work: WorkPorts) -> list[Activity]:
    """Activities across the opportunities, newest first."""
    found = await work.evidence.of_opportunities([o.id for o in opportunities])
    every = [a for o in opportunities for a in found.get(o.id, [])]
    return sorted(every, key=lambda a: a.occurred_at, reverse=True)


async def may_read(identity: Identity, opportunity: Opportunity, store: AccountStore) -> bool:
    """The caller sees the opportunity itself, or owns the account it belongs to (a manager:
    the account is their team's). Being linked to another deal of the account gives no right."""
    if can_see(identity, opportunity):
        return True
    if opportunity.account_id is None:
        return False
    account = await store.account(opportunity.account_id)
    if account is None:
        return False
    if account.owner_id == identity.user_id:
        return True
    return identity.is_manager and identity.team is not None and account.team == identity.team


async def readable(
    identity: Identity, opportunity: Opportunity | None, id: str, store: AccountStore
) -> Opportunity:
    if opportunity is None or not await may_read(identity, opportunity, store):
        raise NotFound(f"No opportunity {id!r}.", {"id": id})
    return opportunity

"""The one-off migration of customers that are only names to accounts.

Opportunities without an account are grouped by their customer's normalised name; each group is
linked to the live account with that name, or to a new one (origin MIGRATION, owned by the
owner of the group's earliest opportunity). One transaction per customer: the account (if new),
its opportunities and their events. Running it again finds nothing left to do; a run stopped
part-way carries on where it stopped, since a new account's id is derived from the name.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from servicekit.identity import Identity
from services.opportunity.application import account_events
from services.opportunity.application import events as opportunity_events
from services.opportunity.application.account_ports import AccountStore, Changes
from services.opportunity.domain import account_links
from services.opportunity.domain.accounts import Account, AccountFields, AccountOrigin, new_account
from services.opportunity.domain.names import company_key
from services.opportunity.domain.opportunity import Opportunity


@dataclass(frozen=True)
class CustomerMove:
    """What the migration does (or would do) for one customer."""

    name: str
    account_id: str
    new_account: bool
    opportunity_ids: list[str]


@dataclass
class MigrationReport:
    moves: list[CustomerMove] = field(default_factory=list)
    dry_run: bool = False

    @property
    def accounts_created(self) -> int:
        return sum(1 for m in self.moves if m.new_account)

    @property
    def opportunities_linked(self) -> int:
        return sum(len(m.opportunity_ids) for m in self.moves)


def migration_account_id(name_key: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"pipewise:account:{name_key}").hex


async def migrate_customers(
    store: AccountStore, identity: Identity, clock: Callable[[], datetime], *, dry_run: bool
) -> MigrationReport:
    groups: dict[str, list[Opportunity]] = {}
    for o in await store.unlinked_customers():
        groups.setdefault(company_key(o.customer_name), []).append(o)
    existing = {a.name_key: a for a in await store.accounts_by("name_key", list(groups))}
    report = MigrationReport(dry_run=dry_run)
    for key, opportunities in groups.items():
        first = opportunities[0]
        account = existing.get(key) or await store.account(migration_account_id(key))
        is_new = account is None
        if account is None:
            account = _new_account(key, first, identity, clock())
        report.moves.append(CustomerMove(account.name, account.id, is_new, [o.id for o in opportunities]))
        if not dry_run:
            await _link_group(account, is_new, opportunities, identity, store, clock())
    return report


def _new_account(key: str, first: Opportunity, identity: Identity, now: datetime) -> Account:
    return new_account(
        AccountFields(name=first.customer_name), id=migration_account_id(key), owner_id=first.owner_id,
        team=first.team, origin=AccountOrigin.MIGRATION, by=identity.user_id, now=now,
    )  # fmt: skip


async def _link_group(
    account: Account, is_new: bool, opportunities: list[Opportunity], identity: Identity, store: AccountStore,
    now: datetime,
) -> None:  # fmt: skip
    changes = Changes(accounts=[(account, None)] if is_new else [])
    out = [account_events.account_changed("account.created", account, identity)] if is_new else []
    for o in opportunities:
        after = account_links.link(o, account, [], by=identity.user_id, now=now, reason="MIGRATED")
        changes.opportunities.append((after, o.version))
        out.append(opportunity_events.opportunity_updated(after, identity, [("accountId", None, account.id)]))
    await store.commit(changes, out)

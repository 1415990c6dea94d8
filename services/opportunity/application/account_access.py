"""Who sees which accounts and contacts. A rep: those they own or that are linked to their
opportunities; a manager: their team's (owned in the team or linked to its opportunities); an
admin: all. A record the caller may not see is reported as not found, so ids do not leak."""

from __future__ import annotations

from servicekit.identity import Identity
from services.opportunity.application.account_ports import AccountStore, RecordScope
from services.opportunity.domain.accounts import Account, Contact
from services.opportunity.domain.errors import NotFound


async def account_scope(identity: Identity, store: AccountStore) -> RecordScope:
    if identity.is_admin:
        return RecordScope()
    if identity.is_manager and identity.team:
        ids = await store.account_ids_of_opportunities(owner_id=None, team=identity.team)
        return RecordScope(team=identity.team, linked_ids=tuple(ids))
    ids = await store.account_ids_of_opportunities(owner_id=identity.user_id, team=None)
    return RecordScope(owner_id=identity.user_id, linked_ids=tuple(ids))


async def contact_scope(identity: Identity, store: AccountStore) -> RecordScope:
    if identity.is_admin:
        return RecordScope()
    if identity.is_manager and identity.team:
        ids = await store.contact_ids_of_opportunities(owner_id=None, team=identity.team)
        return RecordScope(team=identity.team, linked_ids=tuple(ids))
    ids = await store.contact_ids_of_opportunities(owner_id=identity.user_id, team=None)
    return RecordScope(owner_id=identity.user_id, linked_ids=tuple(ids))


def in_scope(scope: RecordScope, owner_id: str, team: str | None, id: str) -> bool:
    if scope.everything or id in scope.linked_ids:
        return True
    return owner_id == scope.owner_id if scope.owner_id is not None else team == scope.team


async def visible_account(identity: Identity, store: AccountStore, id: str) -> Account:
    account = await store.account(id)
    if account is None or not in_scope(
        await account_scope(identity, store), account.owner_id, account.team, id
    ):
        raise NotFound(f"No account {id!r}.", {"id": id})
    return account


async def visible_contact(identity: Identity, store: AccountStore, id: str) -> Contact:
    contact = await store.contact(id)
    if contact is None:
        raise NotFound(f"No contact {id!r}.", {"id": id})
    scope = await contact_scope(identity, store)
    if not in_scope(scope, contact.owner_id, contact.team, id):
        # A contact of an account the caller sees is visible too (the account page lists them).
        account_scope_ = await account_scope(identity, store)
        account = await store.account(contact.account_id)
        if account is None or not in_scope(account_scope_, account.owner_id, account.team, account.id):
            raise NotFound(f"No contact {id!r}.", {"id": id})
    return contact

"""Creating, editing, reading and listing accounts and contacts. Every change is written with
its ``account.*`` / ``contact.*`` event in one transaction (``AccountStore.commit``)."""

from __future__ import annotations

from servicekit.identity import Identity
from services.opportunity.application import account_events as events
from services.opportunity.application._loading import load_active_user
from services.opportunity.application.access import may_own
from services.opportunity.application.account_access import (
    account_scope,
    contact_scope,
    visible_account,
    visible_contact,
)
from services.opportunity.application.account_ports import AccountStore, Changes, ListQuery, RecordScope
from services.opportunity.application.ports import Ports
from services.opportunity.application.queries import MAX_PAGE, Page
from services.opportunity.domain import accounts as rules
from services.opportunity.domain.account_search import SearchKind, read_search
from services.opportunity.domain.accounts import Account, AccountFields, AccountOrigin, Contact, ContactFields
from services.opportunity.domain.errors import AlreadyExists, Conflict, InvalidInput
from services.opportunity.domain.user import User


async def _owner(identity: Identity, ports: Ports, owner_id: str | None) -> User:
    owner = await load_active_user(ports, owner_id or identity.user_id, "ownerId")
    may_own(identity, owner)
    return owner


async def _tax_number_free(store: AccountStore, account: Account) -> None:
    """A Unified Business Number names one company: a second account with it is refused (the
    existing one may belong to someone the caller cannot see, so it is not named)."""
    if account.tax_number is None:
        return
    taken = [a for a in await store.accounts_by("tax_number", [account.tax_number]) if a.id != account.id]
    if taken:
        raise AlreadyExists(
            f"An account with the tax number {account.tax_number} already exists; link to it or merge.",
            {"field": "taxNumber"},
        )


def _expect(version: int, expected: int, what: str) -> None:
    if version != expected:
        raise Conflict(
            f"The {what} is at version {version}, not {expected}; reload it.",
            {"expectedVersion": expected, "currentVersion": version},
        )


async def create_account(
    fields: AccountFields,
    identity: Identity,
    ports: Ports,
    store: AccountStore,
    *,
    owner_id: str | None = None,
) -> Account:
    owner = await _owner(identity, ports, owner_id)
    account = rules.new_account(
        fields, id=ports.new_id(), owner_id=owner.id, team=owner.team, origin=AccountOrigin.MANUAL,
        by=identity.user_id, now=ports.clock(),
    )  # fmt: skip
    await _tax_number_free(store, account)
    await store.commit(
        Changes(accounts=[(account, None)]), [events.account_changed("account.created", account, identity)]
    )
    return account


async def update_account(
    id: str,
    expected_version: int,
    fields: AccountFields,
    identity: Identity,
    ports: Ports,
    store: AccountStore,
) -> Account:
    account = await visible_account(identity, store, id)
    _expect(account.version, expected_version, "account")
    after = rules.edit_account(account, fields, ports.clock())
    await _tax_number_free(store, after)
    await store.commit(
        Changes(accounts=[(after, expected_version)]),
        [events.account_changed("account.updated", after, identity)],
    )
    return after


async def create_contact(
    account_id: str, fields: ContactFields, identity: Identity, ports: Ports, store: AccountStore
) -> Contact:
    account = await visible_account(identity, store, account_id)
    contact = rules.new_contact(
        fields, id=ports.new_id(), account=account, owner_id=account.owner_id, team=account.team,
        origin=AccountOrigin.MANUAL, by=identity.user_id, now=ports.clock(),
    )  # fmt: skip
    await store.commit(
        Changes(contacts=[(contact, None)]), [events.contact_changed("contact.created", contact, identity)]
    )
    return contact


async def update_contact(
    id: str,
    expected_version: int,
    fields: ContactFields,
    identity: Identity,
    ports: Ports,
    store: AccountStore,
) -> Contact:
    contact = await visible_contact(identity, store, id)
    _expect(contact.version, expected_version, "contact")
    after = rules.edit_contact(contact, fields, ports.clock())
    await store.commit(
        Changes(contacts=[(after, expected_version)]),
        [events.contact_changed("contact.updated", after, identity)],
    )
    return after


def _first(first: int) -> int:
    if not 1 <= first <= MAX_PAGE:
        raise InvalidInput("first", f"A page holds 1 to {MAX_PAGE} records.", max=MAX_PAGE)
    return first


async def list_accounts(
    identity: Identity, store: AccountStore, *, search: str | None, first: int, after: str | None,
    owner_id: str | None = None, origin: AccountOrigin | None = None,
) -> Page[Account]:  # fmt: skip
    scope = await account_scope(identity, store)
    wanted = read_search(search or "")
    ids: tuple[str, ...] | None = None
    if wanted is not None and wanted.kind in (SearchKind.EMAIL, SearchKind.PHONE):
        # An account is found by its own phones or its contacts' e-mail addresses and phones.
        field = "email_keys" if wanted.kind is SearchKind.EMAIL else "phone_keys"
        contact_accounts = [c.account_id for c in await store.contacts_by(field, [wanted.value])]
        own = (
            [a.id for a in await store.accounts_by("phone_keys", [wanted.value])]
            if field == "phone_keys"
            else []
        )
        ids, wanted = tuple(dict.fromkeys([*own, *contact_accounts])), None
    query = ListQuery(
        scope=scope, search=wanted, ids=ids, owner_id=owner_id, origin=origin.value if origin else None,
        first=_first(first), after=after,
    )  # fmt: skip
    return await store.list_accounts(query)


async def list_contacts(
    identity: Identity, store: AccountStore, *, search: str | None, account_id: str | None, first: int,
    after: str | None,
) -> Page[Contact]:  # fmt: skip
    if account_id is not None:
        # Whoever sees an account sees its people (the account page lists them).
        await visible_account(identity, store, account_id)
        scope = RecordScope()
    else:
        scope = await contact_scope(identity, store)
    wanted = read_search(search or "")
    if wanted is not None and wanted.kind is SearchKind.TAX_NUMBER:
        wanted = None  # contacts have no tax number: the account's contacts are found by account
    query = ListQuery(scope=scope, search=wanted, account_id=account_id, first=_first(first), after=after)
    return await store.list_contacts(query)

"""What the account and contact use cases need from storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pymongo.asynchronous.client_session import AsyncClientSession

from contracts.envelope import CloudEvent
from services.opportunity.application.queries import Page
from services.opportunity.domain.account_search import Search
from services.opportunity.domain.accounts import Account, Contact
from services.opportunity.domain.opportunity import Opportunity


@dataclass
class Changes:
    """Records to write together; each with the version it was read at (None: a new record)."""

    accounts: list[tuple[Account, int | None]] = field(default_factory=list)
    contacts: list[tuple[Contact, int | None]] = field(default_factory=list)
    opportunities: list[tuple[Opportunity, int]] = field(default_factory=list)


@dataclass(frozen=True)
class RecordScope:
    """Which accounts or contacts a caller sees: all (nothing set), or those owned by
    ``owner_id`` / held by ``team``, plus ``linked_ids`` (linked to their opportunities)."""

    owner_id: str | None = None
    team: str | None = None
    linked_ids: tuple[str, ...] = ()

    @property
    def everything(self) -> bool:
        return self.owner_id is None and self.team is None


@dataclass(frozen=True)
class ListQuery:
    """A page of accounts or contacts, newest first."""

    scope: RecordScope
    search: Search | None = None
    account_id: str | None = None
    """Contacts only: those of this account."""
    ids: tuple[str, ...] | None = None
    """Only these records (an e-mail search of accounts: the accounts of matching contacts)."""
    owner_id: str | None = None
    origin: str | None = None
    first: int = 50
    after: str | None = None


class AccountStore(Protocol):
    async def account(self, id: str) -> Account | None: ...

    async def accounts(self, ids: Sequence[str]) -> dict[str, Account]: ...

    async def contact(self, id: str) -> Contact | None: ...

    async def contacts(self, ids: Sequence[str]) -> dict[str, Contact]: ...

    async def contacts_of(self, account_ids: Sequence[str]) -> list[Contact]: ...

    async def accounts_owned_by(self, owner_id: str) -> list[Account]: ...

    async def accounts_by(self, field: str, values: Sequence[str]) -> list[Account]: ...

    async def contacts_by(self, field: str, values: Sequence[str]) -> list[Contact]: ...

    async def opportunities_of_account(self, account_id: str) -> list[Opportunity]: ...

    async def opportunities_of_contact(self, contact_id: str) -> list[Opportunity]: ...

    async def account_ids_of_opportunities(self, *, owner_id: str | None, team: str | None) -> list[str]: ...

    async def contact_ids_of_opportunities(self, *, owner_id: str | None, team: str | None) -> list[str]: ...

    async def list_accounts(self, query: ListQuery) -> Page[Account]: ...

    async def list_contacts(self, query: ListQuery) -> Page[Contact]: ...

    async def unlinked_customers(self) -> list[Opportunity]: ...

    async def commit(self, changes: Changes, events: Sequence[CloudEvent]) -> None: ...

    async def write(
        self, session: AsyncClientSession, changes: Changes, events: Sequence[CloudEvent]
    ) -> None:
        """What ``commit`` writes, inside a transaction someone else holds (a card photo's)."""
        ...

"""Account and contact queries: one by id (the account page), and searchable lists."""

from __future__ import annotations

import strawberry

from services.opportunity.api.accounts.types import Account, AccountConnection, Contact, ContactConnection
from services.opportunity.api.context import Info
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.application import accounts as uc
from services.opportunity.application.account_access import visible_account, visible_contact
from services.opportunity.domain.accounts import AccountOrigin


@strawberry.type
class AccountQueries:
    @strawberry.field(permission_classes=AUTHENTICATED)
    async def account(self, info: Info, id: strawberry.ID) -> Account:
        ctx = info.context
        return Account.from_domain(await visible_account(ctx.identity, ctx.work.accounts, id))

    @strawberry.field(
        permission_classes=AUTHENTICATED, description="Only what the caller may see; newest first."
    )
    async def accounts(
        self,
        info: Info,
        search: str | None = None,
        owner_id: strawberry.ID | None = None,
        origin: AccountOrigin | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> AccountConnection:
        ctx = info.context
        page = await uc.list_accounts(
            ctx.identity, ctx.work.accounts, search=search, first=first, after=after, owner_id=owner_id,
            origin=origin,
        )  # fmt: skip
        return AccountConnection.from_page(page)

    @strawberry.field(permission_classes=AUTHENTICATED)
    async def contact(self, info: Info, id: strawberry.ID) -> Contact:
        ctx = info.context
        return Contact.from_domain(await visible_contact(ctx.identity, ctx.work.accounts, id))

    @strawberry.field(
        permission_classes=AUTHENTICATED, description="Only what the caller may see; newest first."
    )
    async def contacts(
        self,
        info: Info,
        search: str | None = None,
        account_id: strawberry.ID | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> ContactConnection:
        ctx = info.context
        page = await uc.list_contacts(
            ctx.identity, ctx.work.accounts, search=search, account_id=account_id, first=first, after=after
        )
        return ContactConnection.from_page(page)

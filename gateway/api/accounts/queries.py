"""Reading accounts and contacts. The opportunity service decides which the caller sees (a rep:
owned or linked to their deals; a manager: the team's; an admin: all) and answers others as not
found; the account page asks it only for the parts the client selected."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from gateway.api.accounts.types import Account, AccountConnection, AccountOrigin, Contact, ContactConnection
from gateway.api.common.permissions import IsSignedIn
from gateway.api.context import Context
from gateway.api.raw import served, to_variables

SEARCH = "A name (Chinese or English, any width or case), a phone, an e-mail address or a tax number."


def _selected_names(selections: list[Selection]) -> set[str]:
    """The field names selected, those inside fragments included."""
    names: set[str] = set()
    for selection in selections:
        if isinstance(selection, SelectedField):
            names.add(selection.name)
        elif isinstance(selection, FragmentSpread | InlineFragment):
            names |= _selected_names(selection.selections)
    return names


@strawberry.input
class AccountFilter:
    search: str | None = strawberry.field(default=strawberry.UNSET, description=SEARCH)
    owner_id: strawberry.ID | None = strawberry.UNSET
    origin: AccountOrigin | None = strawberry.field(
        default=strawberry.UNSET, description="MANUAL, IMPORT (from a card) or MIGRATION."
    )


@strawberry.type
class AccountQueries:
    @strawberry.field(
        permission_classes=[IsSignedIn], description="One account you may see: the account page."
    )
    async def account(self, info: Info[Context, None], id: strawberry.ID) -> Account:
        parts = {
            field.name
            for selected in info.selected_fields
            for field in selected.selections
            if hasattr(field, "name")
        }
        return served(await info.context.loaders.apis.accounts.account(info.context.caller, str(id), parts))

    @strawberry.field(permission_classes=[IsSignedIn], description="Accounts you may see, newest first.")
    async def accounts(
        self,
        info: Info[Context, None],
        filter: AccountFilter | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> AccountConnection:
        api = info.context.loaders.apis.accounts
        variables = to_variables(filter) if filter is not None else {}
        return served(await api.accounts(info.context.caller, filter=variables, first=first, after=after))

    @strawberry.field(permission_classes=[IsSignedIn])
    async def contact(self, info: Info[Context, None], id: strawberry.ID) -> Contact:
        return served(await info.context.loaders.apis.accounts.contact(info.context.caller, str(id)))

    @strawberry.field(permission_classes=[IsSignedIn], description="Contacts you may see, newest first.")
    async def contacts(
        self,
        info: Info[Context, None],
        search: Annotated[str | None, strawberry.argument(description=SEARCH)] = None,
        account_id: strawberry.ID | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> ContactConnection:
        api = info.context.loaders.apis.accounts
        page = await api.contacts(
            info.context.caller, search=search, account_id=str(account_id) if account_id else None, first=first,
            after=after,
        )  # fmt: skip
        return served(page)

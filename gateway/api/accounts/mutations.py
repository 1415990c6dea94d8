"""Creating, editing and merging accounts and contacts, and linking them to opportunities.

Anyone signed in creates and edits the records they may see; merging is for managers and
administrators; linking changes an opportunity, so it follows the opportunity's own rule."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from gateway.api.accounts.inputs import (
    CreateAccountInput,
    CreateContactInput,
    LinkOpportunityAccountInput,
    MergeInput,
    UpdateAccountInput,
    UpdateContactInput,
)
from gateway.api.accounts.types import Account, Contact
from gateway.api.common.permissions import IsManagerOrAdmin, IsSignedIn
from gateway.api.context import Context
from gateway.api.opportunities.types import Opportunity
from gateway.api.raw import served, to_variables


async def _send(info: Info[Context, None], name: str, input: Any) -> Any:
    api = info.context.loaders.apis.accounts
    return served(await api.mutate(info.context.caller, name, to_variables(input)))


@strawberry.type
class AccountMutations:
    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def create_account(self, info: Info[Context, None], input: CreateAccountInput) -> Account:
        return await _send(info, "createAccount", input)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def update_account(self, info: Info[Context, None], input: UpdateAccountInput) -> Account:
        return await _send(info, "updateAccount", input)

    @strawberry.mutation(
        permission_classes=[IsManagerOrAdmin],
        description="The merged account's deals, contacts and history move to the survivor.",
    )
    async def merge_accounts(self, info: Info[Context, None], input: MergeInput) -> Account:
        return await _send(info, "mergeAccounts", input)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def create_contact(self, info: Info[Context, None], input: CreateContactInput) -> Contact:
        return await _send(info, "createContact", input)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def update_contact(self, info: Info[Context, None], input: UpdateContactInput) -> Contact:
        return await _send(info, "updateContact", input)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Upload a contact's business-card photo (a GraphQL multipart request): an image.",
    )
    async def attach_contact_card(
        self, info: Info[Context, None], contact_id: strawberry.ID, file: Upload
    ) -> Contact:
        received: Any = file  # starlette's UploadFile at run time
        upload = (received.filename or "card", await received.read(), received.content_type or "")
        api = info.context.loaders.apis.accounts
        return served(await api.attach_contact_card(info.context.caller, str(contact_id), upload))

    @strawberry.mutation(
        permission_classes=[IsManagerOrAdmin],
        description="The merged contact's deal links move to the survivor.",
    )
    async def merge_contacts(self, info: Info[Context, None], input: MergeInput) -> Contact:
        return await _send(info, "mergeContacts", input)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Set an opportunity's account and its contacts with their roles (replacing earlier ones).",
    )
    async def link_opportunity_account(
        self, info: Info[Context, None], input: LinkOpportunityAccountInput
    ) -> Opportunity:
        return await _send(info, "linkOpportunityAccount", input)

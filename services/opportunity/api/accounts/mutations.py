"""Account and contact mutations: each parses its input, calls one use case and maps the result."""

from __future__ import annotations

import strawberry
from strawberry.file_uploads import Upload

from services.opportunity.api.accounts.types import Account, Contact
from services.opportunity.api.context import Info
from services.opportunity.api.opportunities.types import Opportunity
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.application import account_links, contact_cards, merges
from services.opportunity.application import accounts as uc
from services.opportunity.domain.accounts import AccountFields, ContactFields
from services.opportunity.domain.opportunity import ContactLink, ContactRole


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(values)


@strawberry.input
class AccountInput:
    """Fields left out (null) keep their value on an edit."""

    name: str | None = None
    tax_number: str | None = strawberry.field(default=None, description="8 digits, checked.")
    industry: str | None = None
    segment: str | None = strawberry.field(
        default=None,
        description="SMB, MID_MARKET, ENTERPRISE or another key (written any case, with spaces or '-'); "
        "empty clears it.",
    )
    address: str | None = None
    phones: list[str] | None = strawberry.field(
        default=None, description="As people write them: 02-2345-6789, 0912-345-678, +886 …"
    )
    website: str | None = None

    def to_fields(self) -> AccountFields:
        return AccountFields(
            name=self.name, tax_number=self.tax_number, industry=self.industry, segment=self.segment, address=self.address,
            phones=_tuple(self.phones), website=self.website,
        )  # fmt: skip


@strawberry.input
class ContactInput:
    name: str | None = None
    title: str | None = None
    emails: list[str] | None = None
    phones: list[str] | None = None
    notes: str | None = None
    do_not_contact: bool | None = None

    def to_fields(self) -> ContactFields:
        return ContactFields(
            name=self.name, title=self.title, emails=_tuple(self.emails), phones=_tuple(self.phones),
            notes=self.notes, do_not_contact=self.do_not_contact,
        )  # fmt: skip


@strawberry.input
class CreateAccountInput:
    account: AccountInput
    owner_id: strawberry.ID | None = strawberry.field(default=None, description="Defaults to the caller.")


@strawberry.input
class UpdateAccountInput:
    id: strawberry.ID
    expected_version: int
    account: AccountInput


@strawberry.input
class CreateContactInput:
    account_id: strawberry.ID
    contact: ContactInput


@strawberry.input
class UpdateContactInput:
    id: strawberry.ID
    expected_version: int
    contact: ContactInput


@strawberry.input
class MergeInput:
    survivor_id: strawberry.ID = strawberry.field(description="The record that stays.")
    merged_id: strawberry.ID = strawberry.field(description="The record merged into it.")


@strawberry.input
class ContactLinkInput:
    contact_id: strawberry.ID
    role: ContactRole


@strawberry.input
class LinkOpportunityAccountInput:
    opportunity_id: strawberry.ID
    expected_version: int
    account_id: strawberry.ID
    contacts: list[ContactLinkInput] = strawberry.field(
        default_factory=list, description="The opportunity's contacts, replacing those it had."
    )


@strawberry.type
class AccountMutations:
    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def create_account(self, info: Info, input: CreateAccountInput) -> Account:
        ctx = info.context
        account = await uc.create_account(
            input.account.to_fields(), ctx.identity, ctx.ports, ctx.work.accounts, owner_id=input.owner_id
        )
        return Account.from_domain(account)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def update_account(self, info: Info, input: UpdateAccountInput) -> Account:
        ctx = info.context
        account = await uc.update_account(
            input.id,
            input.expected_version,
            input.account.to_fields(),
            ctx.identity,
            ctx.ports,
            ctx.work.accounts,
        )
        return Account.from_domain(account)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def create_contact(self, info: Info, input: CreateContactInput) -> Contact:
        ctx = info.context
        contact = await uc.create_contact(
            input.account_id, input.contact.to_fields(), ctx.identity, ctx.ports, ctx.work.accounts
        )
        return Contact.from_domain(contact)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def update_contact(self, info: Info, input: UpdateContactInput) -> Contact:
        ctx = info.context
        contact = await uc.update_contact(
            input.id,
            input.expected_version,
            input.contact.to_fields(),
            ctx.identity,
            ctx.ports,
            ctx.work.accounts,
        )
        return Contact.from_domain(contact)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="The contact's business-card photo (a GraphQL multipart request): an image.",
    )
    async def attach_contact_card(self, info: Info, contact_id: strawberry.ID, file: Upload) -> Contact:
        ctx = info.context
        limit = ctx.work.attachment_policy.max_bytes
        cmd = contact_cards.CardPhoto(
            contact_id=contact_id, filename=getattr(file, "filename", "") or "",
            claimed_type=getattr(file, "content_type", None), data=await file.read(limit + 1),  # type: ignore[attr-defined]
        )  # fmt: skip
        return Contact.from_domain(
            await contact_cards.attach_card_photo(cmd, ctx.identity, ctx.ports, ctx.work)
        )

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Managers and admins.")
    async def merge_accounts(self, info: Info, input: MergeInput) -> Account:
        ctx = info.context
        kept = await merges.merge_accounts(
            input.survivor_id, input.merged_id, ctx.identity, ctx.ports, ctx.work.accounts
        )
        return Account.from_domain(kept)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Managers and admins.")
    async def merge_contacts(self, info: Info, input: MergeInput) -> Contact:
        ctx = info.context
        kept = await merges.merge_contacts(
            input.survivor_id, input.merged_id, ctx.identity, ctx.ports, ctx.work.accounts
        )
        return Contact.from_domain(kept)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Set an opportunity's account and its contacts' roles."
    )
    async def link_opportunity_account(self, info: Info, input: LinkOpportunityAccountInput) -> Opportunity:
        ctx = info.context
        links = [ContactLink(c.contact_id, c.role) for c in input.contacts]
        after = await account_links.link_opportunity(
            input.opportunity_id, input.expected_version, input.account_id, links, ctx.identity, ctx.ports,
            ctx.work.accounts,
        )  # fmt: skip
        return Opportunity.from_domain(after)

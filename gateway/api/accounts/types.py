"""Accounts and contacts as the public API shows them (service dicts, read by key)."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from gateway.api.common.types import Money, PageInfo
from gateway.api.context import Context
from gateway.api.raw import data_of, served
from gateway.api.scalars import DateTime

if TYPE_CHECKING:
    from gateway.api.evidence.types import Activity
    from gateway.api.opportunities.types import Opportunity
    from gateway.api.users.types import User


@strawberry.enum
class AccountOrigin(Enum):
    MANUAL = "MANUAL"
    IMPORT = "IMPORT"
    MIGRATION = "MIGRATION"


@strawberry.enum
class ContactRole(Enum):
    DECISION_MAKER = "DECISION_MAKER"
    INFLUENCER = "INFLUENCER"
    USER = "USER"
    PURCHASING = "PURCHASING"


@strawberry.type
class Phone:
    e164: str = strawberry.field(description='E.164, e.g. "+886223456789".')
    extension: str | None


@strawberry.type(description="A contact's business-card photo, kept beside the evidence files.")
class CardPhoto:
    id: strawberry.ID
    filename: str
    content_type: str = strawberry.field(description="As sniffed from the bytes.")
    size: int
    sha256: str
    uploaded_at: DateTime
    uploaded_by: strawberry.ID
    download_path: str = strawberry.field(description="GET it from the gateway with the same bearer token.")


@strawberry.type(description="A person at an account, often first met as a business card.")
class Contact:
    id: strawberry.ID
    account_id: strawberry.ID
    name: str
    title: str | None
    emails: list[str]
    phones: list[Phone]
    notes: str | None
    do_not_contact: bool
    owner_id: strawberry.ID
    team: str | None
    origin: AccountOrigin
    merged_into: strawberry.ID | None
    created_at: DateTime
    updated_at: DateTime
    version: int
    card_photo: CardPhoto | None = strawberry.field(
        description="The business-card photo, if one was uploaded."
    )


@strawberry.type(description="A contact's part in an opportunity.")
class OpportunityContact:
    contact_id: strawberry.ID
    role: ContactRole


async def _page_part(account: Any, info: Info[Context, None], part: str) -> Any:
    """A part of the account page: fetched with the account by ``account(id)``; for an account
    reached another way (a deal's customer, a page of accounts), asked for now, one call per part
    for every account of the response."""
    found = data_of(account, part)
    if found is None:
        found = served(await info.context.loaders.account_part.load((str(data_of(account, "id")), part)))
    return found


@strawberry.type(description="The customer company: its deals, people, activities and figures.")
class Account:
    id: strawberry.ID
    name: str
    tax_number: str | None = strawberry.field(description="Taiwan Unified Business Number (統一編號).")
    industry: str | None
    segment: str | None = strawberry.field(
        description="Its market segment key (SMB, MID_MARKET, ENTERPRISE or one an admin names)."
    )
    address: str | None
    phones: list[Phone]
    website: str | None
    owner_id: strawberry.ID
    team: str | None
    origin: AccountOrigin
    source_id: strawberry.ID | None
    merged_into: strawberry.ID | None = strawberry.field(description="Set once merged into another account.")
    created_at: DateTime
    updated_at: DateTime
    version: int

    @strawberry.field(description="Account page: its contacts.")
    async def contacts(self, info: Info[Context, None]) -> list[Contact]:
        return await _page_part(self, info, "contacts")

    @strawberry.field(description="Account page: every deal, open and closed, whoever owned it.")
    async def opportunities(
        self, info: Info[Context, None]
    ) -> list[Annotated[Opportunity, strawberry.lazy("gateway.api.opportunities.types")]]:
        return await _page_part(self, info, "opportunities")

    @strawberry.field(description="Account page: activities and evidence across its deals, newest first.")
    async def activities(
        self, info: Info[Context, None]
    ) -> list[Annotated[Activity, strawberry.lazy("gateway.api.evidence.types")]]:
        return await _page_part(self, info, "activities")

    @strawberry.field(description="Open deals' amounts, summed per currency.")
    async def open_pipeline(self, info: Info[Context, None]) -> list[Money]:
        return await _page_part(self, info, "openPipeline")

    @strawberry.field(description="Won deals' amounts, summed per currency.")
    async def won_revenue(self, info: Info[Context, None]) -> list[Money]:
        return await _page_part(self, info, "wonRevenue")

    @strawberry.field(description="The rep who owns the account.")
    async def owner(
        self, info: Info[Context, None]
    ) -> Annotated[User, strawberry.lazy("gateway.api.users.types")] | None:
        return served(await info.context.loaders.user.load(data_of(self, "ownerId")))


@strawberry.type
class AccountConnection:
    nodes: list[Account]
    page_info: PageInfo
    total_count: int


@strawberry.type
class ContactConnection:
    nodes: list[Contact]
    page_info: PageInfo
    total_count: int

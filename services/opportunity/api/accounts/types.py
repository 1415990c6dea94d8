"""GraphQL types of accounts and contacts, with the account page's fields."""

from __future__ import annotations

import asyncio
from datetime import datetime

import strawberry

from services.opportunity.api.common import Money
from services.opportunity.api.context import Info
from services.opportunity.api.evidence.types import Activity
from services.opportunity.api.opportunities.types import Opportunity, PageInfo
from services.opportunity.application import account_page, contact_cards
from services.opportunity.application.queries import Page
from services.opportunity.application.work_ports import StoredFile
from services.opportunity.domain import account_page as figures
from services.opportunity.domain.accounts import Account as DomainAccount
from services.opportunity.domain.accounts import AccountOrigin
from services.opportunity.domain.accounts import Contact as DomainContact
from services.opportunity.domain.contact_points import Phone as DomainPhone
from services.opportunity.domain.opportunity import Opportunity as DomainOpportunity


@strawberry.type
class Phone:
    e164: str = strawberry.field(description='E.164, e.g. "+886223456789".')
    extension: str | None

    @classmethod
    def from_domain(cls, p: DomainPhone) -> Phone:
        return cls(e164=p.e164, extension=p.extension)


@strawberry.type(description="A contact's business-card photo, kept beside the evidence files.")
class CardPhoto:
    id: strawberry.ID
    filename: str
    content_type: str = strawberry.field(description="As sniffed from the bytes.")
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: strawberry.ID
    download_path: str = strawberry.field(description="GET it with the same identity header.")

    @classmethod
    def from_domain(cls, f: StoredFile) -> CardPhoto:
        return cls(
            id=strawberry.ID(f.id), filename=f.filename, content_type=f.content_type, size=f.size, sha256=f.sha256,
            uploaded_at=f.uploaded_at, uploaded_by=strawberry.ID(f.uploaded_by), download_path=f"/attachments/{f.id}",
        )  # fmt: skip


@strawberry.type
class Contact:
    _c: strawberry.Private[DomainContact]
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
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def from_domain(cls, c: DomainContact) -> Contact:
        return cls(
            _c=c, id=strawberry.ID(c.id), account_id=strawberry.ID(c.account_id), name=c.name, title=c.title,
            emails=list(c.emails), phones=[Phone.from_domain(p) for p in c.phones], notes=c.notes,
            do_not_contact=c.do_not_contact, owner_id=strawberry.ID(c.owner_id), team=c.team, origin=c.origin,
            merged_into=strawberry.ID(c.merged_into) if c.merged_into else None, created_at=c.created_at,
            updated_at=c.updated_at, version=c.version,
        )  # fmt: skip

    @strawberry.field(description="The business-card photo, if one was uploaded.")
    async def card_photo(self, info: Info) -> CardPhoto | None:
        stored = await contact_cards.card_photo(self._c, info.context.work)
        return None if stored is None else CardPhoto.from_domain(stored)


@strawberry.type
class Account:
    _a: strawberry.Private[DomainAccount]
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
    created_at: datetime
    updated_at: datetime
    version: int

    _page: strawberry.Private[dict[str, asyncio.Task[list[DomainOpportunity]]]]

    @classmethod
    def from_domain(cls, a: DomainAccount) -> Account:
        return cls(
            _page={},
            _a=a, id=strawberry.ID(a.id), name=a.name, tax_number=a.tax_number, industry=a.industry,
            segment=a.segment, address=a.address, phones=[Phone.from_domain(p) for p in a.phones], website=a.website,
            owner_id=strawberry.ID(a.owner_id), team=a.team, origin=a.origin,
            source_id=strawberry.ID(a.source_id) if a.source_id else None,
            merged_into=strawberry.ID(a.merged_into) if a.merged_into else None, created_at=a.created_at,
            updated_at=a.updated_at, version=a.version,
        )  # fmt: skip

    async def _opportunities(self, info: Info) -> list[DomainOpportunity]:
        # The page's fields share one read of the account's opportunities.
        if "all" not in self._page:
            store = info.context.work.accounts
            self._page["all"] = asyncio.ensure_future(account_page.account_opportunities(self._a.id, store))
        return await self._page["all"]

    @strawberry.field(description="The account's contacts (merged ones left out).")
    async def contacts(self, info: Info) -> list[Contact]:
        return [Contact.from_domain(c) for c in await info.context.work.accounts.contacts_of([self._a.id])]

    @strawberry.field(description="Every opportunity of the account, open and closed, whoever owned them.")
    async def opportunities(self, info: Info) -> list[Opportunity]:
        return [Opportunity.from_domain(o) for o in await self._opportunities(info)]

    @strawberry.field(description="Activities and evidence across the account's opportunities, newest first.")
    async def activities(self, info: Info) -> list[Activity]:
        opportunities = await self._opportunities(info)
        activities = await account_page.account_activities(opportunities, info.context.work)
        return [Activity.from_domain(a) for a in activities]

    @strawberry.field(description="Sum of the open opportunities' amounts, one per currency.")
    async def open_pipeline(self, info: Info) -> list[Money]:
        return [Money.from_domain(m) for m in figures.open_pipeline(await self._opportunities(info))]

    @strawberry.field(description="Sum of the won opportunities' amounts, one per currency.")
    async def won_revenue(self, info: Info) -> list[Money]:
        return [Money.from_domain(m) for m in figures.won_revenue(await self._opportunities(info))]


@strawberry.type
class AccountConnection:
    nodes: list[Account]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_page(cls, page: Page[DomainAccount]) -> AccountConnection:
        return cls(
            nodes=[Account.from_domain(a) for a in page.items],
            page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=page.end_cursor),
            total_count=page.total_count,
        )


@strawberry.type
class ContactConnection:
    nodes: list[Contact]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_page(cls, page: Page[DomainContact]) -> ContactConnection:
        return cls(
            nodes=[Contact.from_domain(c) for c in page.items],
            page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=page.end_cursor),
            total_count=page.total_count,
        )

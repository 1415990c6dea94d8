"""Users, with what other services know about them (a rep's appraisal and opportunities)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from gateway.api.common.selection import node_fields
from gateway.api.common.types import Role
from gateway.api.context import Context
from gateway.api.raw import data_of, served
from gateway.application import opportunity_pages
from gateway.domain.access import may_see_user
from servicekit.i18n import DEFAULT_LOCALE

if TYPE_CHECKING:
    from gateway.api.opportunities.types import OpportunityConnection
    from gateway.api.reports.types import RepAppraisal


@strawberry.type
class User:
    id: strawberry.ID
    name: str
    email: str
    role: Role
    team: str | None
    manager_id: strawberry.ID | None
    active: bool
    version: int

    @strawberry.field(description="The language the user reads: zh-TW (the default) or en.")
    def locale(self) -> str:
        return str(data_of(self, "chosenLocale") or DEFAULT_LOCALE)

    @strawberry.field(
        description="The rep's appraisal under the policy in force (their own, their manager's, admins)."
    )
    async def appraisal(
        self, info: Info[Context, None]
    ) -> Annotated[RepAppraisal, strawberry.lazy("gateway.api.reports.types")] | None:
        raw = self
        if not may_see_user(info.context.caller, data_of(raw, "id"), data_of(raw, "team")):
            return None
        return served(await info.context.loaders.appraisal.load(data_of(raw, "id")))

    @strawberry.field(description="Opportunities this user owns that the caller may see.")
    async def opportunities(
        self, info: Info[Context, None], first: int = 20, after: str | None = None
    ) -> Annotated[OpportunityConnection, strawberry.lazy("gateway.api.opportunities.types")]:
        page = await opportunity_pages.scoped_page(
            info.context.loaders, info.context.caller, {"ownerId": data_of(self, "id")},
            "CREATED_AT_DESC", first, after, node_fields(info),
        )  # fmt: skip
        return served(page)

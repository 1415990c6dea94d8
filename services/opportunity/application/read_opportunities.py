"""Reading opportunities, always through the caller's visibility."""

from __future__ import annotations

from dataclasses import replace

from servicekit.identity import Identity
from services.opportunity.application.access import visibility, visible
from services.opportunity.application.account_page import readable
from services.opportunity.application.account_ports import AccountStore
from services.opportunity.application.ports import Ports
from services.opportunity.application.queries import (
    MAX_PAGE,
    OpportunityFilter,
    OpportunityOrder,
    OpportunityQuery,
    Page,
)
from services.opportunity.domain.errors import InvalidInput
from services.opportunity.domain.opportunity import Opportunity


async def get_opportunity(
    id: str, identity: Identity, ports: Ports, accounts: AccountStore | None = None
) -> Opportunity:
    """One opportunity; given the accounts, also one of an account the caller owns (read only)."""
    if accounts is not None:
        return await readable(identity, await ports.opportunities.get(id), id, accounts)
    return visible(identity, await ports.opportunities.get(id), id)


async def list_opportunities(
    filter: OpportunityFilter,
    identity: Identity,
    ports: Ports,
    *,
    first: int,
    after: str | None,
    order: OpportunityOrder = OpportunityOrder.CREATED_AT_DESC,
    histories: bool = True,
) -> Page[Opportunity]:
    """A page of the opportunities the caller may see; without ``histories`` their stage,
    close-date and probability histories are left empty (see ``OpportunityQuery``)."""
    if not 1 <= first <= MAX_PAGE:
        raise InvalidInput("first", f"Ask for 1 to {MAX_PAGE} opportunities per page.")
    days = filter.closing_within_days
    if days is not None and not 0 <= days <= 3650:
        raise InvalidInput("closingWithinDays", "closingWithinDays is 0 to 3650.")
    if filter.close_date_from and filter.close_date_to and filter.close_date_from > filter.close_date_to:
        raise InvalidInput("closeDateTo", "closeDateTo is on or after closeDateFrom.")
    if filter.search is not None and len(filter.search) > 200:
        raise InvalidInput("search", "Search text is at most 200 characters.")
    if filter.search is not None and not filter.search.strip():
        filter = replace(filter, search=None)
    query = OpportunityQuery(
        filter=filter, scope=visibility(identity), today=ports.clock().date(),
        order=order, first=first, after=after, histories=histories,
    )  # fmt: skip
    return await ports.opportunities.find(query)

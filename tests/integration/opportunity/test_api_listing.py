"""The opportunity list: filters, visibility by role, ordering, cursor pagination, indexes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from servicekit.identity import Identity
from services.opportunity.adapters.indexes import ALL_INDEXES
from services.opportunity.adapters.opportunity_repository import OPPORTUNITIES, build_filter
from services.opportunity.application.access import visibility
from services.opportunity.application.queries import OpportunityFilter, OpportunityQuery
from services.opportunity.domain.opportunity import Status
from tests.integration.opportunity._graphql import (
    ADMIN,
    MANAGER_NORTH,
    REP_1,
    REP_2,
    REP_3,
    Api,
    GraphQLFailure,
    running_api,
)
from tests.support.explain import index_names

LIST = """query($filter: OpportunityFilter, $first: Int!, $after: String, $order: OpportunityOrder!) {
  opportunities(filter: $filter, first: $first, after: $after, orderBy: $order) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title } } nodes { title } } }"""
CREATE_SOURCE = (
    "mutation($input: SourceInput!) { createSource(input: $input) { id cost { amount currency } } }"
)
TODAY = datetime.now(UTC).date()


def _day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


@pytest.fixture(scope="module")
async def world(mongodb_url: str) -> AsyncIterator[tuple[Api, str]]:
    async with running_api(mongodb_url) as api:
        source = (
            await api.call(CREATE_SOURCE, {"input": {"name": "Computex 2026", "kind": "TRADE_SHOW",
                                                     "costAmount": "250000", "costCurrency": "TWD"}})
        )["createSource"]  # fmt: skip
        await api.create(REP_1, title="Acme ERP rollout", customerName="Acme Corp", expectedCloseDate=_day(3),
                         sourceId=source["id"])  # fmt: skip
        await api.create(REP_1, title="Acme CRM", customerName="Acme Corp", expectedCloseDate=_day(30))
        await api.create(REP_1, title="舊系統汰換", customerName="台灣積體電路", expectedCloseDate=_day(-5))
        await api.create(REP_2, title="Globex data platform", customerName="Globex", expectedCloseDate=_day(6),
                         stageKey="proposal", sourceId=source["id"])  # fmt: skip
        await api.create(REP_3, title="Initech upgrade", customerName="Initech", expectedCloseDate=_day(-1))
        won = await api.create(
            REP_3, title="Umbrella deal", customerName="Umbrella", expectedCloseDate=_day(-10)
        )
        await api.move(won, "won", as_=REP_3)
        yield api, source["id"]


async def _titles(
    api: Api, filter: dict[str, Any] | None = None, *, as_: Any = ADMIN, order: str = "CREATED_AT_ASC"
) -> list[str]:
    data = await api.call(LIST, {"filter": filter, "first": 200, "order": order}, as_=as_)
    return [n["title"] for n in data["opportunities"]["nodes"]]


async def test_a_rep_sees_only_their_own_a_manager_their_team_and_an_admin_everything(
    world: tuple[Api, str],
) -> None:
    api, _ = world
    assert await _titles(api, as_=REP_1) == ["Acme ERP rollout", "Acme CRM", "舊系統汰換"]
    assert len(await _titles(api, as_=MANAGER_NORTH)) == 4
    assert len(await _titles(api, as_=ADMIN)) == 6
    assert await _titles(api, {"ownerId": "rep-3"}, as_=REP_1) == []


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        ({"ownerId": "rep-2"}, ["Globex data platform"]),
        ({"team": "south"}, ["Initech upgrade", "Umbrella deal"]),
        ({"stageKey": "proposal"}, ["Globex data platform"]),
        ({"status": "WON"}, ["Umbrella deal"]),
        ({"pipelineId": "default", "status": "OPEN", "team": "south"}, ["Initech upgrade"]),
        ({"closingWithinDays": 7}, ["Acme ERP rollout", "Globex data platform"]),
        ({"closeDateFrom": _day(3), "closeDateTo": _day(6)}, ["Acme ERP rollout", "Globex data platform"]),
        ({"closeDateFrom": _day(4)}, ["Acme CRM", "Globex data platform"]),
        ({"closeDateTo": _day(-5), "status": "OPEN"}, ["舊系統汰換"]),
        ({"closeDateFrom": _day(-1), "closeDateTo": _day(-1)}, ["Initech upgrade"]),
        ({"overdue": True}, ["舊系統汰換", "Initech upgrade"]),
        ({"search": "acme"}, ["Acme ERP rollout", "Acme CRM"]),
        ({"search": "acm erp"}, ["Acme ERP rollout"]),
        ({"search": "積體"}, ["舊系統汰換"]),
        ({"search": "系統汰換"}, ["舊系統汰換"]),
        ({"search": "globex PLATFORM"}, ["Globex data platform"]),
        ({"search": "nothing-like-this"}, []),
    ],
)
async def test_filters(world: tuple[Api, str], filter: dict[str, Any], expected: list[str]) -> None:
    api, _ = world
    assert await _titles(api, filter) == expected


async def test_source_and_created_between_filters(world: tuple[Api, str]) -> None:
    api, source_id = world
    assert await _titles(api, {"sourceId": source_id}) == ["Acme ERP rollout", "Globex data platform"]
    later = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    earlier = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    assert len(await _titles(api, {"createdFrom": earlier, "createdTo": later})) == 6
    assert await _titles(api, {"createdFrom": later}) == []


async def test_cursor_pagination_walks_every_row_once_in_order_with_a_total(world: tuple[Api, str]) -> None:
    api, _ = world
    seen: list[str] = []
    after = None
    while True:
        data = (await api.call(LIST, {"first": 2, "after": after, "order": "EXPECTED_CLOSE_DATE_ASC"}))[
            "opportunities"
        ]
        assert data["totalCount"] == 6
        seen += [e["node"]["title"] for e in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert seen == await _titles(api, order="EXPECTED_CLOSE_DATE_ASC")
    assert seen[0] == "Umbrella deal" and len(set(seen)) == 6


async def test_a_first_page_that_holds_everything_counts_it_too(world: tuple[Api, str]) -> None:
    api, source_id = world
    everything = (await api.call(LIST, {"first": 50, "order": "CREATED_AT_DESC"}))["opportunities"]
    assert everything["totalCount"] == len(everything["nodes"]) == 6
    assert not everything["pageInfo"]["hasNextPage"]
    some = await api.call(LIST, {"first": 6, "order": "CREATED_AT_DESC", "filter": {"sourceId": source_id}})
    assert some["opportunities"]["totalCount"] == 2
    exactly = (await api.call(LIST, {"first": 6, "order": "CREATED_AT_DESC"}))["opportunities"]
    assert exactly["totalCount"] == 6 and not exactly["pageInfo"]["hasNextPage"]


CARD = "id title stage { key } owner { id } value { amount } overdue timeInCurrentStageSeconds version"


async def test_a_list_asking_for_histories_gets_them_wherever_it_asks(world: tuple[Api, str]) -> None:
    api, _ = world
    query = """query { opportunities(first: 10, orderBy: CREATED_AT_ASC) {
      nodes { title stageMoves { to { key } } }
      edges { node { ...Dates } } } }
    fragment Dates on Opportunity { closeDateHistory { new } }"""
    data = (await api.call(query, as_=ADMIN))["opportunities"]
    umbrella = next(n for n in data["nodes"] if n["title"] == "Umbrella deal")
    assert len(umbrella["stageMoves"]) == 2 and umbrella["stageMoves"][-1]["to"]["key"] == "won"
    assert all(len(edge["node"]["closeDateHistory"]) == 1 for edge in data["edges"])


async def test_a_board_read_without_histories_shows_what_a_full_read_shows(world: tuple[Api, str]) -> None:
    api, _ = world
    board = f"query {{ opportunities(first: 10) {{ nodes {{ ...Card }} }} }} fragment Card on Opportunity {{ {CARD} }}"
    full = f"query {{ opportunities(first: 10) {{ nodes {{ {CARD} stageMoves {{ at }} }} }} }}"
    light = (await api.call(board, as_=ADMIN))["opportunities"]["nodes"]
    read_whole = (await api.call(full, as_=ADMIN))["opportunities"]["nodes"]
    assert len(light) == 6
    for card, whole in zip(light, read_whole, strict=True):
        assert whole.pop("stageMoves")
        # The time in stage moves on between the two reads.
        assert abs(card.pop("timeInCurrentStageSeconds") - whole.pop("timeInCurrentStageSeconds")) <= 5
        assert card == whole


@pytest.mark.parametrize(("first", "after"), [(201, None), (0, None), (10, "not-a-cursor")])
async def test_page_size_and_cursor_are_checked(
    world: tuple[Api, str], first: int, after: str | None
) -> None:
    api, _ = world
    with pytest.raises(GraphQLFailure) as caught:
        await api.call(LIST, {"first": first, "after": after, "order": "CREATED_AT_DESC"})
    assert caught.value.code == "BAD_USER_INPUT"


async def test_a_close_date_window_that_ends_before_it_starts_is_refused(world: tuple[Api, str]) -> None:
    api, _ = world
    with pytest.raises(GraphQLFailure) as caught:
        filter = {"closeDateFrom": _day(3), "closeDateTo": _day(2)}
        await api.call(LIST, {"filter": filter, "first": 10, "order": "CREATED_AT_DESC"})
    assert caught.value.code == "BAD_USER_INPUT"
    assert "closeDateTo" in str(caught.value)


async def test_every_declared_index_exists_after_start_up(world: tuple[Api, str]) -> None:
    api, _ = world
    for collection in {ix.collection for ix in ALL_INDEXES}:
        names = {ix["name"] async for ix in await api.db[collection].list_indexes()}
        assert {ix.name for ix in ALL_INDEXES if ix.collection == collection} <= names


@pytest.mark.parametrize(
    ("identity", "filter"),
    [
        (REP_1, OpportunityFilter()),
        (MANAGER_NORTH, OpportunityFilter()),
        (ADMIN, OpportunityFilter()),
        (REP_1, OpportunityFilter(closing_within_days=7)),
        (MANAGER_NORTH, OpportunityFilter(status=Status.OPEN, close_date_from=TODAY, close_date_to=TODAY)),
        (ADMIN, OpportunityFilter(status=Status.OPEN, close_date_from=TODAY, close_date_to=TODAY)),
        (MANAGER_NORTH, OpportunityFilter(overdue=True)),
        (ADMIN, OpportunityFilter(pipeline_id="default", stage_key="proposal")),
        (ADMIN, OpportunityFilter(search="acme")),
        (ADMIN, OpportunityFilter(source_id="s-1")),
    ],
)
async def test_the_main_list_queries_use_an_index(
    world: tuple[Api, str], identity: Identity, filter: OpportunityFilter
) -> None:
    api, _ = world
    query = OpportunityQuery(filter=filter, scope=visibility(identity), today=date.today())
    explain = await api.db.command(
        {
            "explain": {
                "find": OPPORTUNITIES,
                "filter": build_filter(query),
                "sort": {"created_at": -1, "_id": -1},
                "limit": 51,
            }
        }
    )
    assert index_names(explain["queryPlanner"]["winningPlan"]), explain["queryPlanner"]

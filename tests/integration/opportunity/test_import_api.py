"""Importing a trade-show stack through the GraphQL API: the report, both modes, duplicates,
Big5 files, and a job whose progress can be queried."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from tests.integration.opportunity._graphql import ADMIN, REP_1, SECRET, Api, GraphQLFailure, running_api

HEADER = "company,contact,title,phone,email,product interest,estimated amount,currency,notes\n"
IMPORT = """mutation($input: ImportOpportunitiesInput!) { importOpportunities(input: $input) {
  id status encoding totalRows validRows toCreate problems { line field reason }
  duplicates { line reason opportunityId earlierLine } } }"""
JOB = "query($id: ID!) { importJob(id: $id) { id status processed created percentDone toCreate } }"
LIST = "query($f: OpportunityFilter) { opportunities(filter: $f, first: 50) { totalCount nodes { ownerId title customerName value { amount currency } expectedCloseDate contact { contact title phone email notes line } } } }"


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def upload_csv(api: Api, data: bytes, as_: Identity = ADMIN, **fields: Any) -> dict[str, Any]:
    variables = {"input": {"file": None, "toUserIds": ["rep-1"], "closeInDays": 30, **fields}}
    response = await api.http.post(
        "/graphql",
        data={"operations": json.dumps({"query": IMPORT, "variables": variables}),
              "map": json.dumps({"0": ["variables.input.file"]})},
        files={"0": ("leads.csv", data, "text/csv")},
        headers={IDENTITY_HEADER: sign_identity(as_, SECRET)},
    )  # fmt: skip
    body = response.json()
    if body.get("errors"):
        raise GraphQLFailure(body["errors"])
    return body["data"]["importOpportunities"]


async def finished(api: Api, job_id: str, timeout: float = 30) -> dict[str, Any]:
    async with asyncio.timeout(timeout):
        while True:
            job = (await api.call(JOB, {"id": job_id}))["importJob"]
            if job["status"] in ("DONE", "FAILED"):
                return job
            await asyncio.sleep(0.05)


async def test_valid_rows_are_imported_and_bad_rows_reported_with_line_numbers(api: Api) -> None:
    data = (
        HEADER
        + "Alpha Co,Amy,CTO,02-2345-0001,amy@alpha.example,Sensors,120000,TWD,met at booth\n"
        + "Beta Co,Ben,,02-2345-0002,ben@beta.example,,-5,TWD,\n"
        + "Gamma Co,Gil,,02-2345-0003,,,1000,USD,\n"
    ).encode()
    job = await upload_csv(api, data)
    assert job["status"] == "QUEUED" and job["totalRows"] == 3 and job["toCreate"] == 2
    assert job["problems"] == [{"line": 3, "field": "amount", "reason": "The amount cannot be negative."}]
    done = await finished(api, job["id"])
    assert (done["created"], done["percentDone"]) == (2, 100)
    page = (await api.call(LIST, {"f": {"search": "Alpha"}}))["opportunities"]
    assert page["nodes"][0]["title"] == "Sensors – Alpha Co" and page["nodes"][0]["ownerId"] == "rep-1"
    assert page["nodes"][0]["contact"] == {
        "contact": "Amy", "title": "CTO", "phone": "02-2345-0001", "email": "amy@alpha.example",
        "notes": "met at booth", "line": 2,
    }  # fmt: skip
    created = [r for r in await api.outbox() if r["type"] == "opportunity.created"]
    assert {r["envelope"]["data"]["opportunity"]["customer_name"] for r in created} >= {
        "Alpha Co",
        "Gamma Co",
    }


async def test_all_or_nothing_refuses_the_file_when_any_row_is_bad(api: Api) -> None:
    data = (HEADER + "Delta Co,Dan,,02-2345-0004,,,1,TWD,\n" + ",NoCompany,,02-2345-0005,,,1,TWD,\n").encode()
    job = await upload_csv(api, data, mode="ALL_OR_NOTHING")
    assert job["status"] == "REJECTED" and job["toCreate"] == 0
    assert job["problems"][0]["line"] == 3
    assert (await api.call(LIST, {"f": {"search": "Delta"}}))["opportunities"]["totalCount"] == 0


async def test_rows_that_duplicate_an_open_opportunity_are_flagged_not_doubled(api: Api) -> None:
    first = await upload_csv(api, (HEADER + "Echo Co,Eve,,02-2345-0006,eve@echo.example,,1,TWD,\n").encode())
    await finished(api, first["id"])
    again = (
        HEADER
        + "ECHO CO.,Eve,,,EVE@echo.example,,1,TWD,\n"  # same company and email
        + "Other Co,Olga,,+886 2 2345 0006,,,1,TWD,\n"  # same phone
        + "Fox Co,Fay,,02-2345-0007,,,1,TWD,\n"
        + "Fox Co,Fay,,02-2345-0007,,,1,TWD,\n"  # repeats line 4
    ).encode()
    job = await upload_csv(api, again)
    assert [(d["line"], bool(d["opportunityId"]), d["earlierLine"]) for d in job["duplicates"]] == [
        (2, True, None), (3, True, None), (5, False, 4),
    ]  # fmt: skip
    assert job["toCreate"] == 1
    await finished(api, job["id"])
    assert (await api.call(LIST, {"f": {"search": "Echo"}}))["opportunities"]["totalCount"] == 1


async def test_a_big5_file_from_excel_is_imported_with_chinese_headers(api: Api) -> None:
    data = (
        "公司,聯絡人,職稱,電話,電子郵件,感興趣產品,預估金額,幣別,備註\n"
        + '宏達電子,林小姐,經理,03-123-4567,,觸控面板,"250,000",TWD,\n'
    ).encode("cp950")
    job = await upload_csv(api, data, dryRun=True)
    assert (job["status"], job["encoding"], job["toCreate"]) == ("VALIDATED", "big5", 1)


async def test_wrong_columns_an_inactive_rep_and_a_rep_importing_are_refused(api: Api) -> None:
    with pytest.raises(GraphQLFailure) as err:
        await upload_csv(api, b"name,address\nx,y\n")
    assert err.value.code == "CSV_COLUMNS" and "company" in err.value.details["missing"]
    with pytest.raises(GraphQLFailure) as err:
        await upload_csv(api, "公司,聯絡人\n".encode("utf-16"))
    assert err.value.code == "CSV_ENCODING"
    with pytest.raises(GraphQLFailure) as err:
        await upload_csv(api, (HEADER + "A,B,,0223450008,,,1,TWD,\n").encode(), toUserIds=["nobody"])
    assert err.value.code == "REP_NOT_FOUND"
    with pytest.raises(GraphQLFailure) as err:
        await upload_csv(api, (HEADER + "A,B,,0223450008,,,1,TWD,\n").encode(), as_=REP_1)
    assert err.value.code == "FORBIDDEN"


async def test_rows_are_spread_across_reps_when_several_are_named(api: Api) -> None:
    rows = "".join(f"Golf {i} Co,G{i},,02-2399-{i:04d},,,1,TWD,\n" for i in range(6))
    job = await upload_csv(
        api, (HEADER + rows).encode(), toUserIds=["rep-1", "rep-2"], strategy="ROUND_ROBIN"
    )
    await finished(api, job["id"])
    nodes = (await api.call(LIST, {"f": {"search": "Golf"}}))["opportunities"]["nodes"]
    assert sorted(n["ownerId"] for n in nodes) == ["rep-1"] * 3 + ["rep-2"] * 3

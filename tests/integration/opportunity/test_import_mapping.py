"""The import's column-mapping step: a dry run proposes each column's field, the user adjusts
it, an unmapped column never refuses the file, and the source remembers the mapping."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from servicekit.identity import IDENTITY_HEADER, sign_identity
from tests.integration.opportunity._graphql import ADMIN, SECRET, Api, GraphQLFailure, running_api
from tests.integration.opportunity.test_import_api import finished

IMPORT = """mutation($input: ImportOpportunitiesInput!) { importOpportunities(input: $input) {
  id status toCreate warnings columns { position header field matchedBy samples } } }"""
JOB = """query($id: ID!) { importJob(id: $id) { status created links { opportunityId accountId accountMatch } } }"""
CONTACT_NOTES = "query($id: ID!) { opportunity(id: $id) { accountId } }"
SOURCE = 'mutation { createSource(input: { name: "Computex 2027", kind: TRADE_SHOW }) { id } }'
SHOW = (
    "公司名稱,聯絡人,手機,E-mail Address,產品興趣,攤位號碼,統編\n"
    "台積電,王小明,0912-345-678,wang@tsmc.example.com,感測器,A12,22099131\n"
    "鴻海,陳大文,0912-345-679,chen@foxconn.example.com,連接器,B07,04595257\n"
)


@pytest.fixture
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def upload(api: Api, data: bytes, **fields: Any) -> dict[str, Any]:
    variables = {"input": {"file": None, "toUserIds": ["rep-1"], "closeInDays": 30, **fields}}
    response = await api.http.post(
        "/graphql",
        data={"operations": json.dumps({"query": IMPORT, "variables": variables}),
              "map": json.dumps({"0": ["variables.input.file"]})},
        files={"0": ("show.csv", data, "text/csv")},
        headers={IDENTITY_HEADER: sign_identity(ADMIN, SECRET)},
    )  # fmt: skip
    body = response.json()
    if body.get("errors"):
        raise GraphQLFailure(body["errors"])
    return body["data"]["importOpportunities"]


async def test_a_dry_run_proposes_the_columns_and_the_file_is_not_refused(api: Api) -> None:
    proposal = await upload(api, SHOW.encode("cp950"), dryRun=True)
    assert proposal["status"] == "VALIDATED" and proposal["toCreate"] == 2
    assert [(c["header"], c["field"], c["matchedBy"]) for c in proposal["columns"]] == [
        ("公司名稱", "COMPANY", "HEADER"), ("聯絡人", "CONTACT", "HEADER"), ("手機", "PHONE", "HEADER"),
        ("E-mail Address", "EMAIL", "HEADER"), ("產品興趣", "PRODUCT_INTEREST", "HEADER"),
        ("攤位號碼", "NOTE", "NONE"), ("統編", "TAX_NUMBER", "HEADER"),
    ]  # fmt: skip
    assert proposal["columns"][5]["samples"] == ["A12", "B07"]
    assert proposal["warnings"] == ["Kept on the contact's notes: 攤位號碼."]


async def test_the_users_mapping_is_used_and_remembered_for_the_sources_next_show(api: Api) -> None:
    source = (await api.call(SOURCE))["createSource"]["id"]
    odd = "org,who,booth,tel,mail\nAcme,Bob,A12,0912-345-600,bob@acme.example.com\n"
    chosen = [{"column": "org", "field": "COMPANY"}, {"column": "who", "field": "CONTACT"},
              {"column": "booth", "field": "IGNORE"}]  # fmt: skip
    job = await upload(api, odd.encode(), sourceId=source, mapping=chosen)
    assert [c["matchedBy"] for c in job["columns"]] == ["CHOSEN", "CHOSEN", "CHOSEN", "HEADER", "HEADER"]
    await finished(api, job["id"])

    next_show = "org,who,booth,tel,mail\nGlobex,Amy,C01,0912-345-601,amy@globex.example.com\n"
    proposal = await upload(api, next_show.encode(), sourceId=source, dryRun=True)
    assert [(c["field"], c["matchedBy"]) for c in proposal["columns"]] == [
        ("COMPANY", "SAVED"),
        ("CONTACT", "SAVED"),
        ("IGNORE", "SAVED"),
        ("PHONE", "SAVED"),
        ("EMAIL", "SAVED"),
    ]
    with pytest.raises(GraphQLFailure) as refused:
        await upload(api, next_show.encode(), dryRun=True)  # no source: nothing remembered
    assert refused.value.code == "CSV_COLUMNS" and refused.value.details["missing"] == ["contact"]


async def test_card_fields_that_belong_to_the_account_go_there(api: Api) -> None:
    job = await upload(api, SHOW.encode("cp950"))
    await finished(api, job["id"])
    links = (await api.call(JOB, {"id": job["id"]}))["importJob"]["links"]
    account = await api.db["accounts"].find_one({"_id": links[0]["accountId"]})
    assert account is not None and account["tax_number"] == "22099131"
    contact = await api.db["contacts"].find_one({"account_id": account["_id"]})
    assert contact is not None and contact["notes"] == "攤位號碼: A12"
    again = await upload(api, "統一編號,公司,聯絡人,電話\n22099131,TSMC,Lisa,0912-345-699\n".encode())
    await finished(api, again["id"])
    [link] = (await api.call(JOB, {"id": again["id"]}))["importJob"]["links"]
    assert (link["accountId"], link["accountMatch"]) == (account["_id"], "TAX_NUMBER")

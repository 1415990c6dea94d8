"""An import links each card to an existing account and contact when a person would say they
are the same, creates them when not, and reports which per line (the 40-card Big5 stack)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.integration.opportunity._accounts import PAGE, create_account, create_contact
from tests.integration.opportunity._graphql import ADMIN, MANAGER_NORTH, Api, running_api
from tests.integration.opportunity.test_import_api import finished, upload_csv
from tests.support.trade_show_cards import CARDS, EXISTING_ACCOUNTS, EXISTING_CONTACT, big5_csv

LINKS = """query($id: ID!) { importJob(id: $id) { status created links {
  line opportunityId accountId accountMatch contactId contactMatch } } }"""


@pytest.fixture
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def test_the_forty_cards_link_to_the_accounts_and_contacts_a_person_would_expect(api: Api) -> None:
    known = {
        label: await create_account(api, as_=MANAGER_NORTH, **fields)
        for label, fields in EXISTING_ACCOUNTS.items()
    }
    chang = await create_contact(
        api,
        known["tsmc"]["id"],
        as_=MANAGER_NORTH,
        name=EXISTING_CONTACT["name"],
        emails=EXISTING_CONTACT["emails"],
    )
    job = await upload_csv(api, big5_csv(), as_=ADMIN)
    assert (job["status"], job["encoding"], job["toCreate"]) == ("QUEUED", "big5", 40)
    await finished(api, job["id"])
    report = (await api.call(LINKS, {"id": job["id"]}))["importJob"]
    assert (report["status"], report["created"]) == ("DONE", 40)

    links = report["links"]
    assert [link["line"] for link in links] == list(range(2, 42))
    got: dict[str, Any] = {}
    for card, link in zip(CARDS, links, strict=True):
        assert (link["accountMatch"], link["contactMatch"]) == (card.account_match, card.contact_match), card
        got.setdefault(card.account, set()).add(link["accountId"])
    # One account per company, whatever way it was written; the known ones reused.
    assert all(len(ids) == 1 for ids in got.values())
    assert len({next(iter(ids)) for ids in got.values()}) == len(got) == 36
    assert got["tsmc"] == {known["tsmc"]["id"]} and got["foxconn"] == {known["foxconn"]["id"]}
    by_person: dict[str, set[str]] = {}
    for card, link in zip(CARDS, links, strict=True):
        if card.person_label:
            by_person.setdefault(card.person_label, set()).add(link["contactId"])
    assert by_person["chang"] == {chang["id"]}
    assert len(by_person["wang"]) == 1

    page = (await api.call(PAGE, {"id": next(iter(got["mtk"]))}))["account"]
    assert page["name"] == "聯發科技股份有限公司" and page["origin"] == "IMPORT"
    assert [c["name"] for c in page["contacts"]] == ["王小明"]
    assert len(page["opportunities"]) == 2
    events = {r["envelope"]["type"] for r in await api.outbox()}
    assert {"account.created", "contact.created", "opportunity.created"} <= events
    created = [r["envelope"] for r in await api.outbox(links[0]["opportunityId"])]
    assert [e["type"] for e in created] == ["opportunity.created", "opportunity.assigned"]
    assert created[0]["data"]["opportunity"]["account_id"] == known["tsmc"]["id"]
    assigned = created[1]["data"]
    assert (assigned["from_owner_id"], assigned["to_owner_id"]) == (
        None,
        created[0]["data"]["opportunity"]["owner_id"],
    )
    assert (assigned["reason"], assigned["request_id"]) == ("BULK", job["id"])
    every = [r["envelope"]["type"] for r in await api.outbox()]
    assert every.count("opportunity.assigned") == every.count("opportunity.created") == 40


HISTORY = """query($id: ID!) { opportunity(id: $id) { version ownerId
  assignmentHistory { fromOwnerId toOwnerId reason } } }"""


async def test_an_imported_cards_assignment_is_a_change_of_its_own(api: Api) -> None:
    """Created at version 1, assigned at version 2: a consumer that keeps the latest version of
    each opportunity (the gateway's live feed, reporting) takes both, and the owner history says
    who handed the card out."""
    job = await upload_csv(api, big5_csv(), as_=ADMIN)
    await finished(api, job["id"])
    every = await api.outbox()
    opportunities = {r["subject"] for r in every if r["envelope"]["type"] == "opportunity.created"}
    assert len(opportunities) == 40
    for subject in opportunities:
        rows = [r for r in every if r["subject"] == subject]
        assert [(r["envelope"]["type"], r["sequence"]) for r in rows] == [
            ("opportunity.created", 1),
            ("opportunity.assigned", 2),
        ]
        assert rows[1]["envelope"]["data"]["opportunity"]["version"] == 2
    one = sorted(opportunities)[0]
    stored = (await api.call(HISTORY, {"id": one}))["opportunity"]
    assert stored["version"] == 2
    assert stored["assignmentHistory"] == [
        {"fromOwnerId": None, "toOwnerId": stored["ownerId"], "reason": "BULK"}
    ]

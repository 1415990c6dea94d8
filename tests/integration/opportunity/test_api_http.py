"""HTTP surface: the identity is required for GraphQL, not for the probes."""

from __future__ import annotations

from servicekit.identity import IDENTITY_HEADER, sign_identity
from tests.integration.opportunity._graphql import REP_1, SECRET, running_api


async def test_graphql_refuses_a_missing_or_forged_identity_and_probes_need_none(mongodb_url: str) -> None:
    async with running_api(mongodb_url, people=False) as api:
        missing = await api.raw("{ pipelines { id } }", as_=None)
        assert missing.status_code == 401
        assert missing.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        forged = await api.http.post(
            "/graphql", json={"query": "{ pipelines { id } }"},
            headers={IDENTITY_HEADER: sign_identity(REP_1, "not-the-secret-but-long-enough-32b")},
        )  # fmt: skip
        assert forged.status_code == 401
        ok = await api.raw("{ pipelines { id } }", as_=REP_1)
        assert ok.status_code == 200 and ok.json()["data"]["pipelines"] == [{"id": "default"}]
        for path in ("/health/live", "/health/ready"):
            assert (await api.http.get(path)).status_code == 200
        assert (
            b"outbox" in (await api.http.get("/metrics")).content
            or (await api.http.get("/metrics")).status_code == 200
        )


async def test_the_callers_correlation_id_travels_into_the_published_event(mongodb_url: str) -> None:
    async with running_api(mongodb_url) as api:
        create = "mutation { createOpportunity(input: {title: \"T\", customerName: \"C\", amount: \"1\", currency: \"TWD\", expectedCloseDate: \"2027-01-01\"}) { id } }"  # fmt: skip
        response = await api.http.post(
            "/graphql", json={"query": create},
            headers={IDENTITY_HEADER: sign_identity(REP_1, SECRET), "x-correlation-id": "req-42"},
        )  # fmt: skip
        id = response.json()["data"]["createOpportunity"]["id"]
        [row] = await api.outbox(id)
        assert row["envelope"]["correlationid"] == "req-42"

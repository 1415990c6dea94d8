"""Abusive queries are refused quickly with a clear code while other clients keep being served."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from gateway.adapters.tokens import issue_local_token
from gateway.api.app import create_app
from gateway.settings import GatewaySettings
from servicekit.identity import Identity
from tests.integration.gateway._serving import serving

SETTINGS = GatewaySettings(
    jwt_secret="a-test-secret-that-is-long-enough-for-hs256",
    max_depth=8, max_aliases=20, max_tokens=1_500, max_query_chars=20_000, max_operations_per_batch=5,
    max_request_chars=100_000, max_bulk_request_chars=200_000,
)  # fmt: skip
TOKEN = issue_local_token(SETTINGS, Identity(user_id="rep-1", role="REP", team="north"))
HEADERS = {"authorization": f"Bearer {TOKEN}", "accept-language": "en"}

DEPTH_BOMB = "{ " + "viewer { " * 30 + "role" + " }" * 30 + " }"
PARSER_DEPTH_BOMB = "{" + "v{" * 300 + "role" + "}" * 300 + "}"
ALIAS_FLOOD = "{ " + " ".join(f"a{i}: viewer {{ role }}" for i in range(150)) + " }"
TOKEN_FLOOD = "{ viewer { " + "role " * 5_000 + "} }"
ONE_MEGABYTE = "{ viewer { role } }" + " " * (1024 * 1024)
BATCH_OF_1000 = [{"query": "{ viewer { role } }"}] * 1000

ABUSE = {
    "depth bomb": ({"query": DEPTH_BOMB}, "QUERY_TOO_DEEP"),
    "depth bomb past the parser's own bound": ({"query": PARSER_DEPTH_BOMB}, "QUERY_TOO_DEEP"),
    "alias flood": ({"query": ALIAS_FLOOD}, "TOO_MANY_ALIASES"),
    "token flood": ({"query": TOKEN_FLOOD}, "QUERY_TOO_LARGE"),
    "1 MB query": ({"query": ONE_MEGABYTE}, "QUERY_TOO_LARGE"),
    "batch of 1,000 operations": (BATCH_OF_1000, "TOO_MANY_OPERATIONS"),
}


@pytest.fixture(scope="module")
async def gateway_url():
    async with serving(create_app(SETTINGS)) as url:
        yield url


def error_codes(response: httpx.Response) -> list[str]:
    body = response.json()
    items = body if isinstance(body, list) else [body]
    return [e["extensions"]["code"] for item in items for e in item.get("errors") or []]


@pytest.mark.parametrize("name", list(ABUSE))
async def test_an_abusive_request_is_refused_with_a_clear_code(gateway_url, name):
    payload, code = ABUSE[name]
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as client:
        response = await client.post("/graphql", json=payload, headers=HEADERS)
    assert code in error_codes(response)


async def test_refusal_messages_never_state_the_limit(gateway_url):
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as client:
        responses = [await client.post("/graphql", json=p, headers=HEADERS) for p, _ in ABUSE.values()]
    messages = [
        e["message"]
        for r in responses
        for item in (r.json() if isinstance(r.json(), list) else [r.json()])
        for e in item["errors"]
    ]
    assert messages and all(not any(ch.isdigit() for ch in m) for m in messages), messages


async def test_other_clients_are_served_while_abusers_hammer_the_gateway(gateway_url):
    served: list[int] = []
    refused: list[list[str]] = []

    async def honest_client(client: httpx.AsyncClient) -> None:
        for _ in range(30):
            response = await client.post("/graphql", json={"query": "{ viewer { role } }"}, headers=HEADERS)
            assert response.json() == {"data": {"viewer": {"role": "REP"}}}
            served.append(response.status_code)

    async def abuser(client: httpx.AsyncClient, payload, code: str) -> None:
        for _ in range(5):
            response = await client.post("/graphql", json=payload, headers=HEADERS)
            refused.append(error_codes(response))
            assert code in error_codes(response)

    async with httpx.AsyncClient(base_url=gateway_url, timeout=30) as client:
        await asyncio.gather(
            honest_client(client),
            *(abuser(client, payload, code) for payload, code in ABUSE.values()),
        )

    assert len(served) == 30
    assert len(refused) == 5 * len(ABUSE)


async def test_a_small_batch_is_answered_operation_by_operation(gateway_url):
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as client:
        response = await client.post("/graphql", json=[{"query": "{ viewer { role } }"}] * 3, headers=HEADERS)
    assert response.json() == [{"data": {"viewer": {"role": "REP"}}}] * 3


async def test_production_mode_turns_off_introspection_and_the_ide():
    settings = SETTINGS.model_copy(update={"production": True})
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        ide = await client.get("/graphql", headers={"accept": "text/html"})
        introspection = await client.post(
            "/graphql", json={"query": "{ __schema { types { name } } }"}, headers=HEADERS
        )
    assert ide.status_code == 404
    assert set(error_codes(introspection)) == {"GRAPHQL_VALIDATION_FAILED"}


async def test_an_upload_past_the_size_limit_is_refused_before_it_is_read():
    settings = SETTINGS.model_copy(update={"max_upload_bytes": 50_000})
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        response = await client.post(
            "/graphql",
            data={"operations": '{"query": "mutation { __typename }", "variables": {}}', "map": "{}"},
            files={"0": ("big.png", b"\0" * 100_000, "image/png")},
            headers=HEADERS,
        )
    assert response.status_code == 413
    assert error_codes(response) == ["QUERY_TOO_LARGE"]


@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped JSON", "UTF-8 JSON"])
async def test_a_request_over_its_size_in_characters_is_refused_however_it_is_escaped(
    gateway_url, ascii_only
):
    # 120,000 characters: 360 KB as UTF-8, 720 KB escaped; the same rule refuses both.
    notes = {f"n{i}": "樣" * 10_000 for i in range(12)}
    payload = {"query": "{ viewer { role } }", "variables": notes}
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as client:
        response = await client.post(
            "/graphql",
            content=json.dumps(payload, ensure_ascii=ascii_only).encode(),
            headers={**HEADERS, "content-type": "application/json"},
        )
    assert response.status_code == 413
    assert error_codes(response) == ["QUERY_TOO_LARGE"]


async def test_a_request_just_within_its_size_in_characters_is_served_escaped(gateway_url):
    notes = {f"n{i}": "樣" * 9_000 for i in range(10)}  # 90,000 characters, 540 KB escaped
    payload = {"query": "{ viewer { role } }", "variables": notes}
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as client:
        response = await client.post(
            "/graphql",
            content=json.dumps(payload, ensure_ascii=True).encode(),
            headers={**HEADERS, "content-type": "application/json"},
        )
    assert response.json() == {"data": {"viewer": {"role": "REP"}}}


async def test_a_body_larger_than_any_admitted_request_could_be_escaped_is_refused(gateway_url):
    padded = b'{"query": "{ viewer { role } }"}' + b" " * (12 * SETTINGS.max_bulk_request_chars)
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as client:
        response = await client.post(
            "/graphql", content=padded, headers={**HEADERS, "content-type": "application/json"}
        )
    assert response.status_code == 413
    assert error_codes(response) == ["QUERY_TOO_LARGE"]


async def test_a_multipart_part_over_its_size_is_refused_as_a_graphql_error(gateway_url):
    # Well under the upload limit, but one form field (the operations) larger than any query.
    operations = json.dumps({"query": "mutation { __typename }", "variables": {"x": "a" * 1_200_000}})
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as client:
        response = await client.post(
            "/graphql",
            data={"operations": operations, "map": "{}"},
            files={"0": ("sample.png", b"\x89PNG", "image/png")},
            headers=HEADERS,
        )
    assert response.status_code == 413
    assert response.json() == {
        "data": None,
        "errors": [{"message": "The request is too large.", "extensions": {"code": "QUERY_TOO_LARGE"}}],
    }


async def test_a_multipart_request_with_too_many_files_is_refused_as_a_graphql_error(gateway_url):
    files = {str(i): (f"{i}.png", b"\x89PNG", "image/png") for i in range(1_001)}
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as client:
        response = await client.post(
            "/graphql",
            data={"operations": '{"query": "mutation { __typename }"}', "map": "{}"},
            files=files,
            headers=HEADERS,
        )
    assert response.status_code == 400
    assert error_codes(response) == ["BAD_REQUEST"]


async def test_a_body_that_is_not_json_is_refused_with_400(gateway_url):
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as client:
        response = await client.post(
            "/graphql",
            content=b'{"query": "{ viewer { role } }"',
            headers={**HEADERS, "content-type": "application/json"},
        )
    assert response.status_code == 400
    assert error_codes(response) == ["BAD_REQUEST"]
    assert "JSON" in response.json()["errors"][0]["message"]


BULK_ASSIGN = "mutation($i: AssignOpportunitiesInput!) { assignOpportunities(input: $i) { assignedCount } }"
# About 150,000 characters: past the ordinary request size, within the bulk one.
MANY_TARGETS = [{"id": f"opportunity-{i:06d}", "expectedVersion": 3} for i in range(3_000)]
BULK_VARIABLES = {"i": {"targets": MANY_TARGETS, "toUserId": "rep-2"}}


async def _post(gateway_url: str, payload: object) -> httpx.Response:
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as client:
        return await client.post("/graphql", json=payload, headers=HEADERS)


async def test_a_bulk_assignment_alone_may_be_larger_than_any_other_request(gateway_url):
    assert SETTINGS.max_request_chars < len(json.dumps(BULK_VARIABLES)) < SETTINGS.max_bulk_request_chars
    response = await _post(gateway_url, {"query": BULK_ASSIGN, "variables": BULK_VARIABLES})
    # Past the size check and every schema limit: refused only because a rep may not assign.
    assert error_codes(response) == ["FORBIDDEN"]


@pytest.mark.parametrize(
    "payload",
    [
        {"query": "mutation($i: AssignOpportunitiesInput!) { viewer { role } }", "variables": BULK_VARIABLES},
        {
            "query": BULK_ASSIGN.replace(
                "{ assignedCount } }", "{ assignedCount } markAllNotificationsRead }"
            ),
            "variables": BULK_VARIABLES,
        },
        [{"query": BULK_ASSIGN, "variables": BULK_VARIABLES}, {"query": "{ viewer { role } }"}],
        {"query": "{ viewer { role } }", "variables": BULK_VARIABLES},
    ],
    ids=["another field", "a bulk assignment and another field", "in a batch", "a query"],
)
async def test_only_a_bulk_assignment_alone_gets_the_bulk_size(gateway_url, payload):
    response = await _post(gateway_url, payload)
    assert response.status_code == 413
    assert error_codes(response) == ["QUERY_TOO_LARGE"]

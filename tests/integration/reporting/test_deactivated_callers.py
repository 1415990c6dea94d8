"""Reporting keeps its copy of users from the ``user.*`` events and refuses a caller its copy
says was deactivated, however validly the identity is signed (a stale gateway, anything holding
the internal secret)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from contracts.envelope import CloudEvent, new_event
from contracts.events._base import Actor, Role
from contracts.events.catalog import UserChanged, UserSnapshot
from contracts.registry import data_model_for
from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from servicekit.mongo import open_client
from services.reporting.adapters.projection_store import MongoProjectionStore
from services.reporting.api.app import create_app
from services.reporting.application.project_events import project_events
from services.reporting.settings import ReportingSettings
from tests.support.histories import NOW, generate

pytestmark = pytest.mark.asyncio(loop_scope="session")
SECRET = "reporting-test-secret-of-at-least-32-bytes"
LEAVER = Identity("u-leaver", "MANAGER", team="north")
STAYER = Identity("u-stayer", "MANAGER", team="north")
FORECAST = "{ forecast { byRep { month } } }"


def user_event(user_id: str, *, active: bool, version: int) -> CloudEvent:
    snapshot = UserSnapshot(id=user_id, name=user_id, email=f"{user_id}@example.com", role=Role.MANAGER,
                            team="north", active=active, version=version)  # fmt: skip
    kind = "user.created" if active else "user.deactivated"
    return new_event(type=kind, source="/opportunity", subject=user_id, sequence=version,
                     data=UserChanged(user=snapshot, by=Actor(user_id="u-admin")))  # fmt: skip


@pytest.fixture(scope="module")
async def http(mongodb_url: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = ReportingSettings(mongodb_url=mongodb_url, database=f"t_{uuid.uuid4().hex[:12]}_reporting",
                                 internal_secret=SECRET, log_json=False)  # fmt: skip
    client = open_client(mongodb_url)
    store = MongoProjectionStore(client, settings.database)
    await store.prepare()
    events = [
        *generate(10, seed=5),
        user_event(LEAVER.user_id, active=True, version=1),
        user_event(STAYER.user_id, active=True, version=1),
        user_event(LEAVER.user_id, active=False, version=2),
    ]
    await project_events(store, [(e, data_model_for(e.type).model_validate(e.data)) for e in events])
    app = create_app(settings, clock=lambda: NOW)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http_client:
            yield http_client
    await client.close()


def headers(identity: Identity) -> dict[str, str]:
    return {IDENTITY_HEADER: sign_identity(identity, SECRET)}


async def test_a_deactivated_caller_is_refused_by_graphql_and_csv_exports(http) -> None:
    response = await http.post("/graphql", json={"query": FORECAST}, headers=headers(LEAVER))
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "ACCOUNT_DEACTIVATED"
    export = await http.get("/export/forecast.csv", headers=headers(LEAVER))
    assert export.status_code == 403
    assert export.json()["errors"][0]["extensions"]["code"] == "ACCOUNT_DEACTIVATED"


async def test_an_active_caller_is_served(http) -> None:
    response = await http.post("/graphql", json={"query": FORECAST}, headers=headers(STAYER))
    assert response.status_code == 200
    assert not response.json().get("errors")
    assert (await http.get("/export/forecast.csv", headers=headers(STAYER))).status_code == 200

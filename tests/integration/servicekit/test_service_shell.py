"""Every service's API is built the same way: the gateway-signed identity is required, and the
caller's correlation id is kept for the request (its logs, its calls, its events) and answered
back, so one id follows a request through the gateway and every service."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from servicekit.logs import CORRELATION_HEADER
from services.notifications.api.app import create_app as notifications_app
from services.notifications.settings import NotificationSettings
from services.opportunity.api.app import create_app as opportunity_app
from services.opportunity.settings import OpportunitySettings
from services.reporting.api.app import create_app as reporting_app
from services.reporting.settings import ReportingSettings

pytestmark = pytest.mark.asyncio(loop_scope="session")
SECRET = "shell-test-secret-of-at-least-32-bytes"
ADMIN = Identity("admin-1", "ADMIN")


def _apps() -> dict[str, Callable[[str, str], Starlette]]:
    def opportunity(url: str, db: str) -> Starlette:
        return opportunity_app(OpportunitySettings(mongodb_url=url, database=db, internal_secret=SECRET))

    def notifications(url: str, db: str) -> Starlette:
        return notifications_app(NotificationSettings(mongodb_url=url, database=db, internal_secret=SECRET))

    def reporting(url: str, db: str) -> Starlette:
        return reporting_app(ReportingSettings(mongodb_url=url, database=db, internal_secret=SECRET))

    return {"opportunity": opportunity, "notifications": notifications, "reporting": reporting}


@pytest.mark.parametrize("service", ["opportunity", "notifications", "reporting"])
async def test_each_service_keeps_the_callers_correlation_id_and_requires_the_identity(
    service: str, mongodb_url: str
) -> None:
    app = _apps()[service](mongodb_url, f"t_{uuid.uuid4().hex[:12]}_{service}")
    query: dict[str, Any] = {"query": "{ __typename }"}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{service}") as http:
            signed = {
                IDENTITY_HEADER: sign_identity(ADMIN, SECRET),
                CORRELATION_HEADER: "req-0001-from-gateway",
            }
            answered = await http.post("/graphql", json=query, headers=signed)
            assert answered.status_code == 200, answered.text
            assert answered.json()["data"] == {"__typename": "Query"}
            assert answered.headers[CORRELATION_HEADER] == "req-0001-from-gateway"

            # Something that does not look like an id is not echoed into logs and headers.
            odd = await http.post("/graphql", json=query, headers={**signed, CORRELATION_HEADER: "a b\tc"})
            assert odd.headers[CORRELATION_HEADER] not in ("", "a b\tc")

            refused = await http.post(
                "/graphql", json=query, headers={CORRELATION_HEADER: "req-0002-anonymous"}
            )
            assert refused.status_code == 401
            assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
            assert refused.headers[CORRELATION_HEADER] == "req-0002-anonymous"

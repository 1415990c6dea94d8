"""An import's burst through the real consumer: applied in burst batches, and still one
assignment summary per rep and every opportunity's alerts planned."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest
from pydantic import BaseModel

from contracts.envelope import CloudEvent
from services.notifications.adapters.documents import OPPORTUNITIES
from services.notifications.application.intake import EventHandler
from tests.integration.notifications.conftest import Service
from tests.integration.notifications.factories import T0, opportunity_event, snapshot

BURST_BATCH = 50
CLOSE = (T0 + timedelta(days=30)).date()


@pytest.fixture
def service_overrides() -> dict[str, Any]:
    return {"intake_burst_batch": BURST_BATCH}


@pytest.fixture
def batch_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every batch the consumer applies (requested before ``service``, which binds
    the handler's ``apply``)."""
    sizes: list[int] = []
    apply = EventHandler.apply

    async def recording(self: EventHandler, batch: Sequence[tuple[CloudEvent, BaseModel]]) -> None:
        sizes.append(len(batch))
        await apply(self, batch)

    monkeypatch.setattr(EventHandler, "apply", recording)
    return sizes


async def test_an_import_s_burst_goes_in_burst_batches_and_each_rep_gets_one_summary(
    batch_sizes: list[int], service: Service
) -> None:
    created = [
        opportunity_event(
            "opportunity.created",
            snapshot(f"opp-{i}", version=1, close=CLOSE, owner=f"rep-{i % 2}"),
            by="mgr-1",
            correlation_id="import-9",
        )
        for i in range(300)
    ]
    await service.publish(*created)

    assert sum(batch_sizes) == 300
    assert len(batch_sizes) >= 300 // BURST_BATCH
    assert max(batch_sizes) <= BURST_BATCH
    planned = {"alerts.UPCOMING_CLOSE.state": "PENDING", "alerts.OVERDUE.state": "PENDING"}
    assert await service.db[OPPORTUNITIES].count_documents(planned) == 300

    service.clock.advance(timedelta(seconds=6))
    assert (await service.scheduler().tick()).delivered == 2
    for rep in ("rep-0", "rep-1"):
        (summary,) = await service.wait_for_inbox(rep, 1)
        assert summary["subject"] == "150 opportunities assigned to you"
        assert len(summary["opportunity_ids"]) == 150

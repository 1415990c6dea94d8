"""Shared by the notifications benchmarks."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.notifications import bootstrap
from services.notifications.settings import NotificationSettings
from tests.conftest import Names


@pytest.fixture
async def storage(names: Names, mongodb_url: str) -> AsyncIterator[bootstrap.Storage]:
    settings = NotificationSettings(mongodb_url=mongodb_url, database=names.db("notifications"))
    storage = await bootstrap.open_storage(settings)
    yield storage
    await storage.client.drop_database(settings.database)
    await storage.close()

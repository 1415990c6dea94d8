"""A start-up step that lasts says which one it is, and stops saying so when it ends."""

from __future__ import annotations

import asyncio

import structlog

from servicekit.startup import step


async def test_a_long_step_is_named_in_warnings_until_it_ends() -> None:
    with structlog.testing.capture_logs() as logs:
        async with step("indexes", every=0.02):
            await asyncio.sleep(0.07)
        during = len(logs)
        await asyncio.sleep(0.05)
    assert during >= 2
    assert len(logs) == during
    assert all(entry["step"] == "indexes" and entry["log_level"] == "warning" for entry in logs)


async def test_a_quick_step_says_nothing() -> None:
    with structlog.testing.capture_logs() as logs:
        async with step("indexes", every=1):
            await asyncio.sleep(0)
    assert logs == []

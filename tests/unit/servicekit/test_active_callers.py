"""A service asks whether a caller is active once per ``seconds``, not once per request, and
hears of a deactivation when that time is up. The clock is moved rather than waited on."""

from __future__ import annotations

from servicekit.active_callers import kept_for


async def test_an_answer_is_kept_for_its_seconds_then_asked_again():
    now = [100.0]
    asked: list[str] = []
    active = {"rep-1": True}

    async def is_active(user_id: str) -> bool:
        asked.append(user_id)
        return active[user_id]

    check = kept_for(2.0, is_active, clock=lambda: now[0])
    assert await check("rep-1") is True
    active["rep-1"] = False  # deactivated meanwhile
    now[0] += 1.5
    assert await check("rep-1") is True
    assert asked == ["rep-1"]
    now[0] += 1.0
    assert await check("rep-1") is False
    assert asked == ["rep-1", "rep-1"]

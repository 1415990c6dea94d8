"""What the gateway keeps of whether a user is active: asked once, set by events, never
overwritten by an older answer, and not a reason to refuse everyone when the service is down."""

from __future__ import annotations

import asyncio

from gateway.adapters.user_status import UserState, UserStatus


class OpportunityService:
    """Answers as the opportunity service would: a user's ``active``, or None for an unknown id."""

    def __init__(self, users: dict[str, bool]) -> None:
        self.users = users
        self.locales: dict[str, str] = {}
        self.asked: list[str] = []
        self.down = False
        self.hold: asyncio.Event | None = None

    async def __call__(self, user_id: str) -> UserState | None:
        self.asked.append(user_id)
        if self.hold is not None:
            await self.hold.wait()
        if self.down:
            raise ConnectionError("opportunity service unreachable")
        active = self.users.get(user_id)
        return None if active is None else UserState(active=active, locale=self.locales.get(user_id))


def status_over(service: OpportunityService, *, live: bool = True, ttl: float = 30.0) -> UserStatus:
    status = UserStatus(ttl)
    status.connect(service, live=lambda: live)
    return status


async def test_a_known_answer_is_kept_until_an_event_changes_it():
    service = OpportunityService({"ann": True})
    status = status_over(service)
    assert await status.is_active("ann") and await status.is_active("ann")
    assert service.asked == ["ann"]
    status.on_user("ann", False)
    assert not await status.is_active("ann")
    assert service.asked == ["ann"]


async def test_an_unknown_user_is_not_refused():
    assert await status_over(OpportunityService({})).is_active("system")


async def test_after_a_gap_in_the_events_the_service_is_asked_again():
    service = OpportunityService({"ann": True})
    status = status_over(service)
    await status.is_active("ann")
    service.users["ann"] = False
    status.forget_all()
    assert not await status.is_active("ann")


async def test_an_answer_older_than_an_event_does_not_overwrite_it():
    service = OpportunityService({"ann": True})
    service.hold = asyncio.Event()
    status = status_over(service)
    asking = asyncio.ensure_future(status.is_active("ann"))
    await asyncio.sleep(0)
    status.on_user("ann", False)  # the deactivation's event arrives while the service answers
    service.hold.set()
    assert not await asking
    assert not await status.is_active("ann")


async def test_while_the_feed_is_down_answers_are_kept_a_moment_only():
    service = OpportunityService({"ann": True})
    status = status_over(service, live=False, ttl=0.0)
    await status.is_active("ann")
    await status.is_active("ann")
    assert service.asked == ["ann", "ann"]


async def test_a_service_outage_falls_back_to_the_last_answer():
    service = OpportunityService({"ann": False, "bob": True})
    status = status_over(service, ttl=0.0)
    assert not await status.is_active("ann")
    service.down = True
    assert not await status.is_active("ann")  # still refused: the last answer known
    assert await status.is_active("bob")  # never known: let through, the services still check


async def test_the_language_a_user_chose_is_learnt_with_their_status_and_by_events():
    service = OpportunityService({"ann": True, "bo": True})
    service.locales["ann"] = "en"
    status = status_over(service)
    assert await status.is_active("ann") and await status.is_active("bo")
    assert (status.locale("ann"), status.locale("bo")) == ("en", None)
    status.on_user("bo", True, "zh-TW")
    assert status.locale("bo") == "zh-TW"

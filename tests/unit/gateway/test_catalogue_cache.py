"""The gateway's catalogue cache: kept lists are used only while they can be trusted."""

from __future__ import annotations

import asyncio
from typing import Any

from gateway.adapters.catalogue import CatalogueCache


class Service:
    """Stands for the opportunity service's ``users`` list: counts fetches, answers the
    current names, and can hold a fetch until told to answer."""

    def __init__(self) -> None:
        self.names = ["Ann"]
        self.fetches = 0
        self.hold: asyncio.Event | None = None
        self.started = asyncio.Event()

    async def users(self) -> list[dict[str, Any]]:
        self.fetches += 1
        self.started.set()
        answer = [{"id": f"u{i}", "name": name} for i, name in enumerate(self.names)]
        if self.hold is not None:
            await self.hold.wait()
        return answer


def cache(ttl: float = 60.0, live: bool = True) -> CatalogueCache:
    return CatalogueCache(ttl_seconds=ttl, live=lambda: live)


async def test_a_kept_list_answers_later_requests_until_an_event_says_it_changed():
    users, kept = Service(), cache()
    assert await kept.get("users", users.users) == [{"id": "u0", "name": "Ann"}]
    await kept.get("users", users.users)
    assert users.fetches == 1

    users.names = ["Anna"]
    kept.on_event("user.updated")
    assert await kept.get("users", users.users) == [{"id": "u0", "name": "Anna"}]
    assert users.fetches == 2


async def test_an_event_about_another_catalogue_or_an_opportunity_keeps_the_list():
    users, kept = Service(), cache()
    await kept.get("users", users.users)
    kept.on_event("source.updated")
    kept.on_event("opportunity.updated")
    await kept.get("users", users.users)
    assert users.fetches == 1


async def test_a_list_fetched_while_it_changed_is_handed_out_but_not_kept():
    users, kept = Service(), cache()
    users.hold = asyncio.Event()
    first = asyncio.create_task(kept.get("users", users.users))
    await users.started.wait()
    users.names = ["Anna"]  # the change lands while the old list is on its way
    kept.on_event("user.updated")
    users.hold.set()
    assert (await first)[0]["name"] == "Ann"
    users.hold = None
    assert (await kept.get("users", users.users))[0]["name"] == "Anna"


async def test_concurrent_requests_share_one_fetch():
    users, kept = Service(), cache()
    users.hold = asyncio.Event()
    waiting = [asyncio.create_task(kept.get("users", users.users)) for _ in range(5)]
    await users.started.wait()
    users.hold.set()
    assert len({str(r) for r in await asyncio.gather(*waiting)}) == 1
    assert users.fetches == 1


async def test_a_request_that_goes_away_does_not_cancel_the_fetch_others_wait_for():
    users, kept = Service(), cache()
    users.hold = asyncio.Event()
    leaving = asyncio.create_task(kept.get("users", users.users))
    staying = asyncio.create_task(kept.get("users", users.users))
    await users.started.wait()
    leaving.cancel()
    users.hold.set()
    assert (await staying)[0]["name"] == "Ann"


async def test_nothing_is_kept_while_events_may_be_missed_or_after_the_ttl():
    users = Service()
    offline = cache(live=False)
    await offline.get("users", users.users)
    await offline.get("users", users.users)
    assert users.fetches == 2

    short = cache(ttl=0.05)
    await short.get("users", users.users)
    await asyncio.sleep(0.1)
    await short.get("users", users.users)
    assert users.fetches == 4


async def test_a_gap_in_the_feed_or_a_mutation_forgets_every_list():
    users, sources, kept = Service(), Service(), cache()
    await kept.get("users", users.users)
    await kept.get("sources", sources.users)
    kept.invalidate_all()
    await kept.get("users", users.users)
    await kept.get("sources", sources.users)
    assert (users.fetches, sources.fetches) == (2, 2)


async def test_a_failed_fetch_reaches_its_caller_and_is_not_kept():
    kept = cache()

    async def failing() -> list[dict[str, Any]]:
        raise RuntimeError("down")

    try:
        await kept.get("users", failing)
    except RuntimeError as exc:
        assert str(exc) == "down"
    else:
        raise AssertionError("the failure was swallowed")
    users = Service()
    await kept.get("users", users.users)
    assert users.fetches == 1

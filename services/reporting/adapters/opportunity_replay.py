"""Asks the opportunity service to replay its event log into one queue.

The reporting service never reads the opportunity service's database: a rebuild declares its
own queue and calls the opportunity service's ``replayEvents`` mutation, with the identity a
system process signs for itself.
"""

from __future__ import annotations

import httpx

from servicekit.identity import IDENTITY_HEADER, SYSTEM, sign_identity

_REPLAY = "mutation Replay($queue: String!) { replayEvents(queue: $queue) }"


class ReplayRefused(RuntimeError):
    """The opportunity service answered with an error; its code and message are in the text."""


class OpportunityReplay:
    def __init__(self, http: httpx.AsyncClient, graphql_url: str, internal_secret: str) -> None:
        self._http = http
        self._url = graphql_url
        self._secret = internal_secret

    async def __call__(self, queue: str) -> int:
        """Replay the whole event log into ``queue``; returns how many events the replay
        publishes (the opportunity service publishes them after it answered)."""
        response = await self._http.post(
            self._url,
            json={"query": _REPLAY, "variables": {"queue": queue}},
            headers={IDENTITY_HEADER: sign_identity(SYSTEM, self._secret)},
            # It answers once it has counted the log; the events follow in the background.
            timeout=httpx.Timeout(10.0, read=120.0),
        )
        body = response.json()
        if body.get("errors") or response.status_code != 200:
            raise ReplayRefused(f"the opportunity service refused the replay: {body.get('errors')}")
        return int(body["data"]["replayEvents"])

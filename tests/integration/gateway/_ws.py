"""A graphql-transport-ws client, as a browser would speak it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import websockets


async def _text_frame(socket: websockets.ClientConnection) -> dict[str, Any]:
    # The protocol's browser client reads text frames only: a binary one would be lost on it.
    frame = await socket.recv()
    assert isinstance(frame, str), f"a binary frame: {frame!r}"
    message: dict[str, Any] = json.loads(frame)
    return message


class Subscription:
    def __init__(self, socket: websockets.ClientConnection) -> None:
        self.socket = socket

    async def next(self) -> dict[str, Any]:
        while True:
            message = await _text_frame(self.socket)
            if message["type"] == "next":
                payload: dict[str, Any] = message["payload"]
                return payload
            if message["type"] in ("error", "complete"):
                raise AssertionError(f"subscription ended: {message}")


@asynccontextmanager
async def subscribed(
    base_url: str, token: str | None, query: str, variables: dict[str, Any] | None = None
) -> AsyncIterator[Subscription]:
    url = base_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(
        url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
    ) as socket:
        payload = {"authorization": f"Bearer {token}"} if token else {}
        await socket.send(json.dumps({"type": "connection_init", "payload": payload}))
        ack = await _text_frame(socket)
        assert ack["type"] == "connection_ack", ack
        await socket.send(
            json.dumps(
                {"id": "1", "type": "subscribe", "payload": {"query": query, "variables": variables or {}}}
            )
        )
        yield Subscription(socket)

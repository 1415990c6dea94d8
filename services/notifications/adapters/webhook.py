"""An HMAC-signed webhook: the receiver recomputes the signature over the raw body."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import httpx

SIGNATURE_HEADER = "x-pipewise-signature"
DELIVERY_HEADER = "x-pipewise-delivery"
TIMESTAMP_HEADER = "x-pipewise-timestamp"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` over ``<timestamp>.<body>``; the timestamp lets receivers refuse replays."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


class HttpWebhook:
    def __init__(self, url: str, secret: str, timeout: float) -> None:
        self._url = url
        self._secret = secret
        self._timeout = timeout

    async def send(self, *, payload: dict[str, object], delivery_id: str) -> None:
        body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
        timestamp = str(int(time.time()))
        headers = {
            "content-type": "application/json",
            DELIVERY_HEADER: delivery_id,
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: signature(self._secret, timestamp, body),
        }
        async with httpx.AsyncClient(timeout=self._timeout) as client:
            response = await client.post(self._url, content=body, headers=headers)
            response.raise_for_status()

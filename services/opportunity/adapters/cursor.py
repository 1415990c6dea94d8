"""Opaque cursors for keyset pagination: the sort key's value and the _id of the last row."""

from __future__ import annotations

import base64
import json
from datetime import datetime

from services.opportunity.domain.errors import InvalidInput


def encode_cursor(value: datetime, id: str) -> str:
    raw = json.dumps([value.isoformat(), id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return datetime.fromisoformat(value), str(id)
    except (ValueError, TypeError) as exc:
        raise InvalidInput("after", "The cursor is not one this API returned.") from exc

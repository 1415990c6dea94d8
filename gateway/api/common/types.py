"""Types every feature uses."""

from __future__ import annotations

from enum import Enum

import strawberry

from gateway.api.scalars import Decimal


@strawberry.type(description="An amount with its ISO 4217 currency.")
class Money:
    amount: Decimal
    currency: str


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.enum
class Role(Enum):
    REP = "REP"
    MANAGER = "MANAGER"
    ADMIN = "ADMIN"


@strawberry.enum
class StageKind(Enum):
    OPEN = "OPEN"
    WON = "WON"
    LOST = "LOST"

"""Value types shared by event payloads."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class EventData(BaseModel):
    """Base of every payload: unknown fields are kept, so older consumers read newer events."""

    model_config = ConfigDict(extra="allow", frozen=True)


class Money(EventData):
    """An amount with its ISO 4217 currency. The amount travels as a decimal string, never a float."""

    amount: Decimal = Field(description='Decimal string, e.g. "125000.00".')
    currency: str = Field(min_length=3, max_length=3, description="ISO 4217 code.")


class Actor(EventData):
    """Who made the change (a user id), or the system itself."""

    user_id: str | None = None
    name: str | None = None


class StageKind(StrEnum):
    OPEN = "OPEN"
    WON = "WON"
    LOST = "LOST"


class OpportunityStatus(StrEnum):
    OPEN = "OPEN"
    WON = "WON"
    LOST = "LOST"


class Role(StrEnum):
    REP = "REP"
    MANAGER = "MANAGER"
    ADMIN = "ADMIN"


class SourceCostKind(StrEnum):
    BOOTH_FEE = "BOOTH_FEE"
    TRAVEL = "TRAVEL"
    ADS = "ADS"
    DECORATION = "DECORATION"
    SAMPLES = "SAMPLES"
    STAFF = "STAFF"
    OTHER = "OTHER"


class SourceKind(StrEnum):
    TRADE_SHOW = "TRADE_SHOW"
    EXCHANGE_MEETING = "EXCHANGE_MEETING"
    EXPO = "EXPO"
    OVERSEAS_EXHIBITION = "OVERSEAS_EXHIBITION"
    ONLINE_REGISTRATION = "ONLINE_REGISTRATION"
    REFERRAL = "REFERRAL"
    OTHER = "OTHER"

"""Lead sources: where opportunities come from, and what that channel cost."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from services.opportunity.domain.errors import InvalidInput
from services.opportunity.domain.money import Money


class SourceKind(StrEnum):
    TRADE_SHOW = "TRADE_SHOW"
    EXCHANGE_MEETING = "EXCHANGE_MEETING"
    EXPO = "EXPO"
    OVERSEAS_EXHIBITION = "OVERSEAS_EXHIBITION"
    ONLINE_REGISTRATION = "ONLINE_REGISTRATION"
    REFERRAL = "REFERRAL"
    OTHER = "OTHER"


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: SourceKind
    created_at: datetime
    updated_at: datetime
    starts_on: date | None = None
    ends_on: date | None = None
    cost: Money | None = None
    version: int = 1


def _checked(source: Source) -> Source:
    name = (source.name or "").strip()
    if not 1 <= len(name) <= 200:
        raise InvalidInput("name", "A source name is 1 to 200 characters.")
    if source.starts_on and source.ends_on and source.ends_on < source.starts_on:
        raise InvalidInput("endsOn", "A source cannot end before it starts.")
    return replace(source, name=name)


def new_source(
    *, id: str, name: str, kind: SourceKind, now: datetime, starts_on: date | None = None,
    ends_on: date | None = None, cost: Money | None = None,
) -> Source:  # fmt: skip
    return _checked(Source(id, name, kind, now, now, starts_on, ends_on, cost))


def change_source(
    source: Source, now: datetime, *, name: str | None = None, kind: SourceKind | None = None,
    starts_on: date | None = None, ends_on: date | None = None, cost: Money | None = None,
) -> Source:  # fmt: skip
    return _checked(
        replace(
            source,
            name=source.name if name is None else name,
            kind=source.kind if kind is None else kind,
            starts_on=source.starts_on if starts_on is None else starts_on,
            ends_on=source.ends_on if ends_on is None else ends_on,
            cost=source.cost if cost is None else cost,
            updated_at=now,
            version=source.version + 1,
        )
    )

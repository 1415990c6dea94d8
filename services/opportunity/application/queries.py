"""The opportunity list: filters, ordering, the caller's visibility scope and the page returned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Generic, TypeVar

from services.opportunity.domain.opportunity import Status

T = TypeVar("T")
MAX_PAGE = 200


class OpportunityOrder(StrEnum):
    CREATED_AT_DESC = "CREATED_AT_DESC"
    CREATED_AT_ASC = "CREATED_AT_ASC"
    EXPECTED_CLOSE_DATE_ASC = "EXPECTED_CLOSE_DATE_ASC"
    EXPECTED_CLOSE_DATE_DESC = "EXPECTED_CLOSE_DATE_DESC"
    UPDATED_AT_DESC = "UPDATED_AT_DESC"


@dataclass(frozen=True)
class OpportunityFilter:
    owner_id: str | None = None
    team: str | None = None
    pipeline_id: str | None = None
    stage_key: str | None = None
    status: Status | None = None
    source_id: str | None = None
    closing_within_days: int | None = None
    close_date_from: date | None = None
    close_date_to: date | None = None
    overdue: bool | None = None
    search: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None


@dataclass(frozen=True)
class Scope:
    """What the caller may see: everything, one team's, or one owner's."""

    owner_id: str | None = None
    team: str | None = None

    @property
    def everything(self) -> bool:
        return self.owner_id is None and self.team is None


@dataclass(frozen=True)
class OpportunityQuery:
    filter: OpportunityFilter
    scope: Scope
    today: date
    order: OpportunityOrder = OpportunityOrder.CREATED_AT_DESC
    first: int = 50
    after: str | None = None
    histories: bool = True
    """Whether the opportunities come with their stage, close-date and probability histories. A
    board shows none of them, and mapping a long-lived opportunity's histories is most of the
    work of reading it."""


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    cursors: list[str]
    total_count: int
    has_next_page: bool
    end_cursor: str | None = None

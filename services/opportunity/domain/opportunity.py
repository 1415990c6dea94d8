"""Opportunities and the rules that change them.

Every change returns a new ``Opportunity`` with its version advanced by one; the caller stores it
only if the stored version is still the one it read (optimistic concurrency).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from services.opportunity.domain.errors import InvalidInput
from services.opportunity.domain.history import (
    AccountChange,
    CloseDateChange,
    DifficultyChange,
    ProbabilityChange,
    StageChange,
    StageRef,
)
from services.opportunity.domain.line_items import LineItem
from services.opportunity.domain.money import Money
from services.opportunity.domain.pipeline import Stage, StageKind

MIN_DIFFICULTY = Decimal("0.1")
MAX_DIFFICULTY = Decimal("5.0")
DEFAULT_DIFFICULTY = Decimal("1.0")
MAX_TITLE = 200
MAX_PRODUCTS = 50
MAX_NOTE = 2000
EARLIEST_CLOSE = date(2000, 1, 1)
LATEST_CLOSE = date(2100, 12, 31)


class Status(StrEnum):
    OPEN = "OPEN"
    WON = "WON"
    LOST = "LOST"


class ContactRole(StrEnum):
    """What a contact is to an opportunity."""

    DECISION_MAKER = "DECISION_MAKER"
    INFLUENCER = "INFLUENCER"
    USER = "USER"
    PURCHASING = "PURCHASING"


@dataclass(frozen=True)
class ContactLink:
    contact_id: str
    role: ContactRole


def status_for(kind: StageKind) -> Status:
    return Status(kind.value)


@dataclass(frozen=True)
class Opportunity:
    id: str
    title: str
    customer_name: str
    is_new_customer: bool
    products: tuple[str, ...]
    is_new_product: bool
    value: Money
    owner_id: str
    team: str | None
    pipeline_id: str
    stage: StageRef
    stage_probability: int  # the stage's default when the opportunity entered it
    stage_entered_at: datetime
    expected_close_date: date
    difficulty: Decimal
    status: Status
    created_at: datetime
    updated_at: datetime
    created_by: str
    source_id: str | None = None
    probability_override: int | None = None
    lost_reason: str | None = None
    """The words a lost deal was lost with (required with the ``other`` key)."""
    lost_reason_key: str | None = None
    """The key of its pipeline's lost reason, once lost."""
    closed_at: datetime | None = None
    version: int = 1
    stage_history: tuple[StageChange, ...] = ()
    close_date_history: tuple[CloseDateChange, ...] = ()
    probability_history: tuple[ProbabilityChange, ...] = ()
    account_id: str | None = None
    contacts: tuple[ContactLink, ...] = ()
    account_history: tuple[AccountChange, ...] = ()
    line_items: tuple[LineItem, ...] = ()
    difficulty_history: tuple[DifficultyChange, ...] = ()
    """What it sells (domain/line_items.py); when there are any, ``value`` is their sum."""

    @property
    def probability(self) -> int:
        """Effective win probability: WON is 100 and LOST 0 whatever the override says."""
        if self.status is Status.WON:
            return 100
        if self.status is Status.LOST:
            return 0
        return self.stage_probability if self.probability_override is None else self.probability_override

    @property
    def is_open(self) -> bool:
        return self.status is Status.OPEN

    @property
    def difficulty_by_manager(self) -> bool:
        """A manager set its difficulty: adjusted with a reason (``difficulty_history``) or given
        at creation, which only managers may (a figure set before then stands too, so an earlier
        appraisal does not change); otherwise the appraisal policy's rules decide it once won."""
        return bool(self.difficulty_history) or self.difficulty != DEFAULT_DIFFICULTY

    def overdue(self, today: date) -> bool:
        return self.is_open and self.expected_close_date < today

    def seconds_in_current_stage(self, now: datetime) -> int:
        return max(0, int((now - self.stage_entered_at).total_seconds()))

    def rotting(self, stage: Stage | None, now: datetime) -> bool:
        """Open and in the current stage longer than its rotting threshold (if it has one)."""
        if not self.is_open or stage is None or stage.rotting_days is None:
            return False
        return self.seconds_in_current_stage(now) > stage.rotting_days * 86400


# ---- field rules ---------------------------------------------------------------------------


def check_title(raw: str, field: str = "title") -> str:
    title = " ".join((raw or "").split())
    if not title:
        raise InvalidInput(field, "The title cannot be empty.")
    if len(title) > MAX_TITLE:
        raise InvalidInput(field, f"The title is at most {MAX_TITLE} characters.", maxLength=MAX_TITLE)
    return title


def check_customer(raw: str) -> str:
    return check_title(raw, "customerName")


def check_products(raw: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    products = tuple(dict.fromkeys(p.strip() for p in raw if p and p.strip()))
    if len(products) > MAX_PRODUCTS or any(len(p) > 100 for p in products):
        raise InvalidInput("products", f"At most {MAX_PRODUCTS} products of up to 100 characters each.")
    return products


def check_difficulty(raw: str | Decimal | None) -> Decimal:
    if raw is None:
        return DEFAULT_DIFFICULTY
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise InvalidInput("difficulty", f"{raw!r} is not a number.") from None
    if not value.is_finite() or not MIN_DIFFICULTY <= value <= MAX_DIFFICULTY:
        raise InvalidInput(
            "difficulty", f"Difficulty is between {MIN_DIFFICULTY} and {MAX_DIFFICULTY}.",
            min=str(MIN_DIFFICULTY), max=str(MAX_DIFFICULTY),
        )  # fmt: skip
    if isinstance(exp := value.as_tuple().exponent, int) and exp < -2:
        raise InvalidInput("difficulty", "Difficulty has at most two decimals.")
    return value


def check_close_date(value: date) -> date:
    if not EARLIEST_CLOSE <= value <= LATEST_CLOSE:
        raise InvalidInput(
            "expectedCloseDate", f"The date must be between {EARLIEST_CLOSE} and {LATEST_CLOSE}."
        )
    return value


def check_note(raw: str | None, field: str = "note") -> str | None:
    note = (raw or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(field, f"At most {MAX_NOTE} characters.")
    return note or None


def check_probability(value: int) -> int:
    if not 0 <= value <= 100:
        raise InvalidInput("probability", "A probability is 0 to 100.")
    return value

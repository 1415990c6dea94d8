"""The appraisal policy's difficulty rules and launch window, and what they make of one win.

A won deal's difficulty is the product of three factors, each 1 when no rule matches: the
highest factor among its product lines' rules, its account segment's factor, and the factor of
the deal-size band its amount falls in; the product is rounded to two decimals and kept within
the bounds a manager's figure has. A manager's figure (``difficulty_by_manager`` on the deal)
stands instead of the rules; a win recorded before facts were derived keeps the figure it
carried. "New product" is the account's first win of a product, or, when the policy sets a
launch window, a sale of a product launched at most that many days before the win.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from services.reporting.domain.errors import InvalidPolicy, OverlappingSizeBands
from services.reporting.domain.money import Conversion
from services.reporting.domain.view import OpportunityView

ONE = Decimal(1)
HUNDREDTH = Decimal("0.01")
MIN_DIFFICULTY = Decimal("0.1")
MAX_DIFFICULTY = Decimal("5.0")
"""The bounds of a manager's figure (the opportunity service's), which the rules' product keeps."""
MAX_FACTOR = Decimal("5")
MAX_RULES = 200
MAX_WINDOW_DAYS = 3650
_SEGMENT = re.compile(r"[A-Z0-9][A-Z0-9_]{0,39}")
_CURRENCY = re.compile(r"[A-Z]{3}")


class DifficultySource(StrEnum):
    RULES = "RULES"
    """The policy's rules set it."""
    MANAGER = "MANAGER"
    """A manager set it on the deal, with a reason: it overrides the rules."""
    RECORDED = "RECORDED"
    """Won before the facts of a win were derived: the figure it carried then."""


class NewProductReason(StrEnum):
    FIRST_WIN = "FIRST_WIN"
    """The account had never won a deal with one of its products."""
    LAUNCH_WINDOW = "LAUNCH_WINDOW"
    """One of its products was launched within the policy's window before the win."""
    RECORDED = "RECORDED"
    """As recorded on a win from before the facts were derived."""


@dataclass(frozen=True)
class LineRule:
    product_line: str
    factor: Decimal


@dataclass(frozen=True)
class SegmentRule:
    segment: str
    factor: Decimal


@dataclass(frozen=True)
class SizeBand:
    """Deals of ``min_amount`` up to (not including) ``max_amount`` in ``currency``; no maximum:
    no upper end."""

    currency: str
    min_amount: Decimal
    max_amount: Decimal | None
    factor: Decimal

    def holds(self, amount: Decimal) -> bool:
        return self.min_amount <= amount and (self.max_amount is None or amount < self.max_amount)


@dataclass(frozen=True)
class DifficultyRules:
    product_lines: tuple[LineRule, ...] = ()
    segments: tuple[SegmentRule, ...] = ()
    size_bands: tuple[SizeBand, ...] = ()

    def __post_init__(self) -> None:
        if len(self.product_lines) + len(self.segments) + len(self.size_bands) > MAX_RULES:
            raise InvalidPolicy(f"A policy has at most {MAX_RULES} difficulty rules.", {"field": "rules"})
        for index, rule in enumerate(self.product_lines):
            _check_factor(rule.factor, f"productLines.{index}.factor")
            if not rule.product_line.strip():
                raise InvalidPolicy("Name the product line.", {"field": f"productLines.{index}.productLine"})
        if (line := _repeated(r.product_line for r in self.product_lines)) is not None:
            raise InvalidPolicy(
                f"The product line {line} has two rules; keep one.", {"field": "productLines", "key": line}
            )
        for index, segment in enumerate(self.segments):
            _check_factor(segment.factor, f"segments.{index}.factor")
            if not _SEGMENT.fullmatch(segment.segment):
                raise InvalidPolicy(
                    "A segment is written as accounts keep it: upper case letters, digits and '_'.",
                    {"field": f"segments.{index}.segment"},
                )
        if (segment_key := _repeated(r.segment for r in self.segments)) is not None:
            raise InvalidPolicy(
                f"The segment {segment_key} has two rules; keep one.",
                {"field": "segments", "key": segment_key},
            )
        for index, band in enumerate(self.size_bands):
            _check_band(band, index)
        _no_overlap(self.size_bands)

    @property
    def empty(self) -> bool:
        return not (self.product_lines or self.segments or self.size_bands)


def _check_factor(factor: Decimal, field: str) -> None:
    if not factor.is_finite() or not Decimal(0) < factor <= MAX_FACTOR:
        raise InvalidPolicy(f"A factor is more than 0 and at most {MAX_FACTOR}.", {"field": field})
    if isinstance(exp := factor.as_tuple().exponent, int) and exp < -2:
        raise InvalidPolicy("A factor has at most two decimals.", {"field": field})


def _check_band(band: SizeBand, index: int) -> None:
    _check_factor(band.factor, f"sizeBands.{index}.factor")
    if not _CURRENCY.fullmatch(band.currency):
        raise InvalidPolicy(
            "A band's currency is an ISO 4217 code.", {"field": f"sizeBands.{index}.currency"}
        )
    if not band.min_amount.is_finite() or band.min_amount < 0:
        raise InvalidPolicy("A band starts at 0 or more.", {"field": f"sizeBands.{index}.minAmount"})
    if band.max_amount is not None and (
        not band.max_amount.is_finite() or band.max_amount <= band.min_amount
    ):
        raise InvalidPolicy(
            "A band's maximum is above its minimum.", {"field": f"sizeBands.{index}.maxAmount"}
        )


def _repeated(keys: Iterable[str]) -> str | None:
    """The first key met twice, if any."""
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    return None


def _no_overlap(bands: tuple[SizeBand, ...]) -> None:
    """Bands of one currency share no amount, so a deal falls in at most one."""
    by_currency: dict[str, list[SizeBand]] = {}
    for band in bands:
        by_currency.setdefault(band.currency, []).append(band)
    for currency, listed in by_currency.items():
        ordered = sorted(listed, key=lambda b: b.min_amount)
        for lower, upper in itertools.pairwise(ordered):
            if lower.max_amount is None or lower.max_amount > upper.min_amount:
                raise OverlappingSizeBands(
                    f"The {currency} bands from {lower.min_amount} and from {upper.min_amount} overlap.",
                    {"field": "sizeBands", "currency": currency},
                )


@dataclass(frozen=True)
class WinTerms:
    """What a win's appraisal depends on once a policy is chosen (from the won event's facts)."""

    new_customer: bool
    new_product_by_history: bool
    launch_age_days: int | None
    """Days from the latest launch, on or before the win, of a product it sold; None: none known."""
    fixed_difficulty: Decimal | None
    """A manager's figure, or one recorded before facts were derived; None: the rules decide."""
    fixed_source: DifficultySource = DifficultySource.RULES
    segment: str | None = None
    product_lines: tuple[str, ...] = ()
    amount: Decimal = Decimal(0)
    currency: str = ""


@dataclass(frozen=True)
class MatchedRule:
    kind: str
    """PRODUCT_LINE, SEGMENT or SIZE_BAND."""
    key: str
    """The product line, the segment, or the band as "TWD 1000000-" (minimum-maximum)."""
    factor: Decimal


@dataclass(frozen=True)
class WinAppraisal:
    difficulty: Decimal
    source: DifficultySource
    rules: tuple[MatchedRule, ...]
    """The rules that set it (empty unless the rules decided)."""
    new_customer: bool
    new_product: bool
    new_product_reason: NewProductReason | None


def _band_key(band: SizeBand) -> str:
    return f"{band.currency} {band.min_amount}-{band.max_amount if band.max_amount is not None else ''}"


def matched_rules(rules: DifficultyRules, terms: WinTerms, conversion: Conversion) -> tuple[MatchedRule, ...]:
    matched: list[MatchedRule] = []
    lines = [r for r in rules.product_lines if r.product_line in terms.product_lines]
    if lines:
        top = max(lines, key=lambda r: r.factor)
        matched.append(MatchedRule("PRODUCT_LINE", top.product_line, top.factor))
    segment = next((r for r in rules.segments if r.segment == terms.segment), None)
    if segment is not None:
        matched.append(MatchedRule("SEGMENT", segment.segment, segment.factor))
    band = _band_of(rules.size_bands, terms.amount, terms.currency, conversion)
    if band is not None:
        matched.append(MatchedRule("SIZE_BAND", _band_key(band), band.factor))
    return tuple(matched)


def _band_of(
    bands: tuple[SizeBand, ...], amount: Decimal, currency: str, conversion: Conversion
) -> SizeBand | None:
    """The band of the deal's own currency, else of its amount converted into the reporting
    currency at the configured rates (a deal with neither is in no band)."""
    own = [b for b in bands if b.currency == currency]
    if not own:
        amount, currency = conversion.convert(amount, currency)
        own = [b for b in bands if b.currency == currency]
    return next((b for b in own if b.holds(amount)), None)


def rules_difficulty(matched: Iterable[MatchedRule]) -> Decimal:
    product = ONE
    for rule in matched:
        product *= rule.factor
    rounded = product.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    return min(max(rounded, MIN_DIFFICULTY), MAX_DIFFICULTY)


def appraise_win(
    rules: DifficultyRules, launch_window_days: int | None, terms: WinTerms, conversion: Conversion
) -> WinAppraisal:
    matched: tuple[MatchedRule, ...] = ()
    if terms.fixed_difficulty is not None:
        difficulty, source = terms.fixed_difficulty, terms.fixed_source
    else:
        matched = matched_rules(rules, terms, conversion)
        difficulty, source = rules_difficulty(matched), DifficultySource.RULES
    reason: NewProductReason | None = None
    if terms.new_product_by_history:
        reason = (
            NewProductReason.RECORDED
            if terms.fixed_source is DifficultySource.RECORDED
            else NewProductReason.FIRST_WIN
        )
    elif (
        launch_window_days is not None
        and terms.launch_age_days is not None
        and terms.launch_age_days <= launch_window_days
    ):
        reason = NewProductReason.LAUNCH_WINDOW
    return WinAppraisal(difficulty, source, matched, terms.new_customer, reason is not None, reason)


def win_terms(view: OpportunityView) -> WinTerms:
    if not view.win_facts:
        fixed: Decimal | None = view.difficulty
        source = DifficultySource.RECORDED
    elif view.difficulty_by_manager:
        fixed, source = view.difficulty, DifficultySource.MANAGER
    else:
        fixed, source = None, DifficultySource.RULES
    return WinTerms(
        new_customer=view.is_new_customer,
        new_product_by_history=view.is_new_product,
        launch_age_days=view.launch_age_days if view.win_facts else None,
        fixed_difficulty=fixed,
        fixed_source=source,
        # What the rules read; left out when they cannot apply, so equal terms add up in rollups.
        segment=view.account_segment if fixed is None else None,
        product_lines=tuple(sorted(line for line, _ in view.line_revenue)) if fixed is None else (),
        amount=view.amount if fixed is None else Decimal(0),
        currency=view.currency if fixed is None else "",
    )

"""Aligned blocks of a month's days and of a day's quarter hours, whose partials a rollup keeps
beside the month's, so that any part of a month a period covers is answered from a few of them.

A stretch of ``count`` equal slots (the days of a month, the quarter hours of a day) is cut into
aligned blocks of 1, 2, 4 ... slots, the last of each size cut short at the stretch's end. Any run
of whole slots is the union of at most two blocks of each size, found greedily from its start, so
a period's edge reads about ten partials whatever its length, not one per day. A block's partial
is computed from the opportunities with a moment in one of its slots (``RollupKind.moments_of``):
partials of disjoint windows add up, and an opportunity counts in a window only through a moment
inside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, cached_property, lru_cache
from typing import TypeVar

from services.reporting.domain.rollups.months import (
    QUARTER,
    Month,
    Window,
    month_of,
    month_start,
    next_month,
)

T = TypeVar("T")
DAY = timedelta(days=1)
QUARTERS_PER_DAY = DAY // QUARTER


@dataclass(frozen=True)
class Blocks:
    """The blocks of ``count`` slots of ``slot`` each from ``start``, in storage order (by size,
    then by position)."""

    month: Month
    start: datetime
    slot: timedelta
    count: int

    @cached_property
    def sizes(self) -> tuple[int, ...]:
        """Every block size below the whole stretch (that one is kept elsewhere: the month's
        rollup, or the day's block among the month's)."""
        sizes, size = [], 1
        while size < self.count:
            sizes.append(size)
            size *= 2
        return tuple(sizes)

    @cached_property
    def _offsets(self) -> dict[int, int]:
        offsets, at = {}, 0
        for size in self.sizes:
            offsets[size] = at
            at += -(-self.count // size)
        return offsets

    @cached_property
    def windows(self) -> list[Window]:
        """Every block's window, in storage order."""
        return [
            self._window(first, min(first + size, self.count))
            for size in self.sizes
            for first in range(0, self.count, size)
        ]

    def _window(self, first: int, end: int) -> Window:
        return Window(self.month, self.start + first * self.slot, self.start + end * self.slot)

    def cover(self, first: int, end: int) -> list[int]:
        """The storage positions of the fewest blocks that make up slots ``[first, end)``."""
        positions = []
        at = first
        while at < end:
            size = max(s for s in self.sizes if at % s == 0 and min(at + s, self.count) <= end)
            positions.append(self._offsets[size] + at // size)
            at = min(at + size, self.count)
        return positions

    def slot_of(self, moment: datetime) -> int | None:
        if not self.start <= moment < self.start + self.count * self.slot:
            return None
        return (moment - self.start) // self.slot

    def members(
        self, views: Sequence[T], moments_of: Callable[[T], Iterable[datetime]]
    ) -> tuple[list[list[T]], list[list[T]]]:
        """Per slot and per block (storage order), the views with a moment in it, in the order
        given (so a block's partial lists them as the month's does)."""
        slots: list[list[int]] = [[] for _ in range(self.count)]
        for number, view in enumerate(views):
            for slot in {self.slot_of(moment) for moment in moments_of(view)}:
                if slot is not None:
                    slots[slot].append(number)
        # Each size from the one below: a block is its two halves, merged (a view may be in both).
        level = slots
        blocks: list[list[T]] = []
        for size in self.sizes:
            if size > 1:
                level = [
                    sorted({*level[i], *level[i + 1]}) if i + 1 < len(level) and level[i + 1] else level[i]
                    for i in range(0, len(level), 2)
                ]
            blocks += [[views[n] for n in numbers] for numbers in level]
        return [[views[n] for n in slot] for slot in slots], blocks


@cache
def month_blocks(month: Month) -> Blocks:
    """A month's days."""
    start = month_start(month)
    return Blocks(month, start, DAY, (month_start(next_month(month)) - start) // DAY)


@lru_cache(maxsize=1024)
def day_blocks(day_start: datetime) -> Blocks:
    """A day's quarter hours (UTC)."""
    return Blocks(month_of(day_start), day_start, QUARTER, QUARTERS_PER_DAY)


@dataclass(frozen=True)
class WindowPieces:
    """A window inside one month as the blocks answer it."""

    days: list[int]
    """Positions among the month's day blocks."""
    quarters: dict[datetime, list[int]]
    """Day (its midnight) -> positions among that day's quarter-hour blocks."""
    remnants: list[tuple[datetime, Window]]
    """Parts of a quarter hour (an edge that is not on one), each with its quarter's day: these
    are computed from the opportunities listed under that quarter."""


def _midnight(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def window_pieces(window: Window) -> WindowPieces:
    """The day blocks, quarter-hour blocks and remnants that make up ``window`` (UTC)."""
    month = month_blocks(window.month)
    pieces = WindowPieces([], {}, [])
    first_day = _midnight(window.start)
    if first_day < window.start:
        first_day += DAY
    last_day = _midnight(window.end)
    if first_day <= last_day:
        pieces.days.extend(month.cover((first_day - month.start) // DAY, (last_day - month.start) // DAY))
        if window.start < first_day:
            _add_part_of_day(pieces, window.month, window.start, first_day)
        if last_day < window.end:
            _add_part_of_day(pieces, window.month, last_day, window.end)
    else:  # inside one day
        _add_part_of_day(pieces, window.month, window.start, window.end)
    return pieces


def _add_part_of_day(pieces: WindowPieces, month: Month, start: datetime, end: datetime) -> None:
    day = day_blocks(_midnight(start))
    first = -(-(start - day.start) // QUARTER)
    last = (end - day.start) // QUARTER
    if first > last:  # inside one quarter hour
        pieces.remnants.append((day.start, Window(month, start, end)))
        return
    if first < last:
        pieces.quarters.setdefault(day.start, []).extend(day.cover(first, last))
    if start < day.start + first * QUARTER:
        pieces.remnants.append((day.start, Window(month, start, day.start + first * QUARTER)))
    if day.start + last * QUARTER < end:
        pieces.remnants.append((day.start, Window(month, day.start + last * QUARTER, end)))


def block_partials(
    blocks: Blocks,
    views: Sequence[T],
    moments_of: Callable[[T], Iterable[datetime]],
    partial: Callable[[list[T], Window], object],
) -> tuple[list[object | None], list[list[T]]]:
    """Each block's partial (storage order; None where no view has a moment, most blocks of a
    quiet day) and each slot's views."""
    slots, members = blocks.members(views, moments_of)
    return [
        partial(found, window) if found else None
        for found, window in zip(members, blocks.windows, strict=True)
    ], slots

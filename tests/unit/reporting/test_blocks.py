"""The blocks of days and quarter hours a rollup keeps: any run of slots is a few of them, and
any window of a month is blocks plus parts of at most two quarter hours, covering it exactly."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

from services.reporting.domain.rollups.blocks import QUARTER, day_blocks, month_blocks, window_pieces
from services.reporting.domain.rollups.months import (
    Window,
    day_moment,
    end_moment,
    month_window,
    on_quarter_boundary,
)


def test_every_run_of_days_or_quarter_hours_is_at_most_two_blocks_of_each_size() -> None:
    for blocks in (
        month_blocks("2026-02"),
        month_blocks("2026-05"),
        day_blocks(datetime(2026, 5, 9, tzinfo=UTC)),
    ):
        windows = blocks.windows
        for first in range(blocks.count):
            for end in range(first + 1, blocks.count + 1):
                if (first, end) == (0, blocks.count):
                    continue  # the whole stretch is kept elsewhere
                cover = [windows[p] for p in blocks.cover(first, end)]
                assert cover[0].start == blocks.start + first * blocks.slot
                assert cover[-1].end == blocks.start + end * blocks.slot
                assert all(a.end == b.start for a, b in pairwise(cover))
                assert len(cover) <= 2 * len(blocks.sizes)


def test_a_day_has_ninety_six_quarter_hours_in_blocks_up_to_sixty_four() -> None:
    blocks = day_blocks(datetime(2026, 5, 9, tzinfo=UTC))
    assert blocks.count == 96
    assert blocks.sizes == (1, 2, 4, 8, 16, 32, 64)
    # A Taipei evening (16:00 to midnight UTC) is one block.
    assert len(blocks.cover(64, 96)) == 1


def test_any_window_of_a_month_is_covered_exactly_by_its_pieces() -> None:
    rng = random.Random(5)
    month = month_window("2026-05")
    span = int((month.end - month.start).total_seconds())
    for _ in range(2000):
        a, b = sorted(rng.sample(range(span + 1), 2))
        # Half the time on quarter hours (a time zone's midnight), else to the second.
        if rng.random() < 0.5:
            a, b = a - a % 900, b - b % 900
            if a == b:
                continue
        window = Window("2026-05", month.start + timedelta(seconds=a), month.start + timedelta(seconds=b))
        pieces = window_pieces(window)
        found = [month_blocks("2026-05").windows[p] for p in pieces.days]
        for day, positions in pieces.quarters.items():
            found += [day_blocks(day).windows[p] for p in positions]
        found += [remnant for _, remnant in pieces.remnants]
        found.sort(key=lambda w: w.start)
        assert found[0].start == window.start and found[-1].end == window.end
        assert all(x.end == y.start for x, y in pairwise(found))
        assert len(pieces.remnants) <= 2
        assert all(r.end - r.start < QUARTER and day <= r.start for day, r in pieces.remnants)
        if a % 900 == 0 and b % 900 == 0:
            assert not pieces.remnants


def test_moments_fall_in_the_windows_that_count_them() -> None:
    day = date(2026, 5, 9)
    # A calendar day counts in a window as its last instant does.
    for start, end in (
        (datetime(2026, 5, 9, 16, tzinfo=UTC), datetime(2026, 5, 10, tzinfo=UTC)),
        (datetime(2026, 5, 9, tzinfo=UTC), datetime(2026, 5, 9, 23, 45, tzinfo=UTC)),
        (datetime(2026, 5, 10, tzinfo=UTC), datetime(2026, 5, 11, tzinfo=UTC)),
    ):
        window = Window("2026-05", start, end)
        assert window.holds(day_moment(day)) == window.holds_day(day)
    # An interval ending at midnight was last running the day before.
    assert end_moment(datetime(2026, 5, 10, tzinfo=UTC)).day == 9
    assert on_quarter_boundary(datetime(2026, 5, 9, 16, 45, tzinfo=UTC))
    assert not on_quarter_boundary(datetime(2026, 5, 9, 16, 45, 0, 1, tzinfo=UTC))

"""A month's days as rollups keep them, and which windows are made of whole days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise

from services.reporting.domain.rollups.months import Window, day_windows, month_window, on_day_boundaries


def test_a_month_has_one_window_per_calendar_day_covering_it_exactly() -> None:
    for month, days in (("2026-02", 28), ("2028-02", 29), ("2026-04", 30), ("2026-12", 31)):
        windows = day_windows(month)
        assert len(windows) == days
        whole = month_window(month)
        assert (windows[0].start, windows[-1].end) == (whole.start, whole.end)
        assert all(a.end == b.start and a.end - a.start == timedelta(days=1) for a, b in pairwise(windows))


def test_only_windows_from_midnight_to_midnight_utc_are_whole_days() -> None:
    midnight = datetime(2026, 5, 10, tzinfo=UTC)
    assert on_day_boundaries(Window("2026-05", midnight, midnight + timedelta(days=3)))
    assert not on_day_boundaries(
        Window("2026-05", midnight + timedelta(hours=8), midnight + timedelta(days=3))
    )
    taipei_midnight = datetime(2026, 5, 10, tzinfo=timezone(timedelta(hours=8)))
    assert not on_day_boundaries(Window("2026-05", taipei_midnight, midnight + timedelta(days=3)))

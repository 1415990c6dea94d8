"""Expected failures, each with a stable code the API reports as ``extensions.code``."""

from __future__ import annotations

from typing import Any


class ReportingError(Exception):
    code = "BAD_USER_INPUT"

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidArgument(ReportingError):
    pass


class InvalidPeriod(ReportingError):
    code = "INVALID_PERIOD"


class InvalidPolicy(ReportingError):
    code = "INVALID_POLICY"


class PolicyNotFound(ReportingError):
    code = "NOT_FOUND"


class RateNotFound(ReportingError):
    code = "NOT_FOUND"


class UnknownReport(ReportingError):
    code = "NOT_FOUND"


class ReportsNotReady(ReportingError):
    """A consumer is keying the documents an earlier version wrote: reports wait until it is done."""

    code = "SERVICE_UNAVAILABLE"


class OverlappingSizeBands(InvalidPolicy):
    """Two deal-size bands of one currency share amounts: a deal would fall in both."""

    code = "OVERLAPPING_SIZE_BANDS"

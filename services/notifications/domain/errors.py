"""Expected failures, each with a stable code the API reports as ``extensions.code``."""

from __future__ import annotations

from typing import Any


class NotificationsError(Exception):
    code = "BAD_USER_INPUT"

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidAlertSettings(NotificationsError):
    code = "BAD_USER_INPUT"


class InvalidRequest(NotificationsError):
    code = "BAD_USER_INPUT"


class NotFound(NotificationsError):
    code = "NOT_FOUND"


class Forbidden(NotificationsError):
    code = "FORBIDDEN"

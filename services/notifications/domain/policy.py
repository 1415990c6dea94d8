"""Validation of the alert settings an administrator submits."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from services.notifications.domain.errors import InvalidAlertSettings
from services.notifications.domain.model import AlertPolicy


def updated_policy(current: AlertPolicy, changes: dict[str, Any]) -> AlertPolicy:
    """The policy with ``changes`` applied; raises ``InvalidAlertSettings`` naming the field."""
    unknown = set(changes) - set(AlertPolicy.__dataclass_fields__)
    if unknown:
        raise InvalidAlertSettings(f"Unknown setting: {sorted(unknown)[0]}.", {"field": sorted(unknown)[0]})
    policy = replace(current, **changes)
    try:
        ZoneInfo(policy.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidAlertSettings(
            f"Unknown time zone {policy.timezone!r}; use an IANA name such as Asia/Taipei.",
            {"field": "timezone"},
        ) from exc
    if not 0 <= policy.alert_hour <= 23:
        raise InvalidAlertSettings("The alert hour must be between 0 and 23.", {"field": "alertHour"})
    if not 1 <= policy.overdue_reminder_days <= 365:
        raise InvalidAlertSettings(
            "Overdue reminders must come every 1 to 365 days.", {"field": "overdueReminderDays"}
        )
    if not 0 <= policy.default_alert_days_before_close <= 365:
        raise InvalidAlertSettings(
            "Alerts can be sent 0 to 365 days before the close date.",
            {"field": "defaultAlertDaysBeforeClose"},
        )
    return policy

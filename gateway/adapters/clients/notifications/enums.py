from enum import Enum


class AlertKind(str, Enum):
    UPCOMING_CLOSE = "UPCOMING_CLOSE"
    OVERDUE = "OVERDUE"
    STALE = "STALE"
    ASSIGNED = "ASSIGNED"
    NEXT_STEP = "NEXT_STEP"


class DeliveryChannel(str, Enum):
    INBOX = "INBOX"
    EMAIL = "EMAIL"
    WEBHOOK = "WEBHOOK"


class DeliveryState(str, Enum):
    SENT = "SENT"
    RETRYING = "RETRYING"
    FAILED = "FAILED"


class PendingAlertState(str, Enum):
    PENDING = "PENDING"
    CLAIMED = "CLAIMED"

from enum import Enum


class CreditRule(str, Enum):
    OWNER_AT_CLOSE = "OWNER_AT_CLOSE"
    SHARED_BY_TIME_OWNED = "SHARED_BY_TIME_OWNED"


class RebuildJobState(str, Enum):
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"

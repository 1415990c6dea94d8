from enum import Enum


class CreditRule(str, Enum):
    OWNER_AT_CLOSE = "OWNER_AT_CLOSE"
    SHARED_BY_TIME_OWNED = "SHARED_BY_TIME_OWNED"


class DifficultySource(str, Enum):
    RULES = "RULES"
    MANAGER = "MANAGER"
    RECORDED = "RECORDED"


class NewProductReason(str, Enum):
    FIRST_WIN = "FIRST_WIN"
    LAUNCH_WINDOW = "LAUNCH_WINDOW"
    RECORDED = "RECORDED"


class RebuildJobState(str, Enum):
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"

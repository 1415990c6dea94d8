"""Domain errors. Each carries a stable ``code`` the API shows as ``extensions.code``, a message a
person can act on, and optional ``details`` (for bad input, ``details.field`` names the field)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    code = "BAD_USER_INPUT"

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidInput(DomainError):
    """A field's value is out of range or malformed."""

    code = "BAD_USER_INPUT"

    def __init__(self, field: str, message: str, **extra: Any) -> None:
        super().__init__(message, {"field": field, **extra})
        self.field = field


class UnknownCurrency(InvalidInput):
    code = "UNKNOWN_CURRENCY"


class PipelineNotFound(DomainError):
    code = "PIPELINE_NOT_FOUND"


class StageNotFound(DomainError):
    code = "STAGE_NOT_FOUND"


class StageRetired(DomainError):
    code = "STAGE_RETIRED"


class LostReasonRequired(InvalidInput):
    code = "LOST_REASON_REQUIRED"


class OpportunityClosed(DomainError):
    code = "OPPORTUNITY_CLOSED"


class NotFound(DomainError):
    code = "NOT_FOUND"


class Conflict(DomainError):
    """The entity changed since the client read it (a stale ``expectedVersion``)."""

    code = "CONFLICT"


class Forbidden(DomainError):
    code = "FORBIDDEN"


class AlreadyExists(DomainError):
    code = "ALREADY_EXISTS"


class OwnsOpenOpportunities(DomainError):
    """A user cannot be deactivated while they own open opportunities."""

    code = "OWNS_OPEN_OPPORTUNITIES"


class OwnerInactive(DomainError):
    """An opportunity owned by a deactivated user cannot be reopened."""

    code = "OWNER_INACTIVE"


class DerivedFact(InvalidInput):
    """A field the service works out itself (new customer, new product) cannot be set."""

    code = "DERIVED_FACT"


class DifficultyNotYours(DomainError):
    """Reps cannot set a deal's difficulty: the appraisal counts it, so managers set it."""

    code = "DIFFICULTY_FORBIDDEN"

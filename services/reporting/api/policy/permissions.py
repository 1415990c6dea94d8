"""Who may read and change the appraisal policy."""

from services.reporting.api.reports.permissions import require_admin_or_manager

__all__ = ["require_admin_or_manager"]

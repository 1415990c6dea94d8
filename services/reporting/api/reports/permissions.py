"""Who may see which reports: administrators all; managers their own team; reps none but their
own row of the appraisal."""

from __future__ import annotations

from servicekit.graphql import ApiError
from servicekit.identity import Identity
from services.reporting.domain.filters import ReportFilter


def scoped_filter(identity: Identity, flt: ReportFilter) -> ReportFilter:
    """The filter the caller may run: a manager with a team is held to that team."""
    if identity.is_admin:
        return flt
    if not identity.is_manager:
        raise ApiError("FORBIDDEN", "Reports are for managers and administrators.")
    if identity.team is None:
        return flt
    if flt.team not in (None, identity.team):
        raise ApiError("FORBIDDEN", "Managers see only their own team's reports.", {"team": flt.team})
    return ReportFilter(flt.start, flt.end, flt.pipeline_id, identity.team)


def appraisal_scope(identity: Identity, flt: ReportFilter) -> tuple[ReportFilter, str | None]:
    """The filter for the appraisal, and the one rep whose row alone the caller may read (a rep
    reads their own; managers and administrators as for every report)."""
    if identity.is_rep:
        return flt, identity.user_id
    return scoped_filter(identity, flt), None


def require_admin_or_manager(identity: Identity) -> None:
    if not (identity.is_admin or identity.is_manager):
        raise ApiError("FORBIDDEN", "Only managers and administrators may change the appraisal policy.")

"""Imports need a verified identity; only managers and administrators start one (decided in
application/import_opportunities.py), and a job is visible to whoever started it and to admins."""

from __future__ import annotations

from typing import Any

from servicekit.identity import Identity
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.domain.errors import NotFound

__all__ = ["AUTHENTICATED", "job_visible_to"]


def job_visible_to(identity: Identity, job: dict[str, Any] | None, job_id: str) -> dict[str, Any]:
    if job is None or not (identity.is_admin or job["by"]["user_id"] == identity.user_id):
        raise NotFound(f"No import job {job_id!r}.", {"id": job_id})
    return job

"""Every evidence field needs a verified identity; what the caller may see or change is decided
by the use cases (application/evidence.py): the activities of opportunities they can see."""

from __future__ import annotations

from services.opportunity.api.permissions import AUTHENTICATED

__all__ = ["AUTHENTICATED"]

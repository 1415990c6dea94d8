"""Every assignment field needs a verified identity; who may assign what is decided by the use
cases (application/assign.py, application/handover.py)."""

from __future__ import annotations

from services.opportunity.api.permissions import AUTHENTICATED

__all__ = ["AUTHENTICATED"]

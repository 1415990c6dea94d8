"""Timeline fields hang off an opportunity the caller could already load; the use cases check
visibility again (application/timeline.py)."""

from __future__ import annotations

from services.opportunity.api.permissions import AUTHENTICATED

__all__ = ["AUTHENTICATED"]

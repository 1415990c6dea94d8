"""Every index the service's queries need, created at start-up."""

from __future__ import annotations

from servicekit.outbox import OUTBOX_INDEXES
from services.opportunity.adapters.catalog_repositories import CATALOG_INDEXES
from services.opportunity.adapters.opportunity_repository import OPPORTUNITY_INDEXES
from services.opportunity.adapters.product_store import PRODUCT_INDEXES

ALL_INDEXES = [*OPPORTUNITY_INDEXES, *CATALOG_INDEXES, *PRODUCT_INDEXES, *OUTBOX_INDEXES]

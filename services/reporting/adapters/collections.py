"""Collection names and the indexes the hot paths need.

The read model lives in numbered generations (``g1.opportunities`` ...). The live projection
writes the active generation, and during a rebuild the generation being built as well; queries
read the active one. A rebuild fills a fresh generation and then switches (see application/rebuild).
"""

from __future__ import annotations

from dataclasses import dataclass

from servicekit.mongo import Index

GENERATIONS = "generations"
STATE_ID = "state"
POLICIES = "appraisal_policies"


@dataclass(frozen=True)
class Generation:
    number: int

    def _name(self, collection: str) -> str:
        return f"g{self.number}.{collection}"

    @property
    def opportunities(self) -> str:
        return self._name("opportunities")

    def catalog(self, kind: str) -> str:
        """``kind`` is ``pipeline``, ``source`` or ``user``."""
        return self._name(f"{kind}s")

    @property
    def all_collections(self) -> list[str]:
        return [self.opportunities, *(self.catalog(k) for k in ("pipeline", "source", "user"))]

    def indexes(self) -> list[Index]:
        opportunities = self.opportunities
        return [
            # Report populations: created, closed, stays ended, slips and due dates in a period.
            Index(opportunities, [("created_at", 1)], "opportunities_created"),
            Index(opportunities, [("closed_at", 1)], "opportunities_closed"),
            Index(opportunities, [("status", 1), ("expected_close_date", 1)], "opportunities_status_due"),
            Index(
                opportunities, [("status", 1), ("stage_entered_at", 1)], "opportunities_status_stage_entered"
            ),
            Index(opportunities, [("visits.left_at", 1)], "opportunities_visit_left"),
            Index(opportunities, [("close_date_changes.at", 1)], "opportunities_close_date_changed"),
        ]

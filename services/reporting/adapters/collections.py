"""Collection names and the indexes the hot paths need.

The read model lives in numbered generations (``g1.opportunities`` ...). The live projection
writes the active generation, and during a rebuild the generation being built as well; queries
read the active one. A rebuild fills a fresh generation and then switches (see application/rebuild).
"""

from __future__ import annotations

from dataclasses import dataclass

from servicekit.mongo import Index
from services.reporting.domain.rollups.kinds import ROLLUP_LAYOUT

GENERATIONS = "generations"
STATE_ID = "state"
ROLLUPS_READY = "rollups_ready"
"""In the state document: the generations whose month rollups reports may read, each with the
rollup layout it was built in (see ``rollups_ready``)."""
POLICIES = "appraisal_policies"
EXCHANGE_RATES = "exchange_rates"


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
    def rollups(self) -> str:
        return self._name("rollups")

    @property
    def rollup_days(self) -> str:
        """Per rollup, its partials of blocks of the month's days (read only for a period's edges)."""
        return self._name("rollup_days")

    @property
    def rollup_quarters(self) -> str:
        """Per day and pipeline, its partials of blocks of quarter hours and the opportunities each
        quarter hour lists (read only for a period's edges inside a day)."""
        return self._name("rollup_quarters")

    @property
    def rollup_versions(self) -> str:
        """One document: how many times each rollup was marked (see ``rollup_store``)."""
        return self._name("rollup_versions")

    @property
    def rollup_members(self) -> str:
        """Per rollup, lists of the opportunities that count in it (see ``rollup_members``)."""
        return self._name("rollup_members")

    @property
    def all_collections(self) -> list[str]:
        return [
            self.opportunities, self.rollups, self.rollup_days, self.rollup_quarters, self.rollup_versions,
            self.rollup_members, *(self.catalog(k) for k in ("pipeline", "source", "user")),
        ]  # fmt: skip

    def indexes(self) -> list[Index]:
        """The lists of the opportunities each month rollup is built from, found by rollup key
        (decision 8). Nothing else is queried but by id: each index costs on every write."""
        return [Index(self.rollup_members, [("key", 1)], ROLLUP_MEMBERS_BY_KEY)]

    def retired_indexes(self) -> list[tuple[str, str]]:
        """Indexes earlier versions declared, dropped at start-up: each costs on every write."""
        return [
            *((self.opportunities, name) for name in RETIRED_OPPORTUNITY_INDEXES),
            # Rollups were once found by month; they are read by id now (their keys are the
            # version document's), and every mark rewrote these entries.
            *((self.rollups, name) for name in RETIRED_ROLLUP_INDEXES),
        ]


def rollups_ready(generation: Generation) -> str:
    """The mark of a generation whose rollups are built in this version's layout: a new layout
    (another report kind, another partial) makes start-up key and mark every rollup again."""
    return f"{generation.number}/{ROLLUP_LAYOUT}"


ROLLUP_MEMBERS_BY_KEY = "rollup_members_key"
RETIRED_ROLLUP_INDEXES = ["rollups_pipeline_month", "rollups_month"]
RETIRED_OPPORTUNITY_INDEXES = [
    # The opportunities a month rollup was rebuilt from (a multikey index, an entry per key on
    # every write); rollups list their opportunities now.
    "opportunities_rollup_key",
    "opportunities_status_stage_entered",
    # Each report's population was once read from the documents through one of these. Every
    # period is now answered from rollups, and each index cost the projection on every write.
    "opportunities_created",
    "opportunities_closed",
    "opportunities_status_due",
    "opportunities_status_created",
    "opportunities_status_stage_key_entered",
    "opportunities_visit_left",
    "opportunities_close_date_changed",
    "opportunities_active_month",
]

"""The reporting service's settings: read once from the environment, passed down."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from servicekit.settings import CommonSettings


class ReportingSettings(CommonSettings):
    """Environment variables without a prefix (``MONGODB_URL``, ``REPORTING_CURRENCY`` ...)."""

    database: str = Field(default="reporting", description="This service's own MongoDB database.")
    opportunity_graphql_url: str = Field(
        default="http://127.0.0.1:8101/graphql",
        description="The opportunity service's API, asked to replay its event log for a rebuild.",
    )
    consumer_prefetch: int = Field(
        default=8192,
        description="Deliveries a consumer holds unacknowledged; twice the batch size, so that the "
        "next batch arrives while one is applied.",
    )
    projection_batch_size: int = Field(
        default=4096,
        description="At most this many events are applied in one read and one round of writes; the larger "
        "the batch, the more of an opportunity's events share one write.",
    )
    projection_gather_seconds: float = Field(
        default=0.3,
        ge=0,
        description="After a lull, the first batch waits while deliveries keep arriving (each within 5 ms "
        "of the last) until it is full or this long: a backlog then starts with full batches, and every "
        "opportunity is written once for all its events in a batch. A lone event waits 5 ms.",
    )
    rollup_interval_seconds: float = Field(
        default=2.0,
        description="How often a consumer recomputes the month rollups changed since; reports stay "
        "exact meanwhile (a changed month is computed from the opportunities).",
    )
    reporting_currency: str | None = Field(
        default=None,
        description="When set with fx_rates, money is converted to this currency; else totals per currency.",
    )
    fx_rates: dict[str, Decimal] = Field(
        default_factory=dict,
        description='Units of the reporting currency per unit of each currency, e.g. {"USD": "31.5"}.',
    )
    read_cache_seconds: float = Field(
        default=5.0, description="How long the API keeps the active generation and the catalog it read."
    )
    default_base_reward: Decimal = Decimal("100")
    default_new_customer_bonus: Decimal = Decimal("50")
    default_new_product_bonus: Decimal = Decimal("30")

    @property
    def queue_name(self) -> str:
        return f"{self.queue_prefix}reporting.events"

"""The notifications service's settings: read once from the environment in each process's
``main()`` (or the ASGI factory) and passed down; nothing reads the environment elsewhere."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator

from servicekit.settings import DEV_WEBHOOK_SECRET, CommonSettings


class NotificationSettings(CommonSettings):
    """Environment variables use the field names (``MONGODB_URL``, ``SMTP_PORT`` ...)."""

    database: str = "notifications"

    # Defaults of the alert settings an administrator can change through the API.
    org_timezone: str = Field(default="UTC", description="IANA zone in which alerts go out at alert_hour.")
    alert_hour: int = Field(default=9, ge=0, le=23)
    overdue_reminder_days: int = Field(default=3, ge=1)
    default_alert_days_before_close: int = Field(default=7, ge=0)
    notify_manager: bool = False
    notify_admins: bool = False

    # How long after a recipient's first new assignment their summary goes out (what they are
    # given meanwhile joins it).
    assignment_digest_seconds: float = Field(default=5.0, ge=0)

    # Intake: events handled at the same moment share one transaction, up to this many. Under a
    # backlog, a larger batch holds more events of one opportunity, whose copy is then written
    # once for all of them.
    intake_batch_size: int = Field(default=4096, ge=1)
    # A burst of events about distinct opportunities (an import, a bulk assignment) goes in
    # batches of this many instead: each copy is written once either way, and the database
    # writes one batch while the next arrives.
    intake_burst_batch: int = Field(default=256, ge=1)
    # After a lull, the first batch waits while deliveries keep arriving (each within 5 ms of the
    # last) until it is full or this long, so a backlog starts with full batches; a lone event
    # waits 5 ms.
    intake_gather_seconds: float = Field(default=0.3, ge=0)
    # Unacked deliveries the consumer holds: a batch can only be as large as this allows.
    intake_prefetch: int = Field(default=8192, ge=1)
    # A pipeline's new thresholds are applied to its open opportunities this many per transaction.
    pipeline_replan_chunk: int = Field(default=500, ge=1)
    # How often the consumer looks for re-planning asked for by the API (new alert settings).
    replan_poll_seconds: float = Field(default=30.0, gt=0)

    # Scheduler
    scheduler_interval_seconds: float = Field(default=1.0, gt=0)
    scheduler_batch_size: int = Field(default=200, ge=1)
    lease_seconds: float = Field(default=60.0, gt=0)
    late_after_seconds: float = Field(
        default=300.0, description="An alert delivered this long after it was due is marked late."
    )

    # Delivery (dramatiq on RabbitMQ)
    delivery_queue: str = "notifications.deliveries"
    # Well below RabbitMQ's consumer_timeout (30 minutes by default), see dramatiq #827.
    delivery_time_limit_ms: int = 60_000
    delivery_max_retries: int = Field(default=5, ge=0)
    delivery_min_backoff_ms: int = 1_000
    delivery_max_backoff_ms: int = 300_000
    worker_threads: int = 4

    # Channels
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "alerts@pipewise.local"
    webhook_url: str | None = None
    webhook_secret: SecretStr = SecretStr(DEV_WEBHOOK_SECRET)
    webhook_timeout_seconds: float = 10.0

    @field_validator("org_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Asia/Taipei") from exc
        return value

    def secrets_in_use(self) -> dict[str, SecretStr]:
        secrets = super().secrets_in_use()
        if self.webhook_url is None:
            del secrets["webhook_secret"]  # no webhook to sign for
        return secrets

"""Settings read from the environment once, with safe defaults for a local run."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from contracts.envelope import EXCHANGE


class CommonSettings(BaseSettings):
    """What every process needs. Services subclass it and add their own fields."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore", env_file=None)

    mongodb_url: str = "mongodb://127.0.0.1:27017/?directConnection=true"
    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    exchange: str = Field(default=EXCHANGE, description="The topic exchange for events.")
    queue_prefix: str = Field(default="", description="Prefix for queue names (tests isolate on it).")
    log_level: str = "INFO"
    log_json: bool = True
    publish_timeout_seconds: float = 10.0

"""CloudEvents 1.0 envelope, JSON structured mode."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

EXCHANGE = "pipewise.events"
"""The one topic exchange; the routing key of every message is its event ``type``."""

DEAD_LETTER_EXCHANGE = "pipewise.events.dlx"
"""Where consumer queues send messages that keep failing."""

CONTENT_TYPE = "application/cloudevents+json"


class CloudEvent(BaseModel):
    """One event as it travels on the bus.

    ``sequence`` is the version of the subject (opportunity, pipeline, source, user) after the
    change, so consumers can order events per subject and skip what they have applied.
    ``correlationid`` follows a request from the gateway over the bus.
    """

    model_config = ConfigDict(frozen=True, extra="allow")

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(description="Unique per event; consumers de-duplicate on it.")
    source: str = Field(description="URI reference of the producing service, e.g. /opportunity.")
    type: str = Field(description="Event type and routing key, e.g. opportunity.stage_changed.")
    subject: str = Field(description="Id of the entity the event is about.")
    time: AwareDatetime
    datacontenttype: Literal["application/json"] = "application/json"
    dataschema: str | None = None
    sequence: int = Field(ge=1, description="The subject's version after the change.")
    correlationid: str | None = None
    data: dict[str, Any]


def new_event(
    *,
    type: str,
    source: str,
    subject: str,
    sequence: int,
    data: BaseModel,
    correlation_id: str | None = None,
    time: datetime | None = None,
    event_id: str | None = None,
) -> CloudEvent:
    """Build an envelope around a validated data model; a fresh id unless one is given (an event
    that may be published again, such as a retried delivery's, keeps one id)."""
    return CloudEvent(
        id=event_id or str(uuid.uuid4()),
        source=source,
        type=type,
        subject=subject,
        time=time or datetime.now(UTC),
        dataschema=f"urn:pipewise:schema:{type}",
        sequence=sequence,
        correlationid=correlation_id,
        data=data.model_dump(mode="json"),
    )

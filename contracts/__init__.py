"""The event contract shared by every service and by other systems.

This package imports no service. It holds the CloudEvents envelope, one pydantic model per
event type, the exchange and routing-key names, and generates the committed JSON Schemas and
AsyncAPI document (``python -m contracts.generate``).
"""

from contracts.envelope import CloudEvent, new_event
from contracts.registry import EVENT_TYPES, EventType, data_model_for, parse_event

__all__ = ["EVENT_TYPES", "CloudEvent", "EventType", "data_model_for", "new_event", "parse_event"]

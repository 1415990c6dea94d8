"""Service answers served as the gateway's types without copying.

A service returns JSON with the same field names the gateway's schema uses (camelCase). The
schema's default resolver reads a dict's key for a field (``customer_name`` → ``customerName``),
so a page of 50 opportunities costs no conversion beyond the fields actually selected.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from typing import Any

from strawberry.types.unset import UnsetType

from gateway.adapters.clients.notifications.base_model import BaseModel as NotificationsModel
from gateway.adapters.clients.opportunity.base_model import BaseModel as OpportunityModel
from gateway.adapters.clients.reporting.base_model import BaseModel as ReportingModel

GENERATED = (OpportunityModel, NotificationsModel, ReportingModel)
"""The generated clients' models: their fields keep the services' (GraphQL) names."""


@lru_cache(maxsize=2048)
def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def read_field(root: Any, name: str) -> Any:
    """The schema's default resolver: dicts and generated models from services by their GraphQL
    names (the generated clients keep the services' names), anything else by attribute."""
    if isinstance(root, dict):
        return root.get(camel(name))
    if isinstance(root, GENERATED):
        return getattr(root, camel(name))
    return getattr(root, name)


def served(data: Any) -> Any:
    """Marks service data returned as the declared GraphQL type (read by ``read_field``)."""
    return data


def to_variables(value: Any) -> Any:
    """A strawberry input (or list, enum, scalar) as the JSON variables a service expects:
    camelCase keys, enums by value, and fields the caller left out simply absent."""
    if isinstance(value, list):
        return [to_variables(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "__strawberry_definition__"):
        return {
            camel(key): to_variables(item)
            for key, item in vars(value).items()
            if not isinstance(item, UnsetType)
        }
    return value


def data_of(root: Any, key: str) -> Any:
    """A service field of the object a resolver runs on (its root is the service's dict)."""
    return root.get(key) if isinstance(root, dict) else getattr(root, key, None)

"""What every generated client calls: one service's endpoint, as one caller.

The generated methods build the document and the variables, then call ``execute`` and validate
``get_data``'s answer into their result model. Here the call goes over the gateway's own
``ServiceClient`` (kept-alive connections, the signed identity, the correlation id, its error
convention), so a generated client adds typing and nothing else to a call.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel

from gateway.adapters.services import ServiceClient, ServiceError
from servicekit.identity import Identity


class ServiceCalls:
    """Keyword arguments a generated method passes on: ``slow=True`` for a call that may rightly
    take long (a bulk assignment); ``per_item={}`` for a query whose root field answers a list
    of ids one item each, where an item that failed is ``None`` in the answer and its
    ``ServiceError`` is put in the dict by its index (any other failure is raised as usual)."""

    def __init__(self, service: ServiceClient, identity: Identity) -> None:
        self.service = service
        self.identity = identity

    async def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        del operation_name  # each document holds one operation
        files: dict[str, tuple[str, bytes, str]] = {}
        plain = {
            name: _plain(value, f"variables.{name}", files)
            for name, value in (variables or {}).items()
            if not _unset(value)
        }
        if files:
            return await self.service.execute_upload(query, plain, files, self.identity)
        per_item: dict[int, ServiceError] | None = kwargs.get("per_item")
        if per_item is not None:
            count = len(next(iter(plain.values())))
            items = await self.service.execute_listed(query, plain, "result", count, self.identity)
            per_item.update({i: item for i, item in enumerate(items) if isinstance(item, ServiceError)})
            return {"result": [None if isinstance(item, ServiceError) else item for item in items]}
        return await self.service.execute(query, plain, self.identity, slow=bool(kwargs.get("slow")))

    def get_data(self, response: dict[str, Any]) -> dict[str, Any]:
        """``execute`` already raised the service's errors and returns ``data`` itself."""
        return response


def _unset(value: Any) -> bool:
    # Each generated package has its own ``UnsetType`` (a copy of the same file): an argument the
    # caller left out is absent from the variables, as the service's defaults expect.
    return type(value).__name__ == "UnsetType"


def _plain(value: Any, path: str, files: dict[str, tuple[str, bytes, str]]) -> Any:
    """A variable as JSON: input models by their GraphQL names, fields left unset absent, enums
    by value; an upload becomes ``null`` and its file is put in ``files`` by its path."""
    if isinstance(value, BaseModel):
        return {
            name: _plain(item, f"{path}.{name}", files)
            for name, item in value.model_dump(by_alias=True, exclude_unset=True, round_trip=True).items()
        }
    if isinstance(value, dict):
        return {name: _plain(item, f"{path}.{name}", files) for name, item in value.items()}
    if isinstance(value, list):
        return [_plain(item, f"{path}.{i}", files) for i, item in enumerate(value)]
    if isinstance(value, Enum):
        return value.value
    if type(value).__name__ == "Upload":
        files[path] = (value.filename, value.content.read(), value.content_type)
        return None
    return value

"""DataLoaders made fresh for each request, so a page of N items costs one call per service for
each kind of linked data, whatever N is, and nothing is cached across callers."""

from __future__ import annotations

from dataclasses import dataclass

from gateway.adapters.services import ServiceClients
from servicekit.identity import Identity


@dataclass
class Loaders:
    services: ServiceClients
    identity: Identity | None

    @classmethod
    def for_request(cls, services: ServiceClients, identity: Identity | None) -> Loaders:
        return cls(services=services, identity=identity)

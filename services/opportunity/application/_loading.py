"""Loading what a use case refers to, with the error a client should see when it is missing."""

from __future__ import annotations

from servicekit.identity import Identity
from services.opportunity.application.access import visible
from services.opportunity.application.ports import Ports
from services.opportunity.domain.errors import Conflict, InvalidInput, PipelineNotFound
from services.opportunity.domain.opportunity import Opportunity
from services.opportunity.domain.pipeline import Pipeline
from services.opportunity.domain.user import User


async def load_opportunity(ports: Ports, identity: Identity, id: str, expected_version: int) -> Opportunity:
    """The opportunity the caller may see, at the version the caller last saw."""
    opportunity = visible(identity, await ports.opportunities.get(id), id)
    if opportunity.version != expected_version:
        raise Conflict(
            f"The opportunity is at version {opportunity.version}, not {expected_version}; reload it.",
            {"expectedVersion": expected_version, "currentVersion": opportunity.version},
        )
    return opportunity


async def load_pipeline(ports: Ports, id: str | None) -> Pipeline:
    pipeline = await (ports.pipelines.get(id) if id else ports.pipelines.default())
    if pipeline is None:
        raise PipelineNotFound(f"No pipeline {id!r}." if id else "No default pipeline.", {"pipelineId": id})
    return pipeline


async def load_active_user(ports: Ports, id: str, field: str) -> User:
    user = await ports.users.get(id)
    if user is None:
        raise InvalidInput(field, f"No user {id!r}.")
    if not user.active:
        raise InvalidInput(field, f"User {id!r} is inactive.")
    return user


async def check_source(ports: Ports, id: str | None) -> None:
    if id and await ports.sources.get(id) is None:
        raise InvalidInput("sourceId", f"No lead source {id!r}.")

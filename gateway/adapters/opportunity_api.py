"""The opportunity service's GraphQL API, as the gateway uses it: the generated client for the
fixed operations (typed models in the service's own field names), and the documents whose shape
depends on the request (a page of the fields a client selected, batches of aliases) as dicts."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Any

from graphql import FieldNode, OperationDefinitionNode, parse
from pydantic import BaseModel

from gateway.adapters.clients.fragments import selection
from gateway.adapters.clients.opportunity import input_types
from gateway.adapters.clients.opportunity.base_model import Upload
from gateway.adapters.clients.opportunity.client import Client
from gateway.adapters.clients.opportunity.fragments import (
    ActivityFields,
    AssignmentEntryFields,
    AttachmentFields,
    EvidenceRequirementFields,
    ImportJobFields,
    OpportunityFields,
    PipelineFields,
    SourceFields,
    UserFields,
)
from gateway.adapters.services import ServiceClient, ServiceError
from gateway.adapters.user_status import UserState
from servicekit.identity import SYSTEM, Identity

STAGE_REF = "key nameZh nameEn kind"
"""A stage as an opportunity page shows it (``OpportunityFields``' own)."""
LINE_ITEM = selection("opportunity", "LineItemFields")
OPPORTUNITY = selection("opportunity", "OpportunityFields")
OPPORTUNITY_HISTORY = selection("opportunity", "OpportunityHistoryFields")
ACTIVITY = selection("opportunity", "ActivityFields")
TIMELINE = selection("opportunity", "TimelineFields")
HANDOVER_BRIEF = selection("opportunity", "HandoverBriefFields")
"""Selections of the batched reads (one aliased document), from ``opportunity.graphql``."""

INPUT_MUTATIONS = frozenset({
    "createOpportunity", "updateOpportunity", "moveOpportunityStage", "reopenOpportunity",
    "changeExpectedCloseDate", "setProbabilityOverride", "assignOpportunity", "setLineItems",
    "createPipeline", "addStage", "updateStage", "reorderStages", "retireStage", "updatePipeline",
    "addLostReason", "updateLostReason", "retireLostReason", "createUser", "updateUser",
    "assignOpportunities", "distributeOpportunities", "handOverOpportunities", "logActivity",
    "reviseActivity", "completeActivity", "setStageEvidence",
})  # fmt: skip
"""The service's ``name(input: NameInput!)`` mutations the gateway forwards (``mutate``)."""


BULK_MUTATIONS = frozenset({"assignOpportunities", "distributeOpportunities", "handOverOpportunities"})
"""Mutations that take up to 10,000 opportunities in one request: the gateway admits them at the
bulk request size, and waits for them for the bulk time-out."""

CATALOGUE_NEUTRAL = frozenset({
    "createOpportunity", "updateOpportunity", "moveOpportunityStage", "reopenOpportunity",
    "changeExpectedCloseDate", "setProbabilityOverride", "assignOpportunity", "assignOpportunities",
    "distributeOpportunities", "logActivity", "reviseActivity", "completeActivity", "attachFiles",
    "createAccount", "updateAccount", "mergeAccounts", "createContact", "updateContact", "mergeContacts",
    "linkOpportunityAccount", "setLineItems",
})  # fmt: skip
"""Mutations that change opportunities and their evidence but no user, pipeline or source (a
hand-over may deactivate the leaver, an import or a stage rule may touch the catalogues)."""


MAY_DEACTIVATE = frozenset({"handOverOpportunities", "deactivateUser", "updateUser"})
"""Mutations that may turn a user inactive (or change what a role may do)."""


@lru_cache(maxsize=256)
def _root_fields(mutation: str) -> frozenset[str] | None:
    """The root fields of a mutation document (the documents are the adapters' constants, so
    each is parsed once); None when it cannot tell."""
    operation = parse(mutation).definitions[0]
    if not isinstance(operation, OperationDefinitionNode):
        return None
    return frozenset(s.name.value for s in operation.selection_set.selections if isinstance(s, FieldNode))


def changes_catalogues(mutation: str) -> bool:
    """Whether a mutation document may change a user, a pipeline or a source."""
    fields = _root_fields(mutation)
    return fields is None or not fields <= CATALOGUE_NEUTRAL


def may_deactivate(mutation: str) -> bool:
    """Whether a mutation document may deactivate a user."""
    fields = _root_fields(mutation)
    return fields is None or bool(fields & MAY_DEACTIVATE)


class OpportunityApi:
    """The generated client of ``clients/operations/opportunity.graphql``, one caller at a time;
    the pages and the per-item batches, whose shape depends on the request, are built here."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    def _as(self, identity: Identity) -> Client:
        return Client(self.client, identity)

    async def page(
        self,
        identity: Identity,
        *,
        filter: dict[str, Any],
        order_by: str,
        first: int,
        after: str | None,
        selection: str = OPPORTUNITY,
    ) -> dict[str, Any]:
        """A page; ``selection`` is what to ask of each node (every field unless told): a board
        asks for what its client selected, so this document is not a fixed operation."""
        query = f"""query($filter: OpportunityFilter, $orderBy: OpportunityOrder!, $first: Int!, $after: String) {{
          opportunities(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {{
            nodes {{ {selection} }} pageInfo {{ hasNextPage endCursor }} totalCount }} }}"""
        variables = {"filter": filter, "orderBy": order_by, "first": first, "after": after}
        data = await self.client.execute(query, variables, identity)
        result: dict[str, Any] = data["opportunities"]
        return result

    async def pages(
        self,
        identity: Identity,
        filters: list[dict[str, Any]],
        *,
        order_by: str,
        first: int,
        after: str | None,
        selection: str,
    ) -> list[dict[str, Any]]:
        """A page for each filter (one per rep, say), all in one call: an alias each, the filters
        as variables, so pages of the same count are the same document."""
        if len(filters) == 1:
            page = await self.page(
                identity, filter=filters[0], order_by=order_by, first=first, after=after, selection=selection
            )
            return [page]
        declared = "".join(f", $f{i}: OpportunityFilter" for i in range(len(filters)))
        fields = " ".join(
            f"p{i}: opportunities(filter: $f{i}, orderBy: $orderBy, first: $first, after: $after) "
            f"{{ nodes {{ {selection} }} pageInfo {{ hasNextPage endCursor }} totalCount }}"
            for i in range(len(filters))
        )
        query = f"query($orderBy: OpportunityOrder!, $first: Int!, $after: String{declared}) {{ {fields} }}"
        variables: dict[str, Any] = {"orderBy": order_by, "first": first, "after": after}
        variables.update({f"f{i}": f for i, f in enumerate(filters)})
        data = await self.client.execute(query, variables, identity)
        return [data[f"p{i}"] for i in range(len(filters))]

    async def get(self, identity: Identity, opportunity_id: str) -> OpportunityFields:
        return (await self._as(identity).opportunity(opportunity_id)).result

    async def histories(self, identity: Identity, ids: list[str]) -> list[dict[str, Any] | ServiceError]:
        """Stage, close-date and probability histories of many opportunities in one call."""
        return await self.client.execute_aliased("opportunity(id: $)", ids, OPPORTUNITY_HISTORY, identity)

    async def users(self, identity: Identity) -> list[UserFields]:
        return list((await self._as(identity).users()).result)

    async def user_state(self, user_id: str) -> UserState | None:
        """Whether a user is active and the language they chose, asked by the gateway itself;
        None for an id the service does not know."""
        try:
            user = (await self._as(SYSTEM).user_state(user_id)).result
        except ServiceError as exc:
            if exc.code == "NOT_FOUND":
                return None
            raise
        return UserState(active=user.active, locale=user.chosenLocale)

    async def choose_locale(self, identity: Identity, locale: str) -> UserFields:
        return (await self._as(identity).choose_locale(locale)).result

    async def pipelines(self, identity: Identity) -> list[PipelineFields]:
        return list((await self._as(identity).pipelines()).result)

    async def sources(self, identity: Identity) -> list[SourceFields]:
        return list((await self._as(identity).sources()).result)

    async def mutate(self, identity: Identity, name: str, variables: dict[str, Any]) -> Any:
        """One of the service's ``name(input: NameInput!)`` mutations (``INPUT_MUTATIONS``), its
        input checked against the service's input type before it is sent."""
        if name not in INPUT_MUTATIONS:
            raise KeyError(name)
        input_type: type[BaseModel] = getattr(input_types, f"{name[0].upper()}{name[1:]}Input")
        call = getattr(self._as(identity), re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower())
        answer = await call(input_type.model_validate(variables), slow=name in BULK_MUTATIONS)
        return answer.result

    async def assignment_history(
        self, identity: Identity, opportunity_id: str
    ) -> list[AssignmentEntryFields]:
        return list((await self._as(identity).assignment_history(opportunity_id)).result)

    async def activities(self, identity: Identity, opportunity_id: str) -> list[ActivityFields]:
        return list((await self._as(identity).activities(opportunity_id)).result)

    async def attachments(self, identity: Identity, opportunity_id: str) -> list[AttachmentFields]:
        return list((await self._as(identity).attachments(opportunity_id)).result)

    async def stage_evidence(
        self, identity: Identity, pipeline_id: str, stage_key: str
    ) -> list[EvidenceRequirementFields]:
        return list((await self._as(identity).stage_evidence(pipeline_id, stage_key)).result)

    async def import_job(self, identity: Identity, job_id: str) -> ImportJobFields:
        return (await self._as(identity).import_job(job_id)).result

    async def import_cards(
        self, identity: Identity, variables: dict[str, Any], file: tuple[str, bytes, str]
    ) -> ImportJobFields:
        filename, content, content_type = file
        upload = Upload(filename=filename, content=io.BytesIO(content), content_type=content_type)
        request = input_types.ImportOpportunitiesInput.model_validate({**variables, "file": upload})
        return (await self._as(identity).import_opportunities(request)).result

    async def activities_of(self, identity: Identity, ids: list[str]) -> list[Any]:
        """The activities of many opportunities in one call (per id: its list, or its error)."""
        return await self.client.execute_aliased("activities(opportunityId: $)", ids, ACTIVITY, identity)

    async def details(self, identity: Identity, ids: list[str], selection: str) -> list[Any]:
        """Per-opportunity detail (timeline, handover brief) of many opportunities in one call."""
        return await self.client.execute_aliased("opportunity(id: $)", ids, selection, identity)

    async def attach_files(
        self, identity: Identity, activity_id: str, files: list[tuple[str, bytes, str]]
    ) -> list[AttachmentFields]:
        uploads = [
            Upload(filename=name, content=io.BytesIO(content), content_type=kind)
            for name, content, kind in files
        ]
        return list((await self._as(identity).attach_files(activity_id, uploads)).result)

    async def deactivate_user(self, identity: Identity, user_id: str, expected_version: int) -> UserFields:
        return (await self._as(identity).deactivate_user(user_id, expected_version)).result

    async def reactivate_user(self, identity: Identity, user_id: str, expected_version: int) -> UserFields:
        return (await self._as(identity).reactivate_user(user_id, expected_version)).result

    async def create_source(self, identity: Identity, source: dict[str, Any]) -> SourceFields:
        request = input_types.SourceInput.model_validate(source)
        return (await self._as(identity).create_source(request)).result

    async def update_source(
        self, identity: Identity, source_id: str, expected_version: int, source: dict[str, Any]
    ) -> SourceFields:
        request = input_types.SourceInput.model_validate(source)
        return (await self._as(identity).update_source(source_id, expected_version, request)).result

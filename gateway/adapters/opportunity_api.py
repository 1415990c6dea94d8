"""The opportunity service's GraphQL API, as the gateway uses it: the documents it sends and the
data it gets back (plain dicts in the service's own field names)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from graphql import FieldNode, OperationDefinitionNode, parse

from gateway.adapters.services import ServiceClient, ServiceError
from gateway.adapters.user_status import UserState
from servicekit.identity import SYSTEM, Identity

STAGE_REF = "key nameZh nameEn kind"
LINE_ITEM = (
    "productId productCode productName productLine quantity unitPrice { amount currency } discountPercent "
    "total { amount currency }"
)
OPPORTUNITY = f"""
id title customerName isNewCustomer products isNewProduct value {{ amount currency }}
ownerId team pipelineId stage {{ {STAGE_REF} }} status expectedCloseDate difficulty sourceId lostReason
lostReasonKey createdAt updatedAt closedAt version probability {{ effective stageDefault overridden override }}
overdue timeInCurrentStageSeconds rotting accountId contacts {{ contactId role }}
lineItems {{ {LINE_ITEM} }}
"""
OPPORTUNITY_HISTORY = f"""
stageHistory {{ stage {{ {STAGE_REF} }} enteredAt leftAt enteredBy note durationSeconds }}
closeDateHistory {{ old new at by reason }}
probabilityHistory {{ before after at by }}
difficultyHistory {{ before after at by reason }}
"""
USER = "id name email role team managerId active version chosenLocale"
STAGE = "key nameZh nameEn probability kind position rottingDays retired"
LOST_REASON = "key nameZh nameEn retired"
PIPELINE = (
    f"id name alertDaysBeforeClose isDefault version createdAt updatedAt stages {{ {STAGE} }} "
    f"lostReasons {{ {LOST_REASON} }}"
)
SOURCE = (
    "id name kind startsOn endsOn cost { amount currency } "
    "costs { kind amount { amount currency } startsOn endsOn } version"
)

ASSIGNMENT_RESULT = (
    "assigned { opportunityId ownerId version changed } failures { opportunityId code message } "
    "byRep { userId count opportunityIds } assignedCount failedCount"
)
ASSIGNMENT_ENTRY = "fromOwnerId toOwnerId by at reason note"
DETAILS = (
    "courier trackingNumber items amount currency validUntil quoteNumber phone durationMinutes direction "
    "location attendees subject to label nextStep nextStepDue"
)
REVISION = f"number text occurredAt stageKey details {{ {DETAILS} }} recordedAt recordedBy reason completedAt"
ACTIVITY = f"id opportunityId kind current {{ {REVISION} }} revisions {{ {REVISION} }} attachmentIds"
ATTACHMENT = "id activityId filename contentType size sha256 uploadedAt uploadedBy downloadPath"
EVIDENCE_REQUIREMENT = "kind anyOf description"
TIMELINE = "timeline { at kind by summary activityId dataJson }"
HANDOVER_BRIEF = (
    "handoverBrief { stageKey stageName daysInStage lastContactAt lastContactKind lastContactText nextStep "
    "nextStepDue lastQuote { amount currency validUntil occurredAt expired } evidenceOnFile { kind count } "
    "attachmentCount missingEvidence previousOwnerId }"
)

IMPORT_JOB = (
    "id status filename encoding mode totalRows validRows toCreate processed created percentDone "
    "problems { line field reason } duplicates { line reason opportunityId earlierLine } "
    "createdAt startedAt finishedAt error "
    "links { line opportunityId accountId accountMatch contactId contactMatch } "
    "columns { position header field matchedBy samples } warnings"
)

# Every ``name(input: X!)`` mutation: its input type and what the gateway selects from the result.
MUTATIONS: dict[str, tuple[str, str]] = {
    **{
        name: (f"{name[0].upper()}{name[1:]}Input", OPPORTUNITY)
        for name in (
            "createOpportunity", "updateOpportunity", "moveOpportunityStage", "reopenOpportunity",
            "changeExpectedCloseDate", "setProbabilityOverride", "assignOpportunity", "setLineItems",
        )
    },
    **{
        name: (f"{name[0].upper()}{name[1:]}Input", PIPELINE)
        for name in (
            "createPipeline", "addStage", "updateStage", "reorderStages", "retireStage", "updatePipeline",
            "addLostReason", "updateLostReason", "retireLostReason",
        )
    },
    "createUser": ("CreateUserInput", USER),
    "updateUser": ("UpdateUserInput", USER),
    "assignOpportunities": ("AssignOpportunitiesInput", ASSIGNMENT_RESULT),
    "distributeOpportunities": ("DistributeOpportunitiesInput", ASSIGNMENT_RESULT),
    "handOverOpportunities": ("HandOverOpportunitiesInput", f"assignment {{ {ASSIGNMENT_RESULT} }} deactivated"),
    "logActivity": ("LogActivityInput", ACTIVITY),
    "reviseActivity": ("ReviseActivityInput", ACTIVITY),
    "completeActivity": ("CompleteActivityInput", ACTIVITY),
    "setStageEvidence": ("SetStageEvidenceInput", EVIDENCE_REQUIREMENT),
}  # fmt: skip


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
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

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
        """A page; ``selection`` is what to ask of each node (every field unless told)."""
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

    async def get(self, identity: Identity, opportunity_id: str) -> dict[str, Any]:
        query = f"query($id: ID!) {{ opportunity(id: $id) {{ {OPPORTUNITY} }} }}"
        data = await self.client.execute(query, {"id": opportunity_id}, identity)
        result: dict[str, Any] = data["opportunity"]
        return result

    async def histories(self, identity: Identity, ids: list[str]) -> list[dict[str, Any] | ServiceError]:
        """Stage, close-date and probability histories of many opportunities in one call."""
        return await self.client.execute_aliased("opportunity(id: $)", ids, OPPORTUNITY_HISTORY, identity)

    async def users(self, identity: Identity) -> list[dict[str, Any]]:
        data = await self.client.execute(f"{{ users {{ {USER} }} }}", None, identity)
        users: list[dict[str, Any]] = data["users"]
        return users

    async def user_state(self, user_id: str) -> UserState | None:
        """Whether a user is active and the language they chose, asked by the gateway itself;
        None for an id the service does not know."""
        try:
            data = await self.client.execute(
                "query($id: ID!) { user(id: $id) { active chosenLocale } }", {"id": user_id}, SYSTEM
            )
        except ServiceError as exc:
            if exc.code == "NOT_FOUND":
                return None
            raise
        return UserState(active=bool(data["user"]["active"]), locale=data["user"]["chosenLocale"])

    async def choose_locale(self, identity: Identity, locale: str) -> dict[str, Any]:
        query = f"mutation($l: String!) {{ result: chooseLocale(locale: $l) {{ {USER} }} }}"
        data = await self.client.execute(query, {"l": locale}, identity)
        user: dict[str, Any] = data["result"]
        return user

    async def pipelines(self, identity: Identity) -> list[dict[str, Any]]:
        data = await self.client.execute(f"{{ pipelines {{ {PIPELINE} }} }}", None, identity)
        pipelines: list[dict[str, Any]] = data["pipelines"]
        return pipelines

    async def sources(self, identity: Identity) -> list[dict[str, Any]]:
        data = await self.client.execute(f"{{ sources {{ {SOURCE} }} }}", None, identity)
        sources: list[dict[str, Any]] = data["sources"]
        return sources

    async def mutate(self, identity: Identity, name: str, variables: dict[str, Any]) -> Any:
        """One of the service's ``name(input: X!)`` mutations, selecting what the result needs."""
        input_type, selection = MUTATIONS[name]
        query = f"mutation($input: {input_type}!) {{ result: {name}(input: $input) {{ {selection} }} }}"
        data = await self.client.execute(query, {"input": variables}, identity, slow=name in BULK_MUTATIONS)
        return data["result"]

    async def per_opportunity(
        self, identity: Identity, field: str, selection: str, opportunity_id: str
    ) -> Any:
        """``assignmentHistory``, ``activities`` or ``attachments`` of one opportunity (a page's
        activities go as one call instead: ``activities_of``)."""
        query = f"query($id: ID!) {{ result: {field}(opportunityId: $id) {{ {selection} }} }}"
        data = await self.client.execute(query, {"id": opportunity_id}, identity)
        return data["result"]

    async def stage_evidence(self, identity: Identity, pipeline_id: str, stage_key: str) -> Any:
        query = (
            "query($p: ID!, $s: String!) "
            f"{{ result: stageEvidence(pipelineId: $p, stageKey: $s) {{ {EVIDENCE_REQUIREMENT} }} }}"
        )
        data = await self.client.execute(query, {"p": pipeline_id, "s": stage_key}, identity)
        return data["result"]

    async def import_cards(
        self, identity: Identity, variables: dict[str, Any], file: tuple[str, bytes, str]
    ) -> Any:
        query = (
            "mutation($input: ImportOpportunitiesInput!) "
            f"{{ result: importOpportunities(input: $input) {{ {IMPORT_JOB} }} }}"
        )
        data = await self.client.execute_upload(
            query, {"input": variables}, {"variables.input.file": file}, identity
        )
        return data["result"]

    async def activities_of(self, identity: Identity, ids: list[str]) -> list[Any]:
        """The activities of many opportunities in one call (per id: its list, or its error)."""
        return await self.client.execute_aliased("activities(opportunityId: $)", ids, ACTIVITY, identity)

    async def details(self, identity: Identity, ids: list[str], selection: str) -> list[Any]:
        """Per-opportunity detail (timeline, handover brief) of many opportunities in one call."""
        return await self.client.execute_aliased("opportunity(id: $)", ids, selection, identity)

    async def attach_files(
        self, identity: Identity, activity_id: str, files: list[tuple[str, bytes, str]]
    ) -> Any:
        query = (
            "mutation($a: ID!, $files: [Upload!]!) "
            f"{{ result: attachFiles(activityId: $a, files: $files) {{ {ATTACHMENT} }} }}"
        )
        variables = {"a": activity_id, "files": [None] * len(files)}
        parts = {f"variables.files.{i}": file for i, file in enumerate(files)}
        data = await self.client.execute_upload(query, variables, parts, identity)
        return data["result"]

    async def deactivate_user(
        self, identity: Identity, user_id: str, expected_version: int
    ) -> dict[str, Any]:
        query = f"mutation($id: ID!, $v: Int!) {{ result: deactivateUser(id: $id, expectedVersion: $v) {{ {USER} }} }}"
        data = await self.client.execute(query, {"id": user_id, "v": expected_version}, identity)
        result: dict[str, Any] = data["result"]
        return result

    async def reactivate_user(
        self, identity: Identity, user_id: str, expected_version: int
    ) -> dict[str, Any]:
        query = f"mutation($id: ID!, $v: Int!) {{ result: reactivateUser(id: $id, expectedVersion: $v) {{ {USER} }} }}"
        data = await self.client.execute(query, {"id": user_id, "v": expected_version}, identity)
        result: dict[str, Any] = data["result"]
        return result

    async def create_source(self, identity: Identity, source: dict[str, Any]) -> dict[str, Any]:
        query = f"mutation($input: SourceInput!) {{ result: createSource(input: $input) {{ {SOURCE} }} }}"
        data = await self.client.execute(query, {"input": source}, identity)
        result: dict[str, Any] = data["result"]
        return result

    async def update_source(
        self, identity: Identity, source_id: str, expected_version: int, source: dict[str, Any]
    ) -> dict[str, Any]:
        query = (
            "mutation($id: ID!, $v: Int!, $input: SourceInput!) "
            f"{{ result: updateSource(id: $id, expectedVersion: $v, input: $input) {{ {SOURCE} }} }}"
        )
        data = await self.client.execute(
            query, {"id": source_id, "v": expected_version, "input": source}, identity
        )
        result: dict[str, Any] = data["result"]
        return result

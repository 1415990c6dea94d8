"""The reporting service's GraphQL API as the gateway uses it."""

from __future__ import annotations

from typing import Any

from gateway.adapters.services import ServiceClient
from servicekit.identity import Identity

MONEY = "currency amount"
RATE = "currency reportingCurrency validFrom rate setAt setBy"
POLICY = (
    "version baseReward newCustomerBonus newProductBonus creditRule createdAt createdBy launchWindowDays "
    "difficultyRules { productLines { productLine factor } segments { segment factor } "
    "sizeBands { currency minAmount maxAmount factor } }"
)
DEAL_APPRAISAL = (
    "opportunityId policyVersion difficulty difficultySource rules { kind key factor } newCustomer "
    "newProduct newProductReason reward"
)
REP_APPRAISAL = (
    f"repId repName owned won lost winRate wonAmount {{ {MONEY} }} averageCycleSeconds overdue score"
)
REBUILD_JOB = "id state replayedEvents totalEvents generation startedAt updatedAt finishedAt error"
DURATIONS = "count meanSeconds medianSeconds p90Seconds"
CALIBRATED_STAGE = "stageKey stageName position configuredProbability reachedAndClosed won observedWinRate"
SELECTIONS = {
    "repAppraisal": f"policy {{ {POLICY} }} reps {{ {REP_APPRAISAL} }}",
    "overdue": (
        f"repId repName overdueCount overdueAmount {{ {MONEY} }} opportunities {{ opportunityId title "
        f"customerName stageKey expectedCloseDate daysOverdue amount {{ {MONEY} }} }} closed closedLate "
        "slips slippedOpportunities"
    ),
    "timeInStage": (
        f"pipelineId pipelineName stages {{ stageKey stageName position overall {{ {DURATIONS} }} "
        f"perRep {{ repId repName durations {{ {DURATIONS} }} }} reached conversionFromPrevious rottingCount "
        f"openStays {{ {DURATIONS} }} }} "
        "rotting { opportunityId title ownerId stageKey daysInStage rottingDays } rottingCount"
    ),
    "sourceValue": " ".join(
        f"{part} {{ key name kind opportunities won lost winRate averageCycleSeconds newCustomers "
        "revenueByProductLine { productLine currency amount } money { currency "
        "wonRevenue openPipeline weightedPipeline cost roi costPerWon costPerLead } }"
        for part in ("bySource", "byKind", "lifetimeBySource")
    ),
    "forecast": " ".join(
        f"{part} {{ month group groupName currency opportunities amount weighted }}"
        for part in ("byRep", "byTeam")
    ),
    "calibration": (
        f"pipelineId pipelineName stages {{ {CALIBRATED_STAGE} }} "
        f"bySource {{ sourceId sourceName stages {{ {CALIBRATED_STAGE} }} }}"
    ),
    "lostReasons": (
        "total reasons { reasonKey nameEn nameZh count } "
        + " ".join(
            f"{part} {{ key name pipelineId total reasons {{ reasonKey nameEn nameZh count }} }}"
            for part in ("byStage", "byRep", "bySource")
        )
    ),
}


class ReportingApi:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def report(
        self,
        identity: Identity,
        name: str,
        filter: dict[str, Any] | None,
        arguments: dict[str, tuple[str, Any]] | None = None,
    ) -> Any:
        """One report with its filter and ``arguments``: name -> (GraphQL type, value)."""
        arguments = arguments or {}
        declared = "".join(f", ${arg}: {kind}" for arg, (kind, _) in arguments.items())
        passed = "".join(f", {arg}: ${arg}" for arg in arguments)
        query = (
            f"query($filter: ReportFilterInput{declared}) "
            f"{{ result: {name}(filter: $filter{passed}) {{ {SELECTIONS[name]} }} }}"
        )
        variables = {"filter": filter, **{arg: value for arg, (_, value) in arguments.items()}}
        data = await self.client.execute(query, variables, identity)
        return data["result"]

    async def appraisal(
        self, identity: Identity, filter: dict[str, Any] | None, policy_version: int | None
    ) -> dict[str, Any]:
        result: dict[str, Any] = await self.report(
            identity, "repAppraisal", filter, {"policyVersion": ("Int", policy_version)}
        )
        return result

    async def time_in_stage(
        self, identity: Identity, filter: dict[str, Any] | None, rotting_limit: int
    ) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = await self.report(
            identity, "timeInStage", filter, {"rottingLimit": ("Int!", rotting_limit)}
        )
        return result

    async def policy(self, identity: Identity) -> dict[str, Any]:
        data = await self.client.execute(f"{{ result: appraisalPolicy {{ {POLICY} }} }}", None, identity)
        result: dict[str, Any] = data["result"]
        return result

    async def policies(self, identity: Identity) -> list[dict[str, Any]]:
        data = await self.client.execute(f"{{ result: appraisalPolicies {{ {POLICY} }} }}", None, identity)
        result: list[dict[str, Any]] = data["result"]
        return result

    async def set_policy(self, identity: Identity, policy: dict[str, Any]) -> dict[str, Any]:
        query = (
            "mutation($input: AppraisalPolicyInput!) "
            f"{{ result: setAppraisalPolicy(input: $input) {{ {POLICY} }} }}"
        )
        data = await self.client.execute(query, {"input": policy}, identity)
        result: dict[str, Any] = data["result"]
        return result

    async def deal_appraisals(
        self, identity: Identity, ids: list[str], policy_version: int | None
    ) -> list[dict[str, Any]]:
        query = (
            "query($ids: [ID!]!, $v: Int) "
            f"{{ result: dealAppraisals(opportunityIds: $ids, policyVersion: $v) {{ {DEAL_APPRAISAL} }} }}"
        )
        data = await self.client.execute(query, {"ids": ids, "v": policy_version}, identity)
        result: list[dict[str, Any]] = data["result"]
        return result

    async def exchange_rates(self, identity: Identity) -> list[dict[str, Any]]:
        data = await self.client.execute(f"{{ result: exchangeRates {{ {RATE} }} }}", None, identity)
        result: list[dict[str, Any]] = data["result"]
        return result

    async def set_exchange_rate(self, identity: Identity, rate: dict[str, Any]) -> dict[str, Any]:
        query = (
            f"mutation($input: ExchangeRateInput!) {{ result: setExchangeRate(input: $input) {{ {RATE} }} }}"
        )
        data = await self.client.execute(query, {"input": rate}, identity)
        result: dict[str, Any] = data["result"]
        return result

    async def remove_exchange_rate(self, identity: Identity, currency: str, valid_from: str) -> bool:
        query = "mutation($c: String!, $d: Date!) { result: removeExchangeRate(currency: $c, validFrom: $d) }"
        data = await self.client.execute(query, {"c": currency, "d": valid_from}, identity)
        return bool(data["result"])

    async def rebuild_job(self, identity: Identity, job_id: str | None) -> dict[str, Any] | None:
        query = f"query($id: String) {{ result: rebuildJob(id: $id) {{ {REBUILD_JOB} }} }}"
        data = await self.client.execute(query, {"id": job_id}, identity)
        result: dict[str, Any] | None = data["result"]
        return result

    async def start_rebuild(self, identity: Identity) -> dict[str, Any]:
        data = await self.client.execute(
            f"mutation {{ result: startRebuild {{ {REBUILD_JOB} }} }}", None, identity
        )
        result: dict[str, Any] = data["result"]
        return result

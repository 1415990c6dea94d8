"""The reporting service's GraphQL API as the gateway uses it: the generated client of
``clients/operations/reporting.graphql``, one caller at a time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from gateway.adapters.clients.reporting.client import Client
from gateway.adapters.clients.reporting.fragments import (
    DealAppraisalFields,
    PolicyFields,
    RateFields,
    RebuildJobFields,
)
from gateway.adapters.clients.reporting.input_types import (
    AppraisalPolicyInput,
    ExchangeRateInput,
    ReportFilterInput,
)
from gateway.adapters.clients.reporting.rep_appraisal import RepAppraisalResult
from gateway.adapters.clients.reporting.time_in_stage import TimeInStageResult
from gateway.adapters.services import ServiceClient
from servicekit.identity import Identity

Filter = ReportFilterInput | None


class ReportingApi:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    def _as(self, identity: Identity) -> Client:
        return Client(self.client, identity)

    async def report(self, identity: Identity, name: str, filter: Filter) -> Any:
        """One of the reports that take a filter alone, by its field name (``overdue`` ...)."""
        client = self._as(identity)
        reports: dict[str, Callable[[Filter], Awaitable[Any]]] = {
            "overdue": client.overdue,
            "sourceValue": client.source_value,
            "forecast": client.forecast,
            "calibration": client.calibration,
            "lostReasons": client.lost_reasons,
        }
        return (await reports[name](filter)).result

    async def appraisal(
        self, identity: Identity, filter: Filter, policy_version: int | None
    ) -> RepAppraisalResult:
        return (await self._as(identity).rep_appraisal(filter, policy_version)).result

    async def time_in_stage(
        self, identity: Identity, filter: Filter, rotting_limit: int
    ) -> list[TimeInStageResult]:
        return list((await self._as(identity).time_in_stage(rotting_limit, filter)).result)

    async def policy(self, identity: Identity) -> PolicyFields:
        return (await self._as(identity).appraisal_policy()).result

    async def policies(self, identity: Identity) -> list[PolicyFields]:
        return list((await self._as(identity).appraisal_policies()).result)

    async def set_policy(self, identity: Identity, policy: AppraisalPolicyInput) -> PolicyFields:
        return (await self._as(identity).set_appraisal_policy(policy)).result

    async def deal_appraisals(
        self, identity: Identity, ids: list[str], policy_version: int | None
    ) -> list[DealAppraisalFields]:
        return list((await self._as(identity).deal_appraisals(ids, policy_version)).result)

    async def exchange_rates(self, identity: Identity) -> list[RateFields]:
        return list((await self._as(identity).exchange_rates()).result)

    async def set_exchange_rate(self, identity: Identity, rate: ExchangeRateInput) -> RateFields:
        return (await self._as(identity).set_exchange_rate(rate)).result

    async def remove_exchange_rate(self, identity: Identity, currency: str, valid_from: str) -> bool:
        return (await self._as(identity).remove_exchange_rate(currency, valid_from)).result

    async def rebuild_job(self, identity: Identity, job_id: str | None) -> RebuildJobFields | None:
        return (await self._as(identity).rebuild_job(job_id)).result

    async def start_rebuild(self, identity: Identity) -> RebuildJobFields:
        return (await self._as(identity).start_rebuild()).result

from typing import Any, Optional, Union

from .appraisal_policies import AppraisalPolicies
from .appraisal_policy import AppraisalPolicy
from .base_model import UNSET, UnsetType
from .calibration import Calibration
from .deal_appraisals import DealAppraisals
from .exchange_rates import ExchangeRates
from .forecast import Forecast
from .input_types import AppraisalPolicyInput, ExchangeRateInput, ReportFilterInput
from .lost_reasons import LostReasons
from .overdue import Overdue
from .rebuild_job import RebuildJob
from .remove_exchange_rate import RemoveExchangeRate
from .rep_appraisal import RepAppraisal
from .service_base_client import ServiceBaseClient
from .set_appraisal_policy import SetAppraisalPolicy
from .set_exchange_rate import SetExchangeRate
from .source_value import SourceValue
from .start_rebuild import StartRebuild
from .time_in_stage import TimeInStage


def gql(q: str) -> str:
    return q


class Client(ServiceBaseClient):
    async def rep_appraisal(
        self,
        filter_: Union[Optional[ReportFilterInput], UnsetType] = UNSET,
        policyVersion: Union[Optional[int], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> RepAppraisal:
        query = gql("""
            query RepAppraisal($filter: ReportFilterInput, $policyVersion: Int) {
              result: repAppraisal(filter: $filter, policyVersion: $policyVersion) {
                policy {
                  ...PolicyFields
                }
                reps {
                  repId
                  repName
                  owned
                  won
                  lost
                  winRate
                  wonAmount {
                    ...MoneyFields
                  }
                  averageCycleSeconds
                  overdue
                  score
                }
              }
            }

            fragment MoneyFields on Money {
              currency
              amount
            }

            fragment PolicyFields on Policy {
              version
              baseReward
              newCustomerBonus
              newProductBonus
              creditRule
              createdAt
              createdBy
              launchWindowDays
              difficultyRules {
                productLines {
                  productLine
                  factor
                }
                segments {
                  segment
                  factor
                }
                sizeBands {
                  currency
                  minAmount
                  maxAmount
                  factor
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "filter": filter_,
            "policyVersion": policyVersion,
        }
        response = await self.execute(
            query=query, operation_name="RepAppraisal", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return RepAppraisal.model_validate(data)

    async def overdue(
        self,
        filter_: Union[Optional[ReportFilterInput], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Overdue:
        query = gql("""
            query Overdue($filter: ReportFilterInput) {
              result: overdue(filter: $filter) {
                repId
                repName
                overdueCount
                overdueAmount {
                  ...MoneyFields
                }
                opportunities {
                  opportunityId
                  title
                  customerName
                  stageKey
                  expectedCloseDate
                  daysOverdue
                  amount {
                    ...MoneyFields
                  }
                }
                closed
                closedLate
                slips
                slippedOpportunities
              }
            }

            fragment MoneyFields on Money {
              currency
              amount
            }
            """)
        variables: dict[str, object] = {"filter": filter_}
        response = await self.execute(
            query=query, operation_name="Overdue", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Overdue.model_validate(data)

    async def time_in_stage(
        self,
        rottingLimit: int,
        filter_: Union[Optional[ReportFilterInput], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> TimeInStage:
        query = gql("""
            query TimeInStage($filter: ReportFilterInput, $rottingLimit: Int!) {
              result: timeInStage(filter: $filter, rottingLimit: $rottingLimit) {
                pipelineId
                pipelineName
                stages {
                  stageKey
                  stageName
                  position
                  overall {
                    ...DurationFields
                  }
                  perRep {
                    repId
                    repName
                    durations {
                      ...DurationFields
                    }
                  }
                  reached
                  conversionFromPrevious
                  rottingCount
                  openStays {
                    ...DurationFields
                  }
                }
                rotting {
                  opportunityId
                  title
                  ownerId
                  stageKey
                  daysInStage
                  rottingDays
                }
                rottingCount
              }
            }

            fragment DurationFields on Durations {
              count
              meanSeconds
              medianSeconds
              p90Seconds
            }
            """)
        variables: dict[str, object] = {"filter": filter_, "rottingLimit": rottingLimit}
        response = await self.execute(
            query=query, operation_name="TimeInStage", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return TimeInStage.model_validate(data)

    async def source_value(
        self,
        filter_: Union[Optional[ReportFilterInput], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> SourceValue:
        query = gql("""
            query SourceValue($filter: ReportFilterInput) {
              result: sourceValue(filter: $filter) {
                bySource {
                  ...SourceValueFields
                }
                byKind {
                  ...SourceValueFields
                }
                lifetimeBySource {
                  ...SourceValueFields
                }
              }
            }

            fragment SourceValueFields on SourceValue {
              key
              name
              kind
              opportunities
              won
              lost
              winRate
              averageCycleSeconds
              newCustomers
              revenueByProductLine {
                productLine
                currency
                amount
              }
              money {
                currency
                wonRevenue
                openPipeline
                weightedPipeline
                cost
                roi
                costPerWon
                costPerLead
              }
            }
            """)
        variables: dict[str, object] = {"filter": filter_}
        response = await self.execute(
            query=query, operation_name="SourceValue", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SourceValue.model_validate(data)

    async def forecast(
        self,
        filter_: Union[Optional[ReportFilterInput], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Forecast:
        query = gql("""
            query Forecast($filter: ReportFilterInput) {
              result: forecast(filter: $filter) {
                byRep {
                  ...ForecastFields
                }
                byTeam {
                  ...ForecastFields
                }
              }
            }

            fragment ForecastFields on ForecastLine {
              month
              group
              groupName
              currency
              opportunities
              amount
              weighted
            }
            """)
        variables: dict[str, object] = {"filter": filter_}
        response = await self.execute(
            query=query, operation_name="Forecast", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Forecast.model_validate(data)

    async def calibration(
        self,
        filter_: Union[Optional[ReportFilterInput], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Calibration:
        query = gql("""
            query Calibration($filter: ReportFilterInput) {
              result: calibration(filter: $filter) {
                pipelineId
                pipelineName
                stages {
                  ...CalibratedStageFields
                }
                bySource {
                  sourceId
                  sourceName
                  stages {
                    ...CalibratedStageFields
                  }
                }
              }
            }

            fragment CalibratedStageFields on StageCalibration {
              stageKey
              stageName
              position
              configuredProbability
              reachedAndClosed
              won
              observedWinRate
            }
            """)
        variables: dict[str, object] = {"filter": filter_}
        response = await self.execute(
            query=query, operation_name="Calibration", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Calibration.model_validate(data)

    async def lost_reasons(
        self,
        filter_: Union[Optional[ReportFilterInput], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> LostReasons:
        query = gql("""
            query LostReasons($filter: ReportFilterInput) {
              result: lostReasons(filter: $filter) {
                total
                reasons {
                  ...ReasonCountFields
                }
                byStage {
                  ...LostGroupFields
                }
                byRep {
                  ...LostGroupFields
                }
                bySource {
                  ...LostGroupFields
                }
              }
            }

            fragment LostGroupFields on LossGroup {
              key
              name
              pipelineId
              total
              reasons {
                ...ReasonCountFields
              }
            }

            fragment ReasonCountFields on LostReasonCount {
              reasonKey
              nameEn
              nameZh
              count
            }
            """)
        variables: dict[str, object] = {"filter": filter_}
        response = await self.execute(
            query=query, operation_name="LostReasons", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return LostReasons.model_validate(data)

    async def appraisal_policy(self, **kwargs: Any) -> AppraisalPolicy:
        query = gql("""
            query AppraisalPolicy {
              result: appraisalPolicy {
                ...PolicyFields
              }
            }

            fragment PolicyFields on Policy {
              version
              baseReward
              newCustomerBonus
              newProductBonus
              creditRule
              createdAt
              createdBy
              launchWindowDays
              difficultyRules {
                productLines {
                  productLine
                  factor
                }
                segments {
                  segment
                  factor
                }
                sizeBands {
                  currency
                  minAmount
                  maxAmount
                  factor
                }
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="AppraisalPolicy", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return AppraisalPolicy.model_validate(data)

    async def appraisal_policies(self, **kwargs: Any) -> AppraisalPolicies:
        query = gql("""
            query AppraisalPolicies {
              result: appraisalPolicies {
                ...PolicyFields
              }
            }

            fragment PolicyFields on Policy {
              version
              baseReward
              newCustomerBonus
              newProductBonus
              creditRule
              createdAt
              createdBy
              launchWindowDays
              difficultyRules {
                productLines {
                  productLine
                  factor
                }
                segments {
                  segment
                  factor
                }
                sizeBands {
                  currency
                  minAmount
                  maxAmount
                  factor
                }
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query,
            operation_name="AppraisalPolicies",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return AppraisalPolicies.model_validate(data)

    async def deal_appraisals(
        self,
        ids: list[str],
        policyVersion: Union[Optional[int], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> DealAppraisals:
        query = gql("""
            query DealAppraisals($ids: [ID!]!, $policyVersion: Int) {
              result: dealAppraisals(opportunityIds: $ids, policyVersion: $policyVersion) {
                ...DealAppraisalFields
              }
            }

            fragment DealAppraisalFields on DealAppraisal {
              opportunityId
              policyVersion
              difficulty
              difficultySource
              rules {
                kind
                key
                factor
              }
              newCustomer
              newProduct
              newProductReason
              reward
            }
            """)
        variables: dict[str, object] = {"ids": ids, "policyVersion": policyVersion}
        response = await self.execute(
            query=query, operation_name="DealAppraisals", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DealAppraisals.model_validate(data)

    async def exchange_rates(self, **kwargs: Any) -> ExchangeRates:
        query = gql("""
            query ExchangeRates {
              result: exchangeRates {
                ...RateFields
              }
            }

            fragment RateFields on ExchangeRate {
              currency
              reportingCurrency
              validFrom
              rate
              setAt
              setBy
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="ExchangeRates", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ExchangeRates.model_validate(data)

    async def rebuild_job(
        self, id: Union[Optional[str], UnsetType] = UNSET, **kwargs: Any
    ) -> RebuildJob:
        query = gql("""
            query RebuildJob($id: String) {
              result: rebuildJob(id: $id) {
                ...RebuildJobFields
              }
            }

            fragment RebuildJobFields on RebuildJobType {
              id
              state
              replayedEvents
              totalEvents
              generation
              startedAt
              updatedAt
              finishedAt
              error
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="RebuildJob", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return RebuildJob.model_validate(data)

    async def set_appraisal_policy(
        self, input: AppraisalPolicyInput, **kwargs: Any
    ) -> SetAppraisalPolicy:
        query = gql("""
            mutation SetAppraisalPolicy($input: AppraisalPolicyInput!) {
              result: setAppraisalPolicy(input: $input) {
                ...PolicyFields
              }
            }

            fragment PolicyFields on Policy {
              version
              baseReward
              newCustomerBonus
              newProductBonus
              creditRule
              createdAt
              createdBy
              launchWindowDays
              difficultyRules {
                productLines {
                  productLine
                  factor
                }
                segments {
                  segment
                  factor
                }
                sizeBands {
                  currency
                  minAmount
                  maxAmount
                  factor
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="SetAppraisalPolicy",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return SetAppraisalPolicy.model_validate(data)

    async def set_exchange_rate(
        self, input: ExchangeRateInput, **kwargs: Any
    ) -> SetExchangeRate:
        query = gql("""
            mutation SetExchangeRate($input: ExchangeRateInput!) {
              result: setExchangeRate(input: $input) {
                ...RateFields
              }
            }

            fragment RateFields on ExchangeRate {
              currency
              reportingCurrency
              validFrom
              rate
              setAt
              setBy
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="SetExchangeRate", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SetExchangeRate.model_validate(data)

    async def remove_exchange_rate(
        self, currency: str, validFrom: str, **kwargs: Any
    ) -> RemoveExchangeRate:
        query = gql("""
            mutation RemoveExchangeRate($currency: String!, $validFrom: Date!) {
              result: removeExchangeRate(currency: $currency, validFrom: $validFrom)
            }
            """)
        variables: dict[str, object] = {"currency": currency, "validFrom": validFrom}
        response = await self.execute(
            query=query,
            operation_name="RemoveExchangeRate",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return RemoveExchangeRate.model_validate(data)

    async def start_rebuild(self, **kwargs: Any) -> StartRebuild:
        query = gql("""
            mutation StartRebuild {
              result: startRebuild {
                ...RebuildJobFields
              }
            }

            fragment RebuildJobFields on RebuildJobType {
              id
              state
              replayedEvents
              totalEvents
              generation
              startedAt
              updatedAt
              finishedAt
              error
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="StartRebuild", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StartRebuild.model_validate(data)

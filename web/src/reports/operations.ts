import { graphql } from '../gql';

export const ReportsQuery = graphql(`
  query Reports($filter: ReportFilterInput) {
    repAppraisal(filter: $filter) {
      policy { version }
      reps { repId repName owned won lost winRate wonAmount { currency amount } overdue score }
    }
    overdueReport(filter: $filter) {
      repId
      repName
      overdueCount
      overdueAmount { currency amount }
      closedLate
      slips
    }
    sourceValue(filter: $filter) {
      bySource {
        key
        name
        opportunities
        won
        lost
        money { currency wonRevenue cost roi costPerWon }
      }
    }
    forecast(filter: $filter) {
      byTeam { month group groupName currency opportunities amount weighted }
    }
    timeInStage(filter: $filter, rottingLimit: 1) {
      pipelineId
      pipelineName
      stages {
        stageKey
        stageName
        position
        reached
        conversionFromPrevious
        rottingCount
        overall { ...DurationFields }
        openStays { ...DurationFields }
      }
    }
    lostReasons(filter: $filter) {
      total
      reasons { reasonKey nameEn nameZh count }
      byStage { key name total }
      byRep { key name total }
    }
  }
`);

export const DurationFields = graphql(`
  fragment DurationFields on Durations { count meanSeconds medianSeconds p90Seconds }
`);

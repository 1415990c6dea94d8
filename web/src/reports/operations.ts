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
  }
`);

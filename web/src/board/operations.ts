// The board's GraphQL operations (typed by `npm run codegen` into src/gql/).
import { graphql } from '../gql';

export const BoardCardFields = graphql(`
  fragment BoardCard on Opportunity {
    id
    title
    customerName
    version
    ownerId
    team
    sourceId
    status
    pipelineId
    value { amount currency }
    stage { key nameZh nameEn kind }
    probability { effective }
    expectedCloseDate
    overdue
    rotting
    owner { id name }
  }
`);

export const PipelinesQuery = graphql(`
  query Pipelines {
    viewer { userId role team name }
    pipelines {
      id
      name
      isDefault
      alertDaysBeforeClose
      stages { key nameZh nameEn kind position retired probability }
      lostReasons { key nameZh nameEn retired }
    }
  }
`);

export const BoardQuery = graphql(`
  query Board($filter: OpportunityFilter!, $after: String) {
    opportunities(first: 100, after: $after, filter: $filter, orderBy: EXPECTED_CLOSE_DATE_ASC) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...BoardCard }
    }
  }
`);

export const FilterOptionsQuery = graphql(`
  query BoardFilterOptions {
    users(activeOnly: true) { id name role team }
    sources { id name }
  }
`);

export const MoveCardMutation = graphql(`
  mutation MoveCard($input: MoveOpportunityStageInput!) {
    moveOpportunityStage(input: $input) {
      ...BoardCard
      lostReason
      probability { effective stageDefault overridden }
    }
  }
`);

export const LogEvidenceMutation = graphql(`
  mutation LogEvidence($input: LogActivityInput!) {
    logActivity(input: $input) { id opportunityId kind }
  }
`);

export const CurrentVersionQuery = graphql(`
  query CurrentVersion($id: ID!) {
    opportunity(id: $id) { id version stage { key nameZh nameEn kind } status }
  }
`);

export const OpportunityChangedSubscription = graphql(`
  subscription OpportunityChanged {
    opportunityChanged {
      eventId
      type
      sequence
      opportunity {
        id
        title
        customerName
        ownerId
        team
        sourceId
        pipelineId
        status
        probability
        expectedCloseDate
        version
        stage { key kind name }
        value { amount currency }
        owner { id name }
      }
    }
  }
`);

export const PipelineStagesFragment = graphql(`
  fragment PipelineStages on Pipeline {
    id
    stages { key nameZh nameEn kind }
  }
`);

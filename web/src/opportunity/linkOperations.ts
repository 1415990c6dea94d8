import { graphql } from '../gql';

export const LinkAccountSearchQuery = graphql(`
  query LinkAccountSearch($search: String!) {
    accounts(filter: { search: $search }, first: 10) { nodes { id name taxNumber } }
  }
`);

export const LinkOpportunityAccountMutation = graphql(`
  mutation LinkOpportunityAccount($input: LinkOpportunityAccountInput!) {
    linkOpportunityAccount(input: $input) {
      id
      version
      accountId
      account { id name taxNumber }
      contacts { contactId role }
    }
  }
`);

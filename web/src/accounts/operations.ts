import { graphql } from '../gql';

export const ContactFields = graphql(`
  fragment ContactFields on Contact {
    id
    name
    title
    emails
    phones { e164 extension }
    notes
    doNotContact
    version
  }
`);

export const AccountPageQuery = graphql(`
  query AccountPage($id: ID!) {
    viewer { userId role }
    account(id: $id) {
      id
      version
      mergedInto
      name
      taxNumber
      industry
      address
      website
      phones { e164 extension }
      owner { id name }
      openPipeline { amount currency }
      wonRevenue { amount currency }
      contacts {
        ...ContactFields
        # Only here: the search and the deal's page need no photo (each one is a lookup).
        cardPhoto { id filename contentType downloadPath }
      }
      opportunities {
        id
        title
        status
        expectedCloseDate
        value { amount currency }
        stage { key nameZh nameEn kind }
        owner { id name }
        lostReason
        contacts { contactId role }
      }
    }
  }
`);

export const AccountSearchQuery = graphql(`
  query AccountSearch($search: String!) {
    accounts(filter: { search: $search }, first: 20) {
      totalCount
      nodes { id name taxNumber industry phones { e164 extension } owner { id name } }
    }
    contacts(search: $search, first: 20) {
      totalCount
      nodes { ...ContactFields accountId }
    }
  }
`);

import { graphql } from '../gql';

export const UpdateAccountMutation = graphql(`
  mutation UpdateAccount($input: UpdateAccountInput!) {
    updateAccount(input: $input) { id version name taxNumber industry address website phones { e164 extension } }
  }
`);

export const CreateAccountMutation = graphql(`
  mutation CreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) { id name version }
  }
`);

export const CreateContactMutation = graphql(`
  mutation CreateContact($input: CreateContactInput!) {
    createContact(input: $input) { ...ContactFields }
  }
`);

export const UpdateContactMutation = graphql(`
  mutation UpdateContact($input: UpdateContactInput!) {
    updateContact(input: $input) { ...ContactFields }
  }
`);

export const MergeAccountsMutation = graphql(`
  mutation MergeAccounts($input: MergeInput!) {
    mergeAccounts(input: $input) { id name version }
  }
`);

export const MergeContactsMutation = graphql(`
  mutation MergeContacts($input: MergeInput!) {
    mergeContacts(input: $input) { ...ContactFields }
  }
`);

export const MergeCandidatesQuery = graphql(`
  query MergeCandidates($search: String!) {
    accounts(filter: { search: $search }, first: 10) { nodes { id name taxNumber owner { id name } } }
  }
`);

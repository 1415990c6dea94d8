// What the administrators' screens ask of the gateway: users and roles, appraisal policy versions.
import { graphql } from '../gql';

export const UserFields = graphql(`
  fragment AdminUserFields on User { id name email role team managerId active version }
`);

export const AdminUsersQuery = graphql(`
  query AdminUsers {
    users(activeOnly: false) { ...AdminUserFields }
  }
`);

export const CreateUser = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { ...AdminUserFields }
  }
`);

export const UpdateUser = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) { ...AdminUserFields }
  }
`);

export const DeactivateUser = graphql(`
  mutation DeactivateUser($id: ID!, $expectedVersion: Int!) {
    deactivateUser(id: $id, expectedVersion: $expectedVersion) { ...AdminUserFields }
  }
`);

export const ReactivateUser = graphql(`
  mutation ReactivateUser($id: ID!, $expectedVersion: Int!) {
    reactivateUser(id: $id, expectedVersion: $expectedVersion) { ...AdminUserFields }
  }
`);

export const PolicyFields = graphql(`
  fragment PolicyFields on Policy { version baseReward newCustomerBonus newProductBonus creditRule createdAt createdBy }
`);

export const PoliciesQuery = graphql(`
  query AppraisalPolicies {
    appraisalPolicy { ...PolicyFields }
    appraisalPolicies { ...PolicyFields }
    users(activeOnly: false) { id name }
  }
`);

export const SetAppraisalPolicy = graphql(`
  mutation SetAppraisalPolicy($input: AppraisalPolicyInput!) {
    setAppraisalPolicy(input: $input) { ...PolicyFields }
  }
`);

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

export const PipelineFields = graphql(`
  fragment AdminPipelineFields on Pipeline {
    id name isDefault alertDaysBeforeClose version
    stages { key nameZh nameEn kind position retired probability rottingDays }
    lostReasons { key nameZh nameEn retired }
  }
`);

export const AdminPipelinesQuery = graphql(`
  query AdminPipelines {
    pipelines { ...AdminPipelineFields }
  }
`);

export const CreatePipeline = graphql(`
  mutation CreatePipeline($input: CreatePipelineInput!) {
    createPipeline(input: $input) { ...AdminPipelineFields }
  }
`);

export const UpdatePipeline = graphql(`
  mutation UpdatePipeline($input: UpdatePipelineInput!) {
    updatePipeline(input: $input) { ...AdminPipelineFields }
  }
`);

export const AddStage = graphql(`
  mutation AddStage($input: AddStageInput!) {
    addStage(input: $input) { ...AdminPipelineFields }
  }
`);

export const UpdateStage = graphql(`
  mutation UpdateStage($input: UpdateStageInput!) {
    updateStage(input: $input) { ...AdminPipelineFields }
  }
`);

export const ReorderStages = graphql(`
  mutation ReorderStages($input: ReorderStagesInput!) {
    reorderStages(input: $input) { ...AdminPipelineFields }
  }
`);

export const RetireStage = graphql(`
  mutation RetireStage($input: RetireStageInput!) {
    retireStage(input: $input) { ...AdminPipelineFields }
  }
`);

export const AddLostReason = graphql(`
  mutation AddLostReason($input: AddLostReasonInput!) {
    addLostReason(input: $input) { ...AdminPipelineFields }
  }
`);

export const RetireLostReason = graphql(`
  mutation RetireLostReason($input: RetireLostReasonInput!) {
    retireLostReason(input: $input) { ...AdminPipelineFields }
  }
`);

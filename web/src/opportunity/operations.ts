import { graphql } from '../gql';

export const OpportunityPageQuery = graphql(`
  query OpportunityPage($id: ID!) {
    opportunity(id: $id) {
      ...BoardCard
      isNewCustomer
      products
      lostReason
      lostReasonKey
      accountId
      account { id name taxNumber }
      contacts { contactId role }
      lineItems { ...LineItemFields }
      probability { effective stageDefault overridden override }
      source { id name }
      pipeline { id stages { key nameZh nameEn kind position retired probability } lostReasons { key nameZh nameEn retired } }
      stageHistory { stage { key nameZh nameEn kind } enteredAt leftAt durationSeconds note }
      timeline { at kind by summary activityId dataJson }
      activities { id kind attachmentIds current { text occurredAt details { courier trackingNumber quoteNumber amount currency } } }
      handoverBrief {
        stageName
        daysInStage
        lastContactAt
        lastContactText
        nextStep
        nextStepDue
        missingEvidence
        previousOwnerId
      }
    }
    attachments(opportunityId: $id) { id activityId filename contentType size downloadPath }
  }
`);

export const UpdateAmountMutation = graphql(`
  mutation UpdateAmount($input: UpdateOpportunityInput!) {
    updateOpportunity(input: $input) { id version value { amount currency } }
  }
`);

export const ChangeCloseDateMutation = graphql(`
  mutation ChangeCloseDate($input: ChangeExpectedCloseDateInput!) {
    changeExpectedCloseDate(input: $input) { id version expectedCloseDate overdue }
  }
`);

export const LogActivityMutation = graphql(`
  mutation LogActivity($input: LogActivityInput!) {
    logActivity(input: $input) { id kind }
  }
`);

// Asked apart: an opportunity's account gives the account's own fields only, not its contacts.
export const AccountContactsQuery = graphql(`
  query AccountContacts($accountId: ID!) {
    contacts(accountId: $accountId, first: 100) { nodes { ...ContactFields } }
  }
`);

/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    viewer { userId role team name }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation UpdateAccount($input: UpdateAccountInput!) {\n    updateAccount(input: $input) { id version name taxNumber industry address website phones { e164 extension } }\n  }\n": typeof types.UpdateAccountDocument,
    "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) { id name version }\n  }\n": typeof types.CreateAccountDocument,
    "\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) { ...ContactFields }\n  }\n": typeof types.CreateContactDocument,
    "\n  mutation UpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) { ...ContactFields }\n  }\n": typeof types.UpdateContactDocument,
    "\n  mutation MergeAccounts($input: MergeInput!) {\n    mergeAccounts(input: $input) { id name version }\n  }\n": typeof types.MergeAccountsDocument,
    "\n  mutation MergeContacts($input: MergeInput!) {\n    mergeContacts(input: $input) { ...ContactFields }\n  }\n": typeof types.MergeContactsDocument,
    "\n  query MergeCandidates($search: String!) {\n    accounts(filter: { search: $search }, first: 10) { nodes { id name taxNumber owner { id name } } }\n  }\n": typeof types.MergeCandidatesDocument,
    "\n  fragment ContactFields on Contact {\n    id\n    name\n    title\n    emails\n    phones { e164 extension }\n    notes\n    doNotContact\n    version\n  }\n": typeof types.ContactFieldsFragmentDoc,
    "\n  query AccountPage($id: ID!) {\n    viewer { userId role }\n    account(id: $id) {\n      id\n      version\n      mergedInto\n      name\n      taxNumber\n      industry\n      address\n      website\n      phones { e164 extension }\n      owner { id name }\n      openPipeline { amount currency }\n      wonRevenue { amount currency }\n      contacts {\n        ...ContactFields\n        # Only here: the search and the deal's page need no photo (each one is a lookup).\n        cardPhoto { id filename contentType downloadPath }\n      }\n      opportunities {\n        id\n        title\n        status\n        expectedCloseDate\n        value { amount currency }\n        stage { key nameZh nameEn kind }\n        owner { id name }\n        lostReason\n        contacts { contactId role }\n      }\n    }\n  }\n": typeof types.AccountPageDocument,
    "\n  query AccountSearch($search: String!) {\n    accounts(filter: { search: $search }, first: 20) {\n      totalCount\n      nodes { id name taxNumber industry phones { e164 extension } owner { id name } }\n    }\n    contacts(search: $search, first: 20) {\n      totalCount\n      nodes { ...ContactFields accountId }\n    }\n  }\n": typeof types.AccountSearchDocument,
    "\n  query StageEvidence($pipelineId: ID!, $stageKey: String!) {\n    stageEvidence(pipelineId: $pipelineId, stageKey: $stageKey) { kind anyOf description }\n    sources { id name kind cost { amount currency } }\n  }\n": typeof types.StageEvidenceDocument,
    "\n  mutation SetStageEvidence($input: SetStageEvidenceInput!) {\n    setStageEvidence(input: $input) { kind anyOf description }\n  }\n": typeof types.SetStageEvidenceDocument,
    "\n  fragment AdminUserFields on User { id name email role team managerId active version }\n": typeof types.AdminUserFieldsFragmentDoc,
    "\n  query AdminUsers {\n    users(activeOnly: false) { ...AdminUserFields }\n  }\n": typeof types.AdminUsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { ...AdminUserFields }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { ...AdminUserFields }\n  }\n": typeof types.UpdateUserDocument,
    "\n  mutation DeactivateUser($id: ID!, $expectedVersion: Int!) {\n    deactivateUser(id: $id, expectedVersion: $expectedVersion) { ...AdminUserFields }\n  }\n": typeof types.DeactivateUserDocument,
    "\n  mutation ReactivateUser($id: ID!, $expectedVersion: Int!) {\n    reactivateUser(id: $id, expectedVersion: $expectedVersion) { ...AdminUserFields }\n  }\n": typeof types.ReactivateUserDocument,
    "\n  fragment PolicyFields on Policy { version baseReward newCustomerBonus newProductBonus creditRule createdAt createdBy }\n": typeof types.PolicyFieldsFragmentDoc,
    "\n  query AppraisalPolicies {\n    appraisalPolicy { ...PolicyFields }\n    appraisalPolicies { ...PolicyFields }\n    users(activeOnly: false) { id name }\n  }\n": typeof types.AppraisalPoliciesDocument,
    "\n  mutation SetAppraisalPolicy($input: AppraisalPolicyInput!) {\n    setAppraisalPolicy(input: $input) { ...PolicyFields }\n  }\n": typeof types.SetAppraisalPolicyDocument,
    "\n  fragment AdminPipelineFields on Pipeline {\n    id name isDefault alertDaysBeforeClose version\n    stages { key nameZh nameEn kind position retired probability rottingDays }\n    lostReasons { key nameZh nameEn retired }\n  }\n": typeof types.AdminPipelineFieldsFragmentDoc,
    "\n  query AdminPipelines {\n    pipelines { ...AdminPipelineFields }\n  }\n": typeof types.AdminPipelinesDocument,
    "\n  mutation CreatePipeline($input: CreatePipelineInput!) {\n    createPipeline(input: $input) { ...AdminPipelineFields }\n  }\n": typeof types.CreatePipelineDocument,
    "\n  mutation UpdatePipeline($input: UpdatePipelineInput!) {\n    updatePipeline(input: $input) { ...AdminPipelineFields }\n  }\n": typeof types.UpdatePipelineDocument,
    "\n  mutation AddStage($input: AddStageInput!) {\n    addStage(input: $input) { ...AdminPipelineFields }\n  }\n": typeof types.AddStageDocument,
    "\n  mutation UpdateStage($input: UpdateStageInput!) {\n    updateStage(input: $input) { ...AdminPipelineFields }\n  }\n": typeof types.UpdateStageDocument,
    "\n  mutation ReorderStages($input: ReorderStagesInput!) {\n    reorderStages(input: $input) { ...AdminPipelineFields }\n  }\n": typeof types.ReorderStagesDocument,
    "\n  mutation RetireStage($input: RetireStageInput!) {\n    retireStage(input: $input) { ...AdminPipelineFields }\n  }\n": typeof types.RetireStageDocument,
    "\n  mutation AddLostReason($input: AddLostReasonInput!) {\n    addLostReason(input: $input) { ...AdminPipelineFields }\n  }\n": typeof types.AddLostReasonDocument,
    "\n  mutation RetireLostReason($input: RetireLostReasonInput!) {\n    retireLostReason(input: $input) { ...AdminPipelineFields }\n  }\n": typeof types.RetireLostReasonDocument,
    "\n  fragment BoardCard on Opportunity {\n    id\n    title\n    customerName\n    version\n    ownerId\n    team\n    sourceId\n    status\n    pipelineId\n    value { amount currency }\n    stage { key nameZh nameEn kind }\n    probability { effective }\n    expectedCloseDate\n    overdue\n    rotting\n    owner { id name }\n  }\n": typeof types.BoardCardFragmentDoc,
    "\n  query Pipelines {\n    viewer { userId role team name }\n    pipelines {\n      id\n      name\n      isDefault\n      alertDaysBeforeClose\n      stages { key nameZh nameEn kind position retired probability }\n      lostReasons { key nameZh nameEn retired }\n    }\n  }\n": typeof types.PipelinesDocument,
    "\n  query Board($filter: OpportunityFilter!, $after: String) {\n    opportunities(first: 100, after: $after, filter: $filter, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...BoardCard }\n    }\n  }\n": typeof types.BoardDocument,
    "\n  query BoardFilterOptions {\n    users(activeOnly: true) { id name role team }\n    sources { id name }\n  }\n": typeof types.BoardFilterOptionsDocument,
    "\n  mutation MoveCard($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      ...BoardCard\n      lostReason\n      probability { effective stageDefault overridden }\n    }\n  }\n": typeof types.MoveCardDocument,
    "\n  mutation LogEvidence($input: LogActivityInput!) {\n    logActivity(input: $input) { id opportunityId kind }\n  }\n": typeof types.LogEvidenceDocument,
    "\n  query CurrentVersion($id: ID!) {\n    opportunity(id: $id) { id version stage { key nameZh nameEn kind } status }\n  }\n": typeof types.CurrentVersionDocument,
    "\n  subscription OpportunityChanged {\n    opportunityChanged {\n      eventId\n      type\n      sequence\n      opportunity {\n        id\n        title\n        customerName\n        ownerId\n        team\n        sourceId\n        pipelineId\n        status\n        probability\n        expectedCloseDate\n        version\n        stage { key kind name }\n        value { amount currency }\n        owner { id name }\n      }\n    }\n  }\n": typeof types.OpportunityChangedDocument,
    "\n  fragment PipelineStages on Pipeline {\n    id\n    stages { key nameZh nameEn kind }\n  }\n": typeof types.PipelineStagesFragmentDoc,
    "\n  query Closing($days: Int!) {\n    viewer { userId role }\n    closing: opportunities(first: 50, filter: { closingWithinDays: $days, status: OPEN }, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      nodes { ...BoardCard }\n    }\n    overdue: opportunities(first: 50, filter: { overdue: true, status: OPEN }, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      nodes { ...BoardCard }\n    }\n  }\n": typeof types.ClosingDocument,
    "\n  mutation Reassign($input: AssignOpportunitiesInput!) {\n    assignOpportunities(input: $input) { assignedCount failedCount failures { opportunityId code message } }\n  }\n": typeof types.ReassignDocument,
    "\n  mutation MoveCloseDate($input: ChangeExpectedCloseDateInput!) {\n    changeExpectedCloseDate(input: $input) { id version expectedCloseDate overdue }\n  }\n": typeof types.MoveCloseDateDocument,
    "\n  query ImportLinkNames($accountId: ID!, $contactId: ID!) {\n    account(id: $accountId) { id name }\n    contact(id: $contactId) { id name }\n  }\n": typeof types.ImportLinkNamesDocument,
    "\n  query ImportJob($id: ID!) {\n    importJob(id: $id) {\n      id status filename encoding totalRows validRows toCreate processed created percentDone\n      problems { line field reason }\n      duplicates { line reason opportunityId earlierLine }\n      links { line opportunityId accountId accountMatch contactId contactMatch }\n    }\n  }\n": typeof types.ImportJobDocument,
    "\n  query Inbox {\n    unreadNotificationCount\n    notifications(first: 20) {\n      items { id kind subject body opportunityIds createdAt read late }\n    }\n  }\n": typeof types.InboxDocument,
    "\n  subscription NewNotifications {\n    myNotifications { id kind subject body opportunityIds createdAt read late }\n  }\n": typeof types.NewNotificationsDocument,
    "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) { id read readAt }\n  }\n": typeof types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": typeof types.MarkAllNotificationsReadDocument,
    "\n  fragment LineItemFields on LineItem {\n    productId\n    productCode\n    productName\n    productLine\n    quantity\n    unitPrice { amount currency }\n    discountPercent\n    total { amount currency }\n  }\n": typeof types.LineItemFieldsFragmentDoc,
    "\n  query SellableProducts {\n    products(filter: { active: true }, first: 100) {\n      nodes { id code nameZh nameEn productLine listPrice { amount currency } }\n    }\n  }\n": typeof types.SellableProductsDocument,
    "\n  mutation SetLineItems($input: SetLineItemsInput!) {\n    setLineItems(input: $input) {\n      id\n      version\n      value { amount currency }\n      lineItems { ...LineItemFields }\n    }\n  }\n": typeof types.SetLineItemsDocument,
    "\n  query LinkAccountSearch($search: String!) {\n    accounts(filter: { search: $search }, first: 10) { nodes { id name taxNumber } }\n  }\n": typeof types.LinkAccountSearchDocument,
    "\n  mutation LinkOpportunityAccount($input: LinkOpportunityAccountInput!) {\n    linkOpportunityAccount(input: $input) {\n      id\n      version\n      accountId\n      account { id name taxNumber }\n      contacts { contactId role }\n    }\n  }\n": typeof types.LinkOpportunityAccountDocument,
    "\n  query OpportunityPage($id: ID!) {\n    opportunity(id: $id) {\n      ...BoardCard\n      isNewCustomer\n      products\n      lostReason\n      lostReasonKey\n      accountId\n      account { id name taxNumber }\n      contacts { contactId role }\n      lineItems { ...LineItemFields }\n      probability { effective stageDefault overridden override }\n      source { id name }\n      pipeline { id stages { key nameZh nameEn kind position retired probability } lostReasons { key nameZh nameEn retired } }\n      stageHistory { stage { key nameZh nameEn kind } enteredAt leftAt durationSeconds note }\n      timeline { at kind by summary activityId dataJson }\n      activities { id kind attachmentIds current { text occurredAt details { courier trackingNumber quoteNumber amount currency } } }\n      handoverBrief {\n        stageName\n        daysInStage\n        lastContactAt\n        lastContactText\n        nextStep\n        nextStepDue\n        missingEvidence\n        previousOwnerId\n      }\n    }\n    attachments(opportunityId: $id) { id activityId filename contentType size downloadPath }\n  }\n": typeof types.OpportunityPageDocument,
    "\n  mutation UpdateAmount($input: UpdateOpportunityInput!) {\n    updateOpportunity(input: $input) { id version value { amount currency } }\n  }\n": typeof types.UpdateAmountDocument,
    "\n  mutation ChangeCloseDate($input: ChangeExpectedCloseDateInput!) {\n    changeExpectedCloseDate(input: $input) { id version expectedCloseDate overdue }\n  }\n": typeof types.ChangeCloseDateDocument,
    "\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) { id kind }\n  }\n": typeof types.LogActivityDocument,
    "\n  query AccountContacts($accountId: ID!) {\n    contacts(accountId: $accountId, first: 100) { nodes { ...ContactFields } }\n  }\n": typeof types.AccountContactsDocument,
    "\n  fragment ProductFields on Product {\n    id\n    code\n    nameZh\n    nameEn\n    productLine\n    listPrice { amount currency }\n    launchDate\n    active\n    version\n  }\n": typeof types.ProductFieldsFragmentDoc,
    "\n  query Products($filter: ProductFilter, $after: String) {\n    viewer { userId role }\n    products(filter: $filter, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...ProductFields }\n    }\n  }\n": typeof types.ProductsDocument,
    "\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) { ...ProductFields }\n  }\n": typeof types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: ProductInput!) {\n    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) { ...ProductFields }\n  }\n": typeof types.UpdateProductDocument,
    "\n  query Calibration($filter: ReportFilterInput) {\n    calibration(filter: $filter) {\n      pipelineId\n      pipelineName\n      stages { ...StageCalibrationFields }\n      bySource { sourceId sourceName stages { ...StageCalibrationFields } }\n    }\n  }\n": typeof types.CalibrationDocument,
    "\n  fragment StageCalibrationFields on StageCalibration {\n    stageKey stageName position configuredProbability reachedAndClosed won observedWinRate\n  }\n": typeof types.StageCalibrationFieldsFragmentDoc,
    "\n  query Reports($filter: ReportFilterInput) {\n    repAppraisal(filter: $filter) {\n      policy { version }\n      reps { repId repName owned won lost winRate wonAmount { currency amount } overdue score }\n    }\n    overdueReport(filter: $filter) {\n      repId\n      repName\n      overdueCount\n      overdueAmount { currency amount }\n      closedLate\n      slips\n    }\n    sourceValue(filter: $filter) {\n      bySource {\n        key\n        name\n        opportunities\n        won\n        lost\n        money { currency wonRevenue cost roi costPerWon }\n      }\n    }\n    forecast(filter: $filter) {\n      byTeam { month group groupName currency opportunities amount weighted }\n    }\n    timeInStage(filter: $filter, rottingLimit: 1) {\n      pipelineId\n      pipelineName\n      stages {\n        stageKey\n        stageName\n        position\n        reached\n        conversionFromPrevious\n        rottingCount\n        overall { ...DurationFields }\n        openStays { ...DurationFields }\n      }\n    }\n    lostReasons(filter: $filter) {\n      total\n      reasons { reasonKey nameEn nameZh count }\n      byStage { key name total }\n      byRep { key name total }\n    }\n  }\n": typeof types.ReportsDocument,
    "\n  fragment DurationFields on Durations { count meanSeconds medianSeconds p90Seconds }\n": typeof types.DurationFieldsFragmentDoc,
    "\n  query Team {\n    users(activeOnly: true) { id name email role team version }\n    opportunities(first: 100, filter: { status: OPEN }) {\n      totalCount\n      nodes { id title ownerId customerName value { amount currency } }\n    }\n  }\n": typeof types.TeamDocument,
    "\n  mutation HandOver($input: HandOverOpportunitiesInput!) {\n    handOverOpportunities(input: $input) {\n      deactivated\n      assignment { assignedCount failedCount byRep { userId count opportunityIds } }\n    }\n  }\n": typeof types.HandOverDocument,
    "\n  query HandoverBriefOf($id: ID!) {\n    opportunity(id: $id) {\n      id\n      title\n      owner { id name }\n      handoverBrief { stageName daysInStage lastContactText nextStep missingEvidence attachmentCount }\n    }\n  }\n": typeof types.HandoverBriefOfDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer { userId role team name }\n  }\n": types.ViewerDocument,
    "\n  mutation UpdateAccount($input: UpdateAccountInput!) {\n    updateAccount(input: $input) { id version name taxNumber industry address website phones { e164 extension } }\n  }\n": types.UpdateAccountDocument,
    "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) { id name version }\n  }\n": types.CreateAccountDocument,
    "\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) { ...ContactFields }\n  }\n": types.CreateContactDocument,
    "\n  mutation UpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) { ...ContactFields }\n  }\n": types.UpdateContactDocument,
    "\n  mutation MergeAccounts($input: MergeInput!) {\n    mergeAccounts(input: $input) { id name version }\n  }\n": types.MergeAccountsDocument,
    "\n  mutation MergeContacts($input: MergeInput!) {\n    mergeContacts(input: $input) { ...ContactFields }\n  }\n": types.MergeContactsDocument,
    "\n  query MergeCandidates($search: String!) {\n    accounts(filter: { search: $search }, first: 10) { nodes { id name taxNumber owner { id name } } }\n  }\n": types.MergeCandidatesDocument,
    "\n  fragment ContactFields on Contact {\n    id\n    name\n    title\n    emails\n    phones { e164 extension }\n    notes\n    doNotContact\n    version\n  }\n": types.ContactFieldsFragmentDoc,
    "\n  query AccountPage($id: ID!) {\n    viewer { userId role }\n    account(id: $id) {\n      id\n      version\n      mergedInto\n      name\n      taxNumber\n      industry\n      address\n      website\n      phones { e164 extension }\n      owner { id name }\n      openPipeline { amount currency }\n      wonRevenue { amount currency }\n      contacts {\n        ...ContactFields\n        # Only here: the search and the deal's page need no photo (each one is a lookup).\n        cardPhoto { id filename contentType downloadPath }\n      }\n      opportunities {\n        id\n        title\n        status\n        expectedCloseDate\n        value { amount currency }\n        stage { key nameZh nameEn kind }\n        owner { id name }\n        lostReason\n        contacts { contactId role }\n      }\n    }\n  }\n": types.AccountPageDocument,
    "\n  query AccountSearch($search: String!) {\n    accounts(filter: { search: $search }, first: 20) {\n      totalCount\n      nodes { id name taxNumber industry phones { e164 extension } owner { id name } }\n    }\n    contacts(search: $search, first: 20) {\n      totalCount\n      nodes { ...ContactFields accountId }\n    }\n  }\n": types.AccountSearchDocument,
    "\n  query StageEvidence($pipelineId: ID!, $stageKey: String!) {\n    stageEvidence(pipelineId: $pipelineId, stageKey: $stageKey) { kind anyOf description }\n    sources { id name kind cost { amount currency } }\n  }\n": types.StageEvidenceDocument,
    "\n  mutation SetStageEvidence($input: SetStageEvidenceInput!) {\n    setStageEvidence(input: $input) { kind anyOf description }\n  }\n": types.SetStageEvidenceDocument,
    "\n  fragment AdminUserFields on User { id name email role team managerId active version }\n": types.AdminUserFieldsFragmentDoc,
    "\n  query AdminUsers {\n    users(activeOnly: false) { ...AdminUserFields }\n  }\n": types.AdminUsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { ...AdminUserFields }\n  }\n": types.CreateUserDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { ...AdminUserFields }\n  }\n": types.UpdateUserDocument,
    "\n  mutation DeactivateUser($id: ID!, $expectedVersion: Int!) {\n    deactivateUser(id: $id, expectedVersion: $expectedVersion) { ...AdminUserFields }\n  }\n": types.DeactivateUserDocument,
    "\n  mutation ReactivateUser($id: ID!, $expectedVersion: Int!) {\n    reactivateUser(id: $id, expectedVersion: $expectedVersion) { ...AdminUserFields }\n  }\n": types.ReactivateUserDocument,
    "\n  fragment PolicyFields on Policy { version baseReward newCustomerBonus newProductBonus creditRule createdAt createdBy }\n": types.PolicyFieldsFragmentDoc,
    "\n  query AppraisalPolicies {\n    appraisalPolicy { ...PolicyFields }\n    appraisalPolicies { ...PolicyFields }\n    users(activeOnly: false) { id name }\n  }\n": types.AppraisalPoliciesDocument,
    "\n  mutation SetAppraisalPolicy($input: AppraisalPolicyInput!) {\n    setAppraisalPolicy(input: $input) { ...PolicyFields }\n  }\n": types.SetAppraisalPolicyDocument,
    "\n  fragment AdminPipelineFields on Pipeline {\n    id name isDefault alertDaysBeforeClose version\n    stages { key nameZh nameEn kind position retired probability rottingDays }\n    lostReasons { key nameZh nameEn retired }\n  }\n": types.AdminPipelineFieldsFragmentDoc,
    "\n  query AdminPipelines {\n    pipelines { ...AdminPipelineFields }\n  }\n": types.AdminPipelinesDocument,
    "\n  mutation CreatePipeline($input: CreatePipelineInput!) {\n    createPipeline(input: $input) { ...AdminPipelineFields }\n  }\n": types.CreatePipelineDocument,
    "\n  mutation UpdatePipeline($input: UpdatePipelineInput!) {\n    updatePipeline(input: $input) { ...AdminPipelineFields }\n  }\n": types.UpdatePipelineDocument,
    "\n  mutation AddStage($input: AddStageInput!) {\n    addStage(input: $input) { ...AdminPipelineFields }\n  }\n": types.AddStageDocument,
    "\n  mutation UpdateStage($input: UpdateStageInput!) {\n    updateStage(input: $input) { ...AdminPipelineFields }\n  }\n": types.UpdateStageDocument,
    "\n  mutation ReorderStages($input: ReorderStagesInput!) {\n    reorderStages(input: $input) { ...AdminPipelineFields }\n  }\n": types.ReorderStagesDocument,
    "\n  mutation RetireStage($input: RetireStageInput!) {\n    retireStage(input: $input) { ...AdminPipelineFields }\n  }\n": types.RetireStageDocument,
    "\n  mutation AddLostReason($input: AddLostReasonInput!) {\n    addLostReason(input: $input) { ...AdminPipelineFields }\n  }\n": types.AddLostReasonDocument,
    "\n  mutation RetireLostReason($input: RetireLostReasonInput!) {\n    retireLostReason(input: $input) { ...AdminPipelineFields }\n  }\n": types.RetireLostReasonDocument,
    "\n  fragment BoardCard on Opportunity {\n    id\n    title\n    customerName\n    version\n    ownerId\n    team\n    sourceId\n    status\n    pipelineId\n    value { amount currency }\n    stage { key nameZh nameEn kind }\n    probability { effective }\n    expectedCloseDate\n    overdue\n    rotting\n    owner { id name }\n  }\n": types.BoardCardFragmentDoc,
    "\n  query Pipelines {\n    viewer { userId role team name }\n    pipelines {\n      id\n      name\n      isDefault\n      alertDaysBeforeClose\n      stages { key nameZh nameEn kind position retired probability }\n      lostReasons { key nameZh nameEn retired }\n    }\n  }\n": types.PipelinesDocument,
    "\n  query Board($filter: OpportunityFilter!, $after: String) {\n    opportunities(first: 100, after: $after, filter: $filter, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...BoardCard }\n    }\n  }\n": types.BoardDocument,
    "\n  query BoardFilterOptions {\n    users(activeOnly: true) { id name role team }\n    sources { id name }\n  }\n": types.BoardFilterOptionsDocument,
    "\n  mutation MoveCard($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      ...BoardCard\n      lostReason\n      probability { effective stageDefault overridden }\n    }\n  }\n": types.MoveCardDocument,
    "\n  mutation LogEvidence($input: LogActivityInput!) {\n    logActivity(input: $input) { id opportunityId kind }\n  }\n": types.LogEvidenceDocument,
    "\n  query CurrentVersion($id: ID!) {\n    opportunity(id: $id) { id version stage { key nameZh nameEn kind } status }\n  }\n": types.CurrentVersionDocument,
    "\n  subscription OpportunityChanged {\n    opportunityChanged {\n      eventId\n      type\n      sequence\n      opportunity {\n        id\n        title\n        customerName\n        ownerId\n        team\n        sourceId\n        pipelineId\n        status\n        probability\n        expectedCloseDate\n        version\n        stage { key kind name }\n        value { amount currency }\n        owner { id name }\n      }\n    }\n  }\n": types.OpportunityChangedDocument,
    "\n  fragment PipelineStages on Pipeline {\n    id\n    stages { key nameZh nameEn kind }\n  }\n": types.PipelineStagesFragmentDoc,
    "\n  query Closing($days: Int!) {\n    viewer { userId role }\n    closing: opportunities(first: 50, filter: { closingWithinDays: $days, status: OPEN }, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      nodes { ...BoardCard }\n    }\n    overdue: opportunities(first: 50, filter: { overdue: true, status: OPEN }, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      nodes { ...BoardCard }\n    }\n  }\n": types.ClosingDocument,
    "\n  mutation Reassign($input: AssignOpportunitiesInput!) {\n    assignOpportunities(input: $input) { assignedCount failedCount failures { opportunityId code message } }\n  }\n": types.ReassignDocument,
    "\n  mutation MoveCloseDate($input: ChangeExpectedCloseDateInput!) {\n    changeExpectedCloseDate(input: $input) { id version expectedCloseDate overdue }\n  }\n": types.MoveCloseDateDocument,
    "\n  query ImportLinkNames($accountId: ID!, $contactId: ID!) {\n    account(id: $accountId) { id name }\n    contact(id: $contactId) { id name }\n  }\n": types.ImportLinkNamesDocument,
    "\n  query ImportJob($id: ID!) {\n    importJob(id: $id) {\n      id status filename encoding totalRows validRows toCreate processed created percentDone\n      problems { line field reason }\n      duplicates { line reason opportunityId earlierLine }\n      links { line opportunityId accountId accountMatch contactId contactMatch }\n    }\n  }\n": types.ImportJobDocument,
    "\n  query Inbox {\n    unreadNotificationCount\n    notifications(first: 20) {\n      items { id kind subject body opportunityIds createdAt read late }\n    }\n  }\n": types.InboxDocument,
    "\n  subscription NewNotifications {\n    myNotifications { id kind subject body opportunityIds createdAt read late }\n  }\n": types.NewNotificationsDocument,
    "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) { id read readAt }\n  }\n": types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": types.MarkAllNotificationsReadDocument,
    "\n  fragment LineItemFields on LineItem {\n    productId\n    productCode\n    productName\n    productLine\n    quantity\n    unitPrice { amount currency }\n    discountPercent\n    total { amount currency }\n  }\n": types.LineItemFieldsFragmentDoc,
    "\n  query SellableProducts {\n    products(filter: { active: true }, first: 100) {\n      nodes { id code nameZh nameEn productLine listPrice { amount currency } }\n    }\n  }\n": types.SellableProductsDocument,
    "\n  mutation SetLineItems($input: SetLineItemsInput!) {\n    setLineItems(input: $input) {\n      id\n      version\n      value { amount currency }\n      lineItems { ...LineItemFields }\n    }\n  }\n": types.SetLineItemsDocument,
    "\n  query LinkAccountSearch($search: String!) {\n    accounts(filter: { search: $search }, first: 10) { nodes { id name taxNumber } }\n  }\n": types.LinkAccountSearchDocument,
    "\n  mutation LinkOpportunityAccount($input: LinkOpportunityAccountInput!) {\n    linkOpportunityAccount(input: $input) {\n      id\n      version\n      accountId\n      account { id name taxNumber }\n      contacts { contactId role }\n    }\n  }\n": types.LinkOpportunityAccountDocument,
    "\n  query OpportunityPage($id: ID!) {\n    opportunity(id: $id) {\n      ...BoardCard\n      isNewCustomer\n      products\n      lostReason\n      lostReasonKey\n      accountId\n      account { id name taxNumber }\n      contacts { contactId role }\n      lineItems { ...LineItemFields }\n      probability { effective stageDefault overridden override }\n      source { id name }\n      pipeline { id stages { key nameZh nameEn kind position retired probability } lostReasons { key nameZh nameEn retired } }\n      stageHistory { stage { key nameZh nameEn kind } enteredAt leftAt durationSeconds note }\n      timeline { at kind by summary activityId dataJson }\n      activities { id kind attachmentIds current { text occurredAt details { courier trackingNumber quoteNumber amount currency } } }\n      handoverBrief {\n        stageName\n        daysInStage\n        lastContactAt\n        lastContactText\n        nextStep\n        nextStepDue\n        missingEvidence\n        previousOwnerId\n      }\n    }\n    attachments(opportunityId: $id) { id activityId filename contentType size downloadPath }\n  }\n": types.OpportunityPageDocument,
    "\n  mutation UpdateAmount($input: UpdateOpportunityInput!) {\n    updateOpportunity(input: $input) { id version value { amount currency } }\n  }\n": types.UpdateAmountDocument,
    "\n  mutation ChangeCloseDate($input: ChangeExpectedCloseDateInput!) {\n    changeExpectedCloseDate(input: $input) { id version expectedCloseDate overdue }\n  }\n": types.ChangeCloseDateDocument,
    "\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) { id kind }\n  }\n": types.LogActivityDocument,
    "\n  query AccountContacts($accountId: ID!) {\n    contacts(accountId: $accountId, first: 100) { nodes { ...ContactFields } }\n  }\n": types.AccountContactsDocument,
    "\n  fragment ProductFields on Product {\n    id\n    code\n    nameZh\n    nameEn\n    productLine\n    listPrice { amount currency }\n    launchDate\n    active\n    version\n  }\n": types.ProductFieldsFragmentDoc,
    "\n  query Products($filter: ProductFilter, $after: String) {\n    viewer { userId role }\n    products(filter: $filter, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...ProductFields }\n    }\n  }\n": types.ProductsDocument,
    "\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) { ...ProductFields }\n  }\n": types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: ProductInput!) {\n    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) { ...ProductFields }\n  }\n": types.UpdateProductDocument,
    "\n  query Calibration($filter: ReportFilterInput) {\n    calibration(filter: $filter) {\n      pipelineId\n      pipelineName\n      stages { ...StageCalibrationFields }\n      bySource { sourceId sourceName stages { ...StageCalibrationFields } }\n    }\n  }\n": types.CalibrationDocument,
    "\n  fragment StageCalibrationFields on StageCalibration {\n    stageKey stageName position configuredProbability reachedAndClosed won observedWinRate\n  }\n": types.StageCalibrationFieldsFragmentDoc,
    "\n  query Reports($filter: ReportFilterInput) {\n    repAppraisal(filter: $filter) {\n      policy { version }\n      reps { repId repName owned won lost winRate wonAmount { currency amount } overdue score }\n    }\n    overdueReport(filter: $filter) {\n      repId\n      repName\n      overdueCount\n      overdueAmount { currency amount }\n      closedLate\n      slips\n    }\n    sourceValue(filter: $filter) {\n      bySource {\n        key\n        name\n        opportunities\n        won\n        lost\n        money { currency wonRevenue cost roi costPerWon }\n      }\n    }\n    forecast(filter: $filter) {\n      byTeam { month group groupName currency opportunities amount weighted }\n    }\n    timeInStage(filter: $filter, rottingLimit: 1) {\n      pipelineId\n      pipelineName\n      stages {\n        stageKey\n        stageName\n        position\n        reached\n        conversionFromPrevious\n        rottingCount\n        overall { ...DurationFields }\n        openStays { ...DurationFields }\n      }\n    }\n    lostReasons(filter: $filter) {\n      total\n      reasons { reasonKey nameEn nameZh count }\n      byStage { key name total }\n      byRep { key name total }\n    }\n  }\n": types.ReportsDocument,
    "\n  fragment DurationFields on Durations { count meanSeconds medianSeconds p90Seconds }\n": types.DurationFieldsFragmentDoc,
    "\n  query Team {\n    users(activeOnly: true) { id name email role team version }\n    opportunities(first: 100, filter: { status: OPEN }) {\n      totalCount\n      nodes { id title ownerId customerName value { amount currency } }\n    }\n  }\n": types.TeamDocument,
    "\n  mutation HandOver($input: HandOverOpportunitiesInput!) {\n    handOverOpportunities(input: $input) {\n      deactivated\n      assignment { assignedCount failedCount byRep { userId count opportunityIds } }\n    }\n  }\n": types.HandOverDocument,
    "\n  query HandoverBriefOf($id: ID!) {\n    opportunity(id: $id) {\n      id\n      title\n      owner { id name }\n      handoverBrief { stageName daysInStage lastContactText nextStep missingEvidence attachmentCount }\n    }\n  }\n": types.HandoverBriefOfDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer { userId role team name }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer { userId role team name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAccount($input: UpdateAccountInput!) {\n    updateAccount(input: $input) { id version name taxNumber industry address website phones { e164 extension } }\n  }\n"): (typeof documents)["\n  mutation UpdateAccount($input: UpdateAccountInput!) {\n    updateAccount(input: $input) { id version name taxNumber industry address website phones { e164 extension } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) { id name version }\n  }\n"): (typeof documents)["\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) { id name version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) { ...ContactFields }\n  }\n"): (typeof documents)["\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) { ...ContactFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) { ...ContactFields }\n  }\n"): (typeof documents)["\n  mutation UpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) { ...ContactFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeAccounts($input: MergeInput!) {\n    mergeAccounts(input: $input) { id name version }\n  }\n"): (typeof documents)["\n  mutation MergeAccounts($input: MergeInput!) {\n    mergeAccounts(input: $input) { id name version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeContacts($input: MergeInput!) {\n    mergeContacts(input: $input) { ...ContactFields }\n  }\n"): (typeof documents)["\n  mutation MergeContacts($input: MergeInput!) {\n    mergeContacts(input: $input) { ...ContactFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MergeCandidates($search: String!) {\n    accounts(filter: { search: $search }, first: 10) { nodes { id name taxNumber owner { id name } } }\n  }\n"): (typeof documents)["\n  query MergeCandidates($search: String!) {\n    accounts(filter: { search: $search }, first: 10) { nodes { id name taxNumber owner { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ContactFields on Contact {\n    id\n    name\n    title\n    emails\n    phones { e164 extension }\n    notes\n    doNotContact\n    version\n  }\n"): (typeof documents)["\n  fragment ContactFields on Contact {\n    id\n    name\n    title\n    emails\n    phones { e164 extension }\n    notes\n    doNotContact\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountPage($id: ID!) {\n    viewer { userId role }\n    account(id: $id) {\n      id\n      version\n      mergedInto\n      name\n      taxNumber\n      industry\n      address\n      website\n      phones { e164 extension }\n      owner { id name }\n      openPipeline { amount currency }\n      wonRevenue { amount currency }\n      contacts {\n        ...ContactFields\n        # Only here: the search and the deal's page need no photo (each one is a lookup).\n        cardPhoto { id filename contentType downloadPath }\n      }\n      opportunities {\n        id\n        title\n        status\n        expectedCloseDate\n        value { amount currency }\n        stage { key nameZh nameEn kind }\n        owner { id name }\n        lostReason\n        contacts { contactId role }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountPage($id: ID!) {\n    viewer { userId role }\n    account(id: $id) {\n      id\n      version\n      mergedInto\n      name\n      taxNumber\n      industry\n      address\n      website\n      phones { e164 extension }\n      owner { id name }\n      openPipeline { amount currency }\n      wonRevenue { amount currency }\n      contacts {\n        ...ContactFields\n        # Only here: the search and the deal's page need no photo (each one is a lookup).\n        cardPhoto { id filename contentType downloadPath }\n      }\n      opportunities {\n        id\n        title\n        status\n        expectedCloseDate\n        value { amount currency }\n        stage { key nameZh nameEn kind }\n        owner { id name }\n        lostReason\n        contacts { contactId role }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountSearch($search: String!) {\n    accounts(filter: { search: $search }, first: 20) {\n      totalCount\n      nodes { id name taxNumber industry phones { e164 extension } owner { id name } }\n    }\n    contacts(search: $search, first: 20) {\n      totalCount\n      nodes { ...ContactFields accountId }\n    }\n  }\n"): (typeof documents)["\n  query AccountSearch($search: String!) {\n    accounts(filter: { search: $search }, first: 20) {\n      totalCount\n      nodes { id name taxNumber industry phones { e164 extension } owner { id name } }\n    }\n    contacts(search: $search, first: 20) {\n      totalCount\n      nodes { ...ContactFields accountId }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StageEvidence($pipelineId: ID!, $stageKey: String!) {\n    stageEvidence(pipelineId: $pipelineId, stageKey: $stageKey) { kind anyOf description }\n    sources { id name kind cost { amount currency } }\n  }\n"): (typeof documents)["\n  query StageEvidence($pipelineId: ID!, $stageKey: String!) {\n    stageEvidence(pipelineId: $pipelineId, stageKey: $stageKey) { kind anyOf description }\n    sources { id name kind cost { amount currency } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetStageEvidence($input: SetStageEvidenceInput!) {\n    setStageEvidence(input: $input) { kind anyOf description }\n  }\n"): (typeof documents)["\n  mutation SetStageEvidence($input: SetStageEvidenceInput!) {\n    setStageEvidence(input: $input) { kind anyOf description }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUserFields on User { id name email role team managerId active version }\n"): (typeof documents)["\n  fragment AdminUserFields on User { id name email role team managerId active version }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers {\n    users(activeOnly: false) { ...AdminUserFields }\n  }\n"): (typeof documents)["\n  query AdminUsers {\n    users(activeOnly: false) { ...AdminUserFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { ...AdminUserFields }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { ...AdminUserFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { ...AdminUserFields }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { ...AdminUserFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateUser($id: ID!, $expectedVersion: Int!) {\n    deactivateUser(id: $id, expectedVersion: $expectedVersion) { ...AdminUserFields }\n  }\n"): (typeof documents)["\n  mutation DeactivateUser($id: ID!, $expectedVersion: Int!) {\n    deactivateUser(id: $id, expectedVersion: $expectedVersion) { ...AdminUserFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReactivateUser($id: ID!, $expectedVersion: Int!) {\n    reactivateUser(id: $id, expectedVersion: $expectedVersion) { ...AdminUserFields }\n  }\n"): (typeof documents)["\n  mutation ReactivateUser($id: ID!, $expectedVersion: Int!) {\n    reactivateUser(id: $id, expectedVersion: $expectedVersion) { ...AdminUserFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PolicyFields on Policy { version baseReward newCustomerBonus newProductBonus creditRule createdAt createdBy }\n"): (typeof documents)["\n  fragment PolicyFields on Policy { version baseReward newCustomerBonus newProductBonus creditRule createdAt createdBy }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppraisalPolicies {\n    appraisalPolicy { ...PolicyFields }\n    appraisalPolicies { ...PolicyFields }\n    users(activeOnly: false) { id name }\n  }\n"): (typeof documents)["\n  query AppraisalPolicies {\n    appraisalPolicy { ...PolicyFields }\n    appraisalPolicies { ...PolicyFields }\n    users(activeOnly: false) { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAppraisalPolicy($input: AppraisalPolicyInput!) {\n    setAppraisalPolicy(input: $input) { ...PolicyFields }\n  }\n"): (typeof documents)["\n  mutation SetAppraisalPolicy($input: AppraisalPolicyInput!) {\n    setAppraisalPolicy(input: $input) { ...PolicyFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminPipelineFields on Pipeline {\n    id name isDefault alertDaysBeforeClose version\n    stages { key nameZh nameEn kind position retired probability rottingDays }\n    lostReasons { key nameZh nameEn retired }\n  }\n"): (typeof documents)["\n  fragment AdminPipelineFields on Pipeline {\n    id name isDefault alertDaysBeforeClose version\n    stages { key nameZh nameEn kind position retired probability rottingDays }\n    lostReasons { key nameZh nameEn retired }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPipelines {\n    pipelines { ...AdminPipelineFields }\n  }\n"): (typeof documents)["\n  query AdminPipelines {\n    pipelines { ...AdminPipelineFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePipeline($input: CreatePipelineInput!) {\n    createPipeline(input: $input) { ...AdminPipelineFields }\n  }\n"): (typeof documents)["\n  mutation CreatePipeline($input: CreatePipelineInput!) {\n    createPipeline(input: $input) { ...AdminPipelineFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePipeline($input: UpdatePipelineInput!) {\n    updatePipeline(input: $input) { ...AdminPipelineFields }\n  }\n"): (typeof documents)["\n  mutation UpdatePipeline($input: UpdatePipelineInput!) {\n    updatePipeline(input: $input) { ...AdminPipelineFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddStage($input: AddStageInput!) {\n    addStage(input: $input) { ...AdminPipelineFields }\n  }\n"): (typeof documents)["\n  mutation AddStage($input: AddStageInput!) {\n    addStage(input: $input) { ...AdminPipelineFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateStage($input: UpdateStageInput!) {\n    updateStage(input: $input) { ...AdminPipelineFields }\n  }\n"): (typeof documents)["\n  mutation UpdateStage($input: UpdateStageInput!) {\n    updateStage(input: $input) { ...AdminPipelineFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReorderStages($input: ReorderStagesInput!) {\n    reorderStages(input: $input) { ...AdminPipelineFields }\n  }\n"): (typeof documents)["\n  mutation ReorderStages($input: ReorderStagesInput!) {\n    reorderStages(input: $input) { ...AdminPipelineFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetireStage($input: RetireStageInput!) {\n    retireStage(input: $input) { ...AdminPipelineFields }\n  }\n"): (typeof documents)["\n  mutation RetireStage($input: RetireStageInput!) {\n    retireStage(input: $input) { ...AdminPipelineFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddLostReason($input: AddLostReasonInput!) {\n    addLostReason(input: $input) { ...AdminPipelineFields }\n  }\n"): (typeof documents)["\n  mutation AddLostReason($input: AddLostReasonInput!) {\n    addLostReason(input: $input) { ...AdminPipelineFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetireLostReason($input: RetireLostReasonInput!) {\n    retireLostReason(input: $input) { ...AdminPipelineFields }\n  }\n"): (typeof documents)["\n  mutation RetireLostReason($input: RetireLostReasonInput!) {\n    retireLostReason(input: $input) { ...AdminPipelineFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardCard on Opportunity {\n    id\n    title\n    customerName\n    version\n    ownerId\n    team\n    sourceId\n    status\n    pipelineId\n    value { amount currency }\n    stage { key nameZh nameEn kind }\n    probability { effective }\n    expectedCloseDate\n    overdue\n    rotting\n    owner { id name }\n  }\n"): (typeof documents)["\n  fragment BoardCard on Opportunity {\n    id\n    title\n    customerName\n    version\n    ownerId\n    team\n    sourceId\n    status\n    pipelineId\n    value { amount currency }\n    stage { key nameZh nameEn kind }\n    probability { effective }\n    expectedCloseDate\n    overdue\n    rotting\n    owner { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Pipelines {\n    viewer { userId role team name }\n    pipelines {\n      id\n      name\n      isDefault\n      alertDaysBeforeClose\n      stages { key nameZh nameEn kind position retired probability }\n      lostReasons { key nameZh nameEn retired }\n    }\n  }\n"): (typeof documents)["\n  query Pipelines {\n    viewer { userId role team name }\n    pipelines {\n      id\n      name\n      isDefault\n      alertDaysBeforeClose\n      stages { key nameZh nameEn kind position retired probability }\n      lostReasons { key nameZh nameEn retired }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Board($filter: OpportunityFilter!, $after: String) {\n    opportunities(first: 100, after: $after, filter: $filter, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...BoardCard }\n    }\n  }\n"): (typeof documents)["\n  query Board($filter: OpportunityFilter!, $after: String) {\n    opportunities(first: 100, after: $after, filter: $filter, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...BoardCard }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardFilterOptions {\n    users(activeOnly: true) { id name role team }\n    sources { id name }\n  }\n"): (typeof documents)["\n  query BoardFilterOptions {\n    users(activeOnly: true) { id name role team }\n    sources { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveCard($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      ...BoardCard\n      lostReason\n      probability { effective stageDefault overridden }\n    }\n  }\n"): (typeof documents)["\n  mutation MoveCard($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      ...BoardCard\n      lostReason\n      probability { effective stageDefault overridden }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogEvidence($input: LogActivityInput!) {\n    logActivity(input: $input) { id opportunityId kind }\n  }\n"): (typeof documents)["\n  mutation LogEvidence($input: LogActivityInput!) {\n    logActivity(input: $input) { id opportunityId kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CurrentVersion($id: ID!) {\n    opportunity(id: $id) { id version stage { key nameZh nameEn kind } status }\n  }\n"): (typeof documents)["\n  query CurrentVersion($id: ID!) {\n    opportunity(id: $id) { id version stage { key nameZh nameEn kind } status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OpportunityChanged {\n    opportunityChanged {\n      eventId\n      type\n      sequence\n      opportunity {\n        id\n        title\n        customerName\n        ownerId\n        team\n        sourceId\n        pipelineId\n        status\n        probability\n        expectedCloseDate\n        version\n        stage { key kind name }\n        value { amount currency }\n        owner { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription OpportunityChanged {\n    opportunityChanged {\n      eventId\n      type\n      sequence\n      opportunity {\n        id\n        title\n        customerName\n        ownerId\n        team\n        sourceId\n        pipelineId\n        status\n        probability\n        expectedCloseDate\n        version\n        stage { key kind name }\n        value { amount currency }\n        owner { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PipelineStages on Pipeline {\n    id\n    stages { key nameZh nameEn kind }\n  }\n"): (typeof documents)["\n  fragment PipelineStages on Pipeline {\n    id\n    stages { key nameZh nameEn kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Closing($days: Int!) {\n    viewer { userId role }\n    closing: opportunities(first: 50, filter: { closingWithinDays: $days, status: OPEN }, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      nodes { ...BoardCard }\n    }\n    overdue: opportunities(first: 50, filter: { overdue: true, status: OPEN }, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      nodes { ...BoardCard }\n    }\n  }\n"): (typeof documents)["\n  query Closing($days: Int!) {\n    viewer { userId role }\n    closing: opportunities(first: 50, filter: { closingWithinDays: $days, status: OPEN }, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      nodes { ...BoardCard }\n    }\n    overdue: opportunities(first: 50, filter: { overdue: true, status: OPEN }, orderBy: EXPECTED_CLOSE_DATE_ASC) {\n      nodes { ...BoardCard }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reassign($input: AssignOpportunitiesInput!) {\n    assignOpportunities(input: $input) { assignedCount failedCount failures { opportunityId code message } }\n  }\n"): (typeof documents)["\n  mutation Reassign($input: AssignOpportunitiesInput!) {\n    assignOpportunities(input: $input) { assignedCount failedCount failures { opportunityId code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveCloseDate($input: ChangeExpectedCloseDateInput!) {\n    changeExpectedCloseDate(input: $input) { id version expectedCloseDate overdue }\n  }\n"): (typeof documents)["\n  mutation MoveCloseDate($input: ChangeExpectedCloseDateInput!) {\n    changeExpectedCloseDate(input: $input) { id version expectedCloseDate overdue }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportLinkNames($accountId: ID!, $contactId: ID!) {\n    account(id: $accountId) { id name }\n    contact(id: $contactId) { id name }\n  }\n"): (typeof documents)["\n  query ImportLinkNames($accountId: ID!, $contactId: ID!) {\n    account(id: $accountId) { id name }\n    contact(id: $contactId) { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportJob($id: ID!) {\n    importJob(id: $id) {\n      id status filename encoding totalRows validRows toCreate processed created percentDone\n      problems { line field reason }\n      duplicates { line reason opportunityId earlierLine }\n      links { line opportunityId accountId accountMatch contactId contactMatch }\n    }\n  }\n"): (typeof documents)["\n  query ImportJob($id: ID!) {\n    importJob(id: $id) {\n      id status filename encoding totalRows validRows toCreate processed created percentDone\n      problems { line field reason }\n      duplicates { line reason opportunityId earlierLine }\n      links { line opportunityId accountId accountMatch contactId contactMatch }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Inbox {\n    unreadNotificationCount\n    notifications(first: 20) {\n      items { id kind subject body opportunityIds createdAt read late }\n    }\n  }\n"): (typeof documents)["\n  query Inbox {\n    unreadNotificationCount\n    notifications(first: 20) {\n      items { id kind subject body opportunityIds createdAt read late }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NewNotifications {\n    myNotifications { id kind subject body opportunityIds createdAt read late }\n  }\n"): (typeof documents)["\n  subscription NewNotifications {\n    myNotifications { id kind subject body opportunityIds createdAt read late }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) { id read readAt }\n  }\n"): (typeof documents)["\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) { id read readAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"): (typeof documents)["\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LineItemFields on LineItem {\n    productId\n    productCode\n    productName\n    productLine\n    quantity\n    unitPrice { amount currency }\n    discountPercent\n    total { amount currency }\n  }\n"): (typeof documents)["\n  fragment LineItemFields on LineItem {\n    productId\n    productCode\n    productName\n    productLine\n    quantity\n    unitPrice { amount currency }\n    discountPercent\n    total { amount currency }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SellableProducts {\n    products(filter: { active: true }, first: 100) {\n      nodes { id code nameZh nameEn productLine listPrice { amount currency } }\n    }\n  }\n"): (typeof documents)["\n  query SellableProducts {\n    products(filter: { active: true }, first: 100) {\n      nodes { id code nameZh nameEn productLine listPrice { amount currency } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetLineItems($input: SetLineItemsInput!) {\n    setLineItems(input: $input) {\n      id\n      version\n      value { amount currency }\n      lineItems { ...LineItemFields }\n    }\n  }\n"): (typeof documents)["\n  mutation SetLineItems($input: SetLineItemsInput!) {\n    setLineItems(input: $input) {\n      id\n      version\n      value { amount currency }\n      lineItems { ...LineItemFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LinkAccountSearch($search: String!) {\n    accounts(filter: { search: $search }, first: 10) { nodes { id name taxNumber } }\n  }\n"): (typeof documents)["\n  query LinkAccountSearch($search: String!) {\n    accounts(filter: { search: $search }, first: 10) { nodes { id name taxNumber } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkOpportunityAccount($input: LinkOpportunityAccountInput!) {\n    linkOpportunityAccount(input: $input) {\n      id\n      version\n      accountId\n      account { id name taxNumber }\n      contacts { contactId role }\n    }\n  }\n"): (typeof documents)["\n  mutation LinkOpportunityAccount($input: LinkOpportunityAccountInput!) {\n    linkOpportunityAccount(input: $input) {\n      id\n      version\n      accountId\n      account { id name taxNumber }\n      contacts { contactId role }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpportunityPage($id: ID!) {\n    opportunity(id: $id) {\n      ...BoardCard\n      isNewCustomer\n      products\n      lostReason\n      lostReasonKey\n      accountId\n      account { id name taxNumber }\n      contacts { contactId role }\n      lineItems { ...LineItemFields }\n      probability { effective stageDefault overridden override }\n      source { id name }\n      pipeline { id stages { key nameZh nameEn kind position retired probability } lostReasons { key nameZh nameEn retired } }\n      stageHistory { stage { key nameZh nameEn kind } enteredAt leftAt durationSeconds note }\n      timeline { at kind by summary activityId dataJson }\n      activities { id kind attachmentIds current { text occurredAt details { courier trackingNumber quoteNumber amount currency } } }\n      handoverBrief {\n        stageName\n        daysInStage\n        lastContactAt\n        lastContactText\n        nextStep\n        nextStepDue\n        missingEvidence\n        previousOwnerId\n      }\n    }\n    attachments(opportunityId: $id) { id activityId filename contentType size downloadPath }\n  }\n"): (typeof documents)["\n  query OpportunityPage($id: ID!) {\n    opportunity(id: $id) {\n      ...BoardCard\n      isNewCustomer\n      products\n      lostReason\n      lostReasonKey\n      accountId\n      account { id name taxNumber }\n      contacts { contactId role }\n      lineItems { ...LineItemFields }\n      probability { effective stageDefault overridden override }\n      source { id name }\n      pipeline { id stages { key nameZh nameEn kind position retired probability } lostReasons { key nameZh nameEn retired } }\n      stageHistory { stage { key nameZh nameEn kind } enteredAt leftAt durationSeconds note }\n      timeline { at kind by summary activityId dataJson }\n      activities { id kind attachmentIds current { text occurredAt details { courier trackingNumber quoteNumber amount currency } } }\n      handoverBrief {\n        stageName\n        daysInStage\n        lastContactAt\n        lastContactText\n        nextStep\n        nextStepDue\n        missingEvidence\n        previousOwnerId\n      }\n    }\n    attachments(opportunityId: $id) { id activityId filename contentType size downloadPath }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAmount($input: UpdateOpportunityInput!) {\n    updateOpportunity(input: $input) { id version value { amount currency } }\n  }\n"): (typeof documents)["\n  mutation UpdateAmount($input: UpdateOpportunityInput!) {\n    updateOpportunity(input: $input) { id version value { amount currency } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeCloseDate($input: ChangeExpectedCloseDateInput!) {\n    changeExpectedCloseDate(input: $input) { id version expectedCloseDate overdue }\n  }\n"): (typeof documents)["\n  mutation ChangeCloseDate($input: ChangeExpectedCloseDateInput!) {\n    changeExpectedCloseDate(input: $input) { id version expectedCloseDate overdue }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) { id kind }\n  }\n"): (typeof documents)["\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) { id kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountContacts($accountId: ID!) {\n    contacts(accountId: $accountId, first: 100) { nodes { ...ContactFields } }\n  }\n"): (typeof documents)["\n  query AccountContacts($accountId: ID!) {\n    contacts(accountId: $accountId, first: 100) { nodes { ...ContactFields } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductFields on Product {\n    id\n    code\n    nameZh\n    nameEn\n    productLine\n    listPrice { amount currency }\n    launchDate\n    active\n    version\n  }\n"): (typeof documents)["\n  fragment ProductFields on Product {\n    id\n    code\n    nameZh\n    nameEn\n    productLine\n    listPrice { amount currency }\n    launchDate\n    active\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Products($filter: ProductFilter, $after: String) {\n    viewer { userId role }\n    products(filter: $filter, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...ProductFields }\n    }\n  }\n"): (typeof documents)["\n  query Products($filter: ProductFilter, $after: String) {\n    viewer { userId role }\n    products(filter: $filter, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...ProductFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) { ...ProductFields }\n  }\n"): (typeof documents)["\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) { ...ProductFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: ProductInput!) {\n    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) { ...ProductFields }\n  }\n"): (typeof documents)["\n  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: ProductInput!) {\n    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) { ...ProductFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Calibration($filter: ReportFilterInput) {\n    calibration(filter: $filter) {\n      pipelineId\n      pipelineName\n      stages { ...StageCalibrationFields }\n      bySource { sourceId sourceName stages { ...StageCalibrationFields } }\n    }\n  }\n"): (typeof documents)["\n  query Calibration($filter: ReportFilterInput) {\n    calibration(filter: $filter) {\n      pipelineId\n      pipelineName\n      stages { ...StageCalibrationFields }\n      bySource { sourceId sourceName stages { ...StageCalibrationFields } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StageCalibrationFields on StageCalibration {\n    stageKey stageName position configuredProbability reachedAndClosed won observedWinRate\n  }\n"): (typeof documents)["\n  fragment StageCalibrationFields on StageCalibration {\n    stageKey stageName position configuredProbability reachedAndClosed won observedWinRate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Reports($filter: ReportFilterInput) {\n    repAppraisal(filter: $filter) {\n      policy { version }\n      reps { repId repName owned won lost winRate wonAmount { currency amount } overdue score }\n    }\n    overdueReport(filter: $filter) {\n      repId\n      repName\n      overdueCount\n      overdueAmount { currency amount }\n      closedLate\n      slips\n    }\n    sourceValue(filter: $filter) {\n      bySource {\n        key\n        name\n        opportunities\n        won\n        lost\n        money { currency wonRevenue cost roi costPerWon }\n      }\n    }\n    forecast(filter: $filter) {\n      byTeam { month group groupName currency opportunities amount weighted }\n    }\n    timeInStage(filter: $filter, rottingLimit: 1) {\n      pipelineId\n      pipelineName\n      stages {\n        stageKey\n        stageName\n        position\n        reached\n        conversionFromPrevious\n        rottingCount\n        overall { ...DurationFields }\n        openStays { ...DurationFields }\n      }\n    }\n    lostReasons(filter: $filter) {\n      total\n      reasons { reasonKey nameEn nameZh count }\n      byStage { key name total }\n      byRep { key name total }\n    }\n  }\n"): (typeof documents)["\n  query Reports($filter: ReportFilterInput) {\n    repAppraisal(filter: $filter) {\n      policy { version }\n      reps { repId repName owned won lost winRate wonAmount { currency amount } overdue score }\n    }\n    overdueReport(filter: $filter) {\n      repId\n      repName\n      overdueCount\n      overdueAmount { currency amount }\n      closedLate\n      slips\n    }\n    sourceValue(filter: $filter) {\n      bySource {\n        key\n        name\n        opportunities\n        won\n        lost\n        money { currency wonRevenue cost roi costPerWon }\n      }\n    }\n    forecast(filter: $filter) {\n      byTeam { month group groupName currency opportunities amount weighted }\n    }\n    timeInStage(filter: $filter, rottingLimit: 1) {\n      pipelineId\n      pipelineName\n      stages {\n        stageKey\n        stageName\n        position\n        reached\n        conversionFromPrevious\n        rottingCount\n        overall { ...DurationFields }\n        openStays { ...DurationFields }\n      }\n    }\n    lostReasons(filter: $filter) {\n      total\n      reasons { reasonKey nameEn nameZh count }\n      byStage { key name total }\n      byRep { key name total }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DurationFields on Durations { count meanSeconds medianSeconds p90Seconds }\n"): (typeof documents)["\n  fragment DurationFields on Durations { count meanSeconds medianSeconds p90Seconds }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Team {\n    users(activeOnly: true) { id name email role team version }\n    opportunities(first: 100, filter: { status: OPEN }) {\n      totalCount\n      nodes { id title ownerId customerName value { amount currency } }\n    }\n  }\n"): (typeof documents)["\n  query Team {\n    users(activeOnly: true) { id name email role team version }\n    opportunities(first: 100, filter: { status: OPEN }) {\n      totalCount\n      nodes { id title ownerId customerName value { amount currency } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HandOver($input: HandOverOpportunitiesInput!) {\n    handOverOpportunities(input: $input) {\n      deactivated\n      assignment { assignedCount failedCount byRep { userId count opportunityIds } }\n    }\n  }\n"): (typeof documents)["\n  mutation HandOver($input: HandOverOpportunitiesInput!) {\n    handOverOpportunities(input: $input) {\n      deactivated\n      assignment { assignedCount failedCount byRep { userId count opportunityIds } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HandoverBriefOf($id: ID!) {\n    opportunity(id: $id) {\n      id\n      title\n      owner { id name }\n      handoverBrief { stageName daysInStage lastContactText nextStep missingEvidence attachmentCount }\n    }\n  }\n"): (typeof documents)["\n  query HandoverBriefOf($id: ID!) {\n    opportunity(id: $id) {\n      id\n      title\n      owner { id name }\n      handoverBrief { stageName daysInStage lastContactText nextStep missingEvidence attachmentCount }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
from typing import Any

from .active_users import ActiveUsers
from .activities import Activities
from .add_lost_reason import AddLostReason
from .add_stage import AddStage
from .assign_opportunities import AssignOpportunities
from .assign_opportunity import AssignOpportunity
from .assignment_history import AssignmentHistory
from .attach_files import AttachFiles
from .attachments import Attachments
from .base_model import Upload
from .change_expected_close_date import ChangeExpectedCloseDate
from .choose_locale import ChooseLocale
from .complete_activity import CompleteActivity
from .create_opportunity import CreateOpportunity
from .create_pipeline import CreatePipeline
from .create_source import CreateSource
from .create_user import CreateUser
from .deactivate_user import DeactivateUser
from .distribute_opportunities import DistributeOpportunities
from .hand_over_opportunities import HandOverOpportunities
from .handover_brief import HandoverBrief
from .import_job import ImportJob
from .import_opportunities import ImportOpportunities
from .input_types import (
    AddLostReasonInput,
    AddStageInput,
    AssignOpportunitiesInput,
    AssignOpportunityInput,
    ChangeExpectedCloseDateInput,
    CompleteActivityInput,
    CreateOpportunityInput,
    CreatePipelineInput,
    CreateUserInput,
    DistributeOpportunitiesInput,
    HandOverOpportunitiesInput,
    ImportOpportunitiesInput,
    LogActivityInput,
    MoveOpportunityStageInput,
    ReopenOpportunityInput,
    ReorderStagesInput,
    RetireLostReasonInput,
    RetireStageInput,
    ReviseActivityInput,
    SetLineItemsInput,
    SetProbabilityOverrideInput,
    SetStageEvidenceInput,
    SourceInput,
    UpdateLostReasonInput,
    UpdateOpportunityInput,
    UpdatePipelineInput,
    UpdateStageInput,
    UpdateUserInput,
)
from .log_activity import LogActivity
from .move_opportunity_stage import MoveOpportunityStage
from .opportunity import Opportunity
from .opportunity_history import OpportunityHistory
from .pipelines import Pipelines
from .reactivate_user import ReactivateUser
from .reopen_opportunity import ReopenOpportunity
from .reorder_stages import ReorderStages
from .retire_lost_reason import RetireLostReason
from .retire_stage import RetireStage
from .revise_activity import ReviseActivity
from .service_base_client import ServiceBaseClient
from .set_line_items import SetLineItems
from .set_probability_override import SetProbabilityOverride
from .set_stage_evidence import SetStageEvidence
from .sources import Sources
from .stage_evidence import StageEvidence
from .timeline import Timeline
from .update_lost_reason import UpdateLostReason
from .update_opportunity import UpdateOpportunity
from .update_pipeline import UpdatePipeline
from .update_source import UpdateSource
from .update_stage import UpdateStage
from .update_user import UpdateUser
from .user_state import UserState
from .users import Users


def gql(q: str) -> str:
    return q


class Client(ServiceBaseClient):
    async def opportunity(self, id: str, **kwargs: Any) -> Opportunity:
        query = gql("""
            query Opportunity($id: ID!) {
              result: opportunity(id: $id) {
                ...OpportunityFields
              }
            }

            fragment LineItemFields on LineItem {
              productId
              productCode
              productName
              productLine
              quantity
              unitPrice {
                amount
                currency
              }
              discountPercent
              total {
                amount
                currency
              }
            }

            fragment OpportunityFields on Opportunity {
              id
              title
              customerName
              isNewCustomer
              products
              isNewProduct
              value {
                amount
                currency
              }
              ownerId
              team
              pipelineId
              stage {
                key
                nameZh
                nameEn
                kind
              }
              status
              expectedCloseDate
              difficulty
              sourceId
              lostReason
              lostReasonKey
              createdAt
              updatedAt
              closedAt
              version
              probability {
                effective
                stageDefault
                overridden
                override
              }
              overdue
              timeInCurrentStageSeconds
              rotting
              accountId
              contacts {
                contactId
                role
              }
              lineItems {
                ...LineItemFields
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Opportunity", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Opportunity.model_validate(data)

    async def users(self, **kwargs: Any) -> Users:
        query = gql("""
            query Users {
              result: users {
                ...UserFields
              }
            }

            fragment UserFields on User {
              id
              name
              email
              role
              team
              managerId
              active
              version
              chosenLocale
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="Users", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Users.model_validate(data)

    async def user_state(self, id: str, **kwargs: Any) -> UserState:
        query = gql("""
            query UserState($id: ID!) {
              result: user(id: $id) {
                active
                chosenLocale
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="UserState", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UserState.model_validate(data)

    async def pipelines(self, **kwargs: Any) -> Pipelines:
        query = gql("""
            query Pipelines {
              result: pipelines {
                ...PipelineFields
              }
            }

            fragment PipelineFields on Pipeline {
              id
              name
              alertDaysBeforeClose
              isDefault
              version
              createdAt
              updatedAt
              stages {
                key
                nameZh
                nameEn
                probability
                kind
                position
                rottingDays
                retired
              }
              lostReasons {
                key
                nameZh
                nameEn
                retired
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="Pipelines", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Pipelines.model_validate(data)

    async def sources(self, **kwargs: Any) -> Sources:
        query = gql("""
            query Sources {
              result: sources {
                ...SourceFields
              }
            }

            fragment SourceFields on Source {
              id
              name
              kind
              startsOn
              endsOn
              cost {
                amount
                currency
              }
              costs {
                kind
                amount {
                  amount
                  currency
                }
                startsOn
                endsOn
              }
              version
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="Sources", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Sources.model_validate(data)

    async def assignment_history(self, id: str, **kwargs: Any) -> AssignmentHistory:
        query = gql("""
            query AssignmentHistory($id: ID!) {
              result: assignmentHistory(opportunityId: $id) {
                ...AssignmentEntryFields
              }
            }

            fragment AssignmentEntryFields on AssignmentEntry {
              fromOwnerId
              toOwnerId
              by
              at
              reason
              note
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query,
            operation_name="AssignmentHistory",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return AssignmentHistory.model_validate(data)

    async def activities(self, id: str, **kwargs: Any) -> Activities:
        query = gql("""
            query Activities($id: ID!) {
              result: activities(opportunityId: $id) {
                ...ActivityFields
              }
            }

            fragment ActivityFields on Activity {
              id
              opportunityId
              kind
              current {
                number
                text
                occurredAt
                stageKey
                details {
                  courier
                  trackingNumber
                  items
                  amount
                  currency
                  validUntil
                  quoteNumber
                  phone
                  durationMinutes
                  direction
                  location
                  attendees
                  subject
                  to
                  label
                  nextStep
                  nextStepDue
                }
                recordedAt
                recordedBy
                reason
                completedAt
              }
              revisions {
                number
                text
                occurredAt
                stageKey
                details {
                  courier
                  trackingNumber
                  items
                  amount
                  currency
                  validUntil
                  quoteNumber
                  phone
                  durationMinutes
                  direction
                  location
                  attendees
                  subject
                  to
                  label
                  nextStep
                  nextStepDue
                }
                recordedAt
                recordedBy
                reason
                completedAt
              }
              attachmentIds
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Activities", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Activities.model_validate(data)

    async def attachments(self, id: str, **kwargs: Any) -> Attachments:
        query = gql("""
            query Attachments($id: ID!) {
              result: attachments(opportunityId: $id) {
                ...AttachmentFields
              }
            }

            fragment AttachmentFields on Attachment {
              id
              activityId
              filename
              contentType
              size
              sha256
              uploadedAt
              uploadedBy
              downloadPath
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Attachments", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Attachments.model_validate(data)

    async def stage_evidence(
        self, pipelineId: str, stageKey: str, **kwargs: Any
    ) -> StageEvidence:
        query = gql("""
            query StageEvidence($pipelineId: ID!, $stageKey: String!) {
              result: stageEvidence(pipelineId: $pipelineId, stageKey: $stageKey) {
                ...EvidenceRequirementFields
              }
            }

            fragment EvidenceRequirementFields on EvidenceRequirementType {
              kind
              anyOf
              description
            }
            """)
        variables: dict[str, object] = {"pipelineId": pipelineId, "stageKey": stageKey}
        response = await self.execute(
            query=query, operation_name="StageEvidence", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StageEvidence.model_validate(data)

    async def import_job(self, id: str, **kwargs: Any) -> ImportJob:
        query = gql("""
            query ImportJob($id: ID!) {
              result: importJob(id: $id) {
                ...ImportJobFields
              }
            }

            fragment ImportJobFields on ImportJob {
              id
              status
              filename
              encoding
              mode
              totalRows
              validRows
              toCreate
              processed
              created
              percentDone
              problems {
                line
                field
                reason
              }
              duplicates {
                line
                reason
                opportunityId
                earlierLine
              }
              createdAt
              startedAt
              finishedAt
              error
              links {
                line
                opportunityId
                accountId
                accountMatch
                contactId
                contactMatch
              }
              columns {
                position
                header
                field
                matchedBy
                samples
              }
              warnings
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="ImportJob", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ImportJob.model_validate(data)

    async def create_opportunity(
        self, input: CreateOpportunityInput, **kwargs: Any
    ) -> CreateOpportunity:
        query = gql("""
            mutation CreateOpportunity($input: CreateOpportunityInput!) {
              result: createOpportunity(input: $input) {
                ...OpportunityFields
              }
            }

            fragment LineItemFields on LineItem {
              productId
              productCode
              productName
              productLine
              quantity
              unitPrice {
                amount
                currency
              }
              discountPercent
              total {
                amount
                currency
              }
            }

            fragment OpportunityFields on Opportunity {
              id
              title
              customerName
              isNewCustomer
              products
              isNewProduct
              value {
                amount
                currency
              }
              ownerId
              team
              pipelineId
              stage {
                key
                nameZh
                nameEn
                kind
              }
              status
              expectedCloseDate
              difficulty
              sourceId
              lostReason
              lostReasonKey
              createdAt
              updatedAt
              closedAt
              version
              probability {
                effective
                stageDefault
                overridden
                override
              }
              overdue
              timeInCurrentStageSeconds
              rotting
              accountId
              contacts {
                contactId
                role
              }
              lineItems {
                ...LineItemFields
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="CreateOpportunity",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CreateOpportunity.model_validate(data)

    async def update_opportunity(
        self, input: UpdateOpportunityInput, **kwargs: Any
    ) -> UpdateOpportunity:
        query = gql("""
            mutation UpdateOpportunity($input: UpdateOpportunityInput!) {
              result: updateOpportunity(input: $input) {
                ...OpportunityFields
              }
            }

            fragment LineItemFields on LineItem {
              productId
              productCode
              productName
              productLine
              quantity
              unitPrice {
                amount
                currency
              }
              discountPercent
              total {
                amount
                currency
              }
            }

            fragment OpportunityFields on Opportunity {
              id
              title
              customerName
              isNewCustomer
              products
              isNewProduct
              value {
                amount
                currency
              }
              ownerId
              team
              pipelineId
              stage {
                key
                nameZh
                nameEn
                kind
              }
              status
              expectedCloseDate
              difficulty
              sourceId
              lostReason
              lostReasonKey
              createdAt
              updatedAt
              closedAt
              version
              probability {
                effective
                stageDefault
                overridden
                override
              }
              overdue
              timeInCurrentStageSeconds
              rotting
              accountId
              contacts {
                contactId
                role
              }
              lineItems {
                ...LineItemFields
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="UpdateOpportunity",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return UpdateOpportunity.model_validate(data)

    async def move_opportunity_stage(
        self, input: MoveOpportunityStageInput, **kwargs: Any
    ) -> MoveOpportunityStage:
        query = gql("""
            mutation MoveOpportunityStage($input: MoveOpportunityStageInput!) {
              result: moveOpportunityStage(input: $input) {
                ...OpportunityFields
              }
            }

            fragment LineItemFields on LineItem {
              productId
              productCode
              productName
              productLine
              quantity
              unitPrice {
                amount
                currency
              }
              discountPercent
              total {
                amount
                currency
              }
            }

            fragment OpportunityFields on Opportunity {
              id
              title
              customerName
              isNewCustomer
              products
              isNewProduct
              value {
                amount
                currency
              }
              ownerId
              team
              pipelineId
              stage {
                key
                nameZh
                nameEn
                kind
              }
              status
              expectedCloseDate
              difficulty
              sourceId
              lostReason
              lostReasonKey
              createdAt
              updatedAt
              closedAt
              version
              probability {
                effective
                stageDefault
                overridden
                override
              }
              overdue
              timeInCurrentStageSeconds
              rotting
              accountId
              contacts {
                contactId
                role
              }
              lineItems {
                ...LineItemFields
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="MoveOpportunityStage",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return MoveOpportunityStage.model_validate(data)

    async def reopen_opportunity(
        self, input: ReopenOpportunityInput, **kwargs: Any
    ) -> ReopenOpportunity:
        query = gql("""
            mutation ReopenOpportunity($input: ReopenOpportunityInput!) {
              result: reopenOpportunity(input: $input) {
                ...OpportunityFields
              }
            }

            fragment LineItemFields on LineItem {
              productId
              productCode
              productName
              productLine
              quantity
              unitPrice {
                amount
                currency
              }
              discountPercent
              total {
                amount
                currency
              }
            }

            fragment OpportunityFields on Opportunity {
              id
              title
              customerName
              isNewCustomer
              products
              isNewProduct
              value {
                amount
                currency
              }
              ownerId
              team
              pipelineId
              stage {
                key
                nameZh
                nameEn
                kind
              }
              status
              expectedCloseDate
              difficulty
              sourceId
              lostReason
              lostReasonKey
              createdAt
              updatedAt
              closedAt
              version
              probability {
                effective
                stageDefault
                overridden
                override
              }
              overdue
              timeInCurrentStageSeconds
              rotting
              accountId
              contacts {
                contactId
                role
              }
              lineItems {
                ...LineItemFields
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="ReopenOpportunity",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ReopenOpportunity.model_validate(data)

    async def change_expected_close_date(
        self, input: ChangeExpectedCloseDateInput, **kwargs: Any
    ) -> ChangeExpectedCloseDate:
        query = gql("""
            mutation ChangeExpectedCloseDate($input: ChangeExpectedCloseDateInput!) {
              result: changeExpectedCloseDate(input: $input) {
                ...OpportunityFields
              }
            }

            fragment LineItemFields on LineItem {
              productId
              productCode
              productName
              productLine
              quantity
              unitPrice {
                amount
                currency
              }
              discountPercent
              total {
                amount
                currency
              }
            }

            fragment OpportunityFields on Opportunity {
              id
              title
              customerName
              isNewCustomer
              products
              isNewProduct
              value {
                amount
                currency
              }
              ownerId
              team
              pipelineId
              stage {
                key
                nameZh
                nameEn
                kind
              }
              status
              expectedCloseDate
              difficulty
              sourceId
              lostReason
              lostReasonKey
              createdAt
              updatedAt
              closedAt
              version
              probability {
                effective
                stageDefault
                overridden
                override
              }
              overdue
              timeInCurrentStageSeconds
              rotting
              accountId
              contacts {
                contactId
                role
              }
              lineItems {
                ...LineItemFields
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="ChangeExpectedCloseDate",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ChangeExpectedCloseDate.model_validate(data)

    async def set_probability_override(
        self, input: SetProbabilityOverrideInput, **kwargs: Any
    ) -> SetProbabilityOverride:
        query = gql("""
            mutation SetProbabilityOverride($input: SetProbabilityOverrideInput!) {
              result: setProbabilityOverride(input: $input) {
                ...OpportunityFields
              }
            }

            fragment LineItemFields on LineItem {
              productId
              productCode
              productName
              productLine
              quantity
              unitPrice {
                amount
                currency
              }
              discountPercent
              total {
                amount
                currency
              }
            }

            fragment OpportunityFields on Opportunity {
              id
              title
              customerName
              isNewCustomer
              products
              isNewProduct
              value {
                amount
                currency
              }
              ownerId
              team
              pipelineId
              stage {
                key
                nameZh
                nameEn
                kind
              }
              status
              expectedCloseDate
              difficulty
              sourceId
              lostReason
              lostReasonKey
              createdAt
              updatedAt
              closedAt
              version
              probability {
                effective
                stageDefault
                overridden
                override
              }
              overdue
              timeInCurrentStageSeconds
              rotting
              accountId
              contacts {
                contactId
                role
              }
              lineItems {
                ...LineItemFields
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="SetProbabilityOverride",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return SetProbabilityOverride.model_validate(data)

    async def assign_opportunity(
        self, input: AssignOpportunityInput, **kwargs: Any
    ) -> AssignOpportunity:
        query = gql("""
            mutation AssignOpportunity($input: AssignOpportunityInput!) {
              result: assignOpportunity(input: $input) {
                ...OpportunityFields
              }
            }

            fragment LineItemFields on LineItem {
              productId
              productCode
              productName
              productLine
              quantity
              unitPrice {
                amount
                currency
              }
              discountPercent
              total {
                amount
                currency
              }
            }

            fragment OpportunityFields on Opportunity {
              id
              title
              customerName
              isNewCustomer
              products
              isNewProduct
              value {
                amount
                currency
              }
              ownerId
              team
              pipelineId
              stage {
                key
                nameZh
                nameEn
                kind
              }
              status
              expectedCloseDate
              difficulty
              sourceId
              lostReason
              lostReasonKey
              createdAt
              updatedAt
              closedAt
              version
              probability {
                effective
                stageDefault
                overridden
                override
              }
              overdue
              timeInCurrentStageSeconds
              rotting
              accountId
              contacts {
                contactId
                role
              }
              lineItems {
                ...LineItemFields
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="AssignOpportunity",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return AssignOpportunity.model_validate(data)

    async def set_line_items(
        self, input: SetLineItemsInput, **kwargs: Any
    ) -> SetLineItems:
        query = gql("""
            mutation SetLineItems($input: SetLineItemsInput!) {
              result: setLineItems(input: $input) {
                ...OpportunityFields
              }
            }

            fragment LineItemFields on LineItem {
              productId
              productCode
              productName
              productLine
              quantity
              unitPrice {
                amount
                currency
              }
              discountPercent
              total {
                amount
                currency
              }
            }

            fragment OpportunityFields on Opportunity {
              id
              title
              customerName
              isNewCustomer
              products
              isNewProduct
              value {
                amount
                currency
              }
              ownerId
              team
              pipelineId
              stage {
                key
                nameZh
                nameEn
                kind
              }
              status
              expectedCloseDate
              difficulty
              sourceId
              lostReason
              lostReasonKey
              createdAt
              updatedAt
              closedAt
              version
              probability {
                effective
                stageDefault
                overridden
                override
              }
              overdue
              timeInCurrentStageSeconds
              rotting
              accountId
              contacts {
                contactId
                role
              }
              lineItems {
                ...LineItemFields
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="SetLineItems", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SetLineItems.model_validate(data)

    async def create_pipeline(
        self, input: CreatePipelineInput, **kwargs: Any
    ) -> CreatePipeline:
        query = gql("""
            mutation CreatePipeline($input: CreatePipelineInput!) {
              result: createPipeline(input: $input) {
                ...PipelineFields
              }
            }

            fragment PipelineFields on Pipeline {
              id
              name
              alertDaysBeforeClose
              isDefault
              version
              createdAt
              updatedAt
              stages {
                key
                nameZh
                nameEn
                probability
                kind
                position
                rottingDays
                retired
              }
              lostReasons {
                key
                nameZh
                nameEn
                retired
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="CreatePipeline", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreatePipeline.model_validate(data)

    async def add_stage(self, input: AddStageInput, **kwargs: Any) -> AddStage:
        query = gql("""
            mutation AddStage($input: AddStageInput!) {
              result: addStage(input: $input) {
                ...PipelineFields
              }
            }

            fragment PipelineFields on Pipeline {
              id
              name
              alertDaysBeforeClose
              isDefault
              version
              createdAt
              updatedAt
              stages {
                key
                nameZh
                nameEn
                probability
                kind
                position
                rottingDays
                retired
              }
              lostReasons {
                key
                nameZh
                nameEn
                retired
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="AddStage", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return AddStage.model_validate(data)

    async def update_stage(self, input: UpdateStageInput, **kwargs: Any) -> UpdateStage:
        query = gql("""
            mutation UpdateStage($input: UpdateStageInput!) {
              result: updateStage(input: $input) {
                ...PipelineFields
              }
            }

            fragment PipelineFields on Pipeline {
              id
              name
              alertDaysBeforeClose
              isDefault
              version
              createdAt
              updatedAt
              stages {
                key
                nameZh
                nameEn
                probability
                kind
                position
                rottingDays
                retired
              }
              lostReasons {
                key
                nameZh
                nameEn
                retired
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="UpdateStage", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UpdateStage.model_validate(data)

    async def reorder_stages(
        self, input: ReorderStagesInput, **kwargs: Any
    ) -> ReorderStages:
        query = gql("""
            mutation ReorderStages($input: ReorderStagesInput!) {
              result: reorderStages(input: $input) {
                ...PipelineFields
              }
            }

            fragment PipelineFields on Pipeline {
              id
              name
              alertDaysBeforeClose
              isDefault
              version
              createdAt
              updatedAt
              stages {
                key
                nameZh
                nameEn
                probability
                kind
                position
                rottingDays
                retired
              }
              lostReasons {
                key
                nameZh
                nameEn
                retired
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="ReorderStages", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ReorderStages.model_validate(data)

    async def retire_stage(self, input: RetireStageInput, **kwargs: Any) -> RetireStage:
        query = gql("""
            mutation RetireStage($input: RetireStageInput!) {
              result: retireStage(input: $input) {
                ...PipelineFields
              }
            }

            fragment PipelineFields on Pipeline {
              id
              name
              alertDaysBeforeClose
              isDefault
              version
              createdAt
              updatedAt
              stages {
                key
                nameZh
                nameEn
                probability
                kind
                position
                rottingDays
                retired
              }
              lostReasons {
                key
                nameZh
                nameEn
                retired
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="RetireStage", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return RetireStage.model_validate(data)

    async def update_pipeline(
        self, input: UpdatePipelineInput, **kwargs: Any
    ) -> UpdatePipeline:
        query = gql("""
            mutation UpdatePipeline($input: UpdatePipelineInput!) {
              result: updatePipeline(input: $input) {
                ...PipelineFields
              }
            }

            fragment PipelineFields on Pipeline {
              id
              name
              alertDaysBeforeClose
              isDefault
              version
              createdAt
              updatedAt
              stages {
                key
                nameZh
                nameEn
                probability
                kind
                position
                rottingDays
                retired
              }
              lostReasons {
                key
                nameZh
                nameEn
                retired
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="UpdatePipeline", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UpdatePipeline.model_validate(data)

    async def add_lost_reason(
        self, input: AddLostReasonInput, **kwargs: Any
    ) -> AddLostReason:
        query = gql("""
            mutation AddLostReason($input: AddLostReasonInput!) {
              result: addLostReason(input: $input) {
                ...PipelineFields
              }
            }

            fragment PipelineFields on Pipeline {
              id
              name
              alertDaysBeforeClose
              isDefault
              version
              createdAt
              updatedAt
              stages {
                key
                nameZh
                nameEn
                probability
                kind
                position
                rottingDays
                retired
              }
              lostReasons {
                key
                nameZh
                nameEn
                retired
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="AddLostReason", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return AddLostReason.model_validate(data)

    async def update_lost_reason(
        self, input: UpdateLostReasonInput, **kwargs: Any
    ) -> UpdateLostReason:
        query = gql("""
            mutation UpdateLostReason($input: UpdateLostReasonInput!) {
              result: updateLostReason(input: $input) {
                ...PipelineFields
              }
            }

            fragment PipelineFields on Pipeline {
              id
              name
              alertDaysBeforeClose
              isDefault
              version
              createdAt
              updatedAt
              stages {
                key
                nameZh
                nameEn
                probability
                kind
                position
                rottingDays
                retired
              }
              lostReasons {
                key
                nameZh
                nameEn
                retired
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="UpdateLostReason",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return UpdateLostReason.model_validate(data)

    async def retire_lost_reason(
        self, input: RetireLostReasonInput, **kwargs: Any
    ) -> RetireLostReason:
        query = gql("""
            mutation RetireLostReason($input: RetireLostReasonInput!) {
              result: retireLostReason(input: $input) {
                ...PipelineFields
              }
            }

            fragment PipelineFields on Pipeline {
              id
              name
              alertDaysBeforeClose
              isDefault
              version
              createdAt
              updatedAt
              stages {
                key
                nameZh
                nameEn
                probability
                kind
                position
                rottingDays
                retired
              }
              lostReasons {
                key
                nameZh
                nameEn
                retired
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="RetireLostReason",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return RetireLostReason.model_validate(data)

    async def create_user(self, input: CreateUserInput, **kwargs: Any) -> CreateUser:
        query = gql("""
            mutation CreateUser($input: CreateUserInput!) {
              result: createUser(input: $input) {
                ...UserFields
              }
            }

            fragment UserFields on User {
              id
              name
              email
              role
              team
              managerId
              active
              version
              chosenLocale
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="CreateUser", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreateUser.model_validate(data)

    async def update_user(self, input: UpdateUserInput, **kwargs: Any) -> UpdateUser:
        query = gql("""
            mutation UpdateUser($input: UpdateUserInput!) {
              result: updateUser(input: $input) {
                ...UserFields
              }
            }

            fragment UserFields on User {
              id
              name
              email
              role
              team
              managerId
              active
              version
              chosenLocale
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="UpdateUser", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UpdateUser.model_validate(data)

    async def assign_opportunities(
        self, input: AssignOpportunitiesInput, **kwargs: Any
    ) -> AssignOpportunities:
        query = gql("""
            mutation AssignOpportunities($input: AssignOpportunitiesInput!) {
              result: assignOpportunities(input: $input) {
                ...AssignmentResultFields
              }
            }

            fragment AssignmentResultFields on AssignmentResult {
              assigned {
                opportunityId
                ownerId
                version
                changed
              }
              failures {
                opportunityId
                code
                message
              }
              byRep {
                userId
                count
                opportunityIds
              }
              assignedCount
              failedCount
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="AssignOpportunities",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return AssignOpportunities.model_validate(data)

    async def distribute_opportunities(
        self, input: DistributeOpportunitiesInput, **kwargs: Any
    ) -> DistributeOpportunities:
        query = gql("""
            mutation DistributeOpportunities($input: DistributeOpportunitiesInput!) {
              result: distributeOpportunities(input: $input) {
                ...AssignmentResultFields
              }
            }

            fragment AssignmentResultFields on AssignmentResult {
              assigned {
                opportunityId
                ownerId
                version
                changed
              }
              failures {
                opportunityId
                code
                message
              }
              byRep {
                userId
                count
                opportunityIds
              }
              assignedCount
              failedCount
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="DistributeOpportunities",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return DistributeOpportunities.model_validate(data)

    async def hand_over_opportunities(
        self, input: HandOverOpportunitiesInput, **kwargs: Any
    ) -> HandOverOpportunities:
        query = gql("""
            mutation HandOverOpportunities($input: HandOverOpportunitiesInput!) {
              result: handOverOpportunities(input: $input) {
                assignment {
                  ...AssignmentResultFields
                }
                deactivated
              }
            }

            fragment AssignmentResultFields on AssignmentResult {
              assigned {
                opportunityId
                ownerId
                version
                changed
              }
              failures {
                opportunityId
                code
                message
              }
              byRep {
                userId
                count
                opportunityIds
              }
              assignedCount
              failedCount
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="HandOverOpportunities",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return HandOverOpportunities.model_validate(data)

    async def log_activity(self, input: LogActivityInput, **kwargs: Any) -> LogActivity:
        query = gql("""
            mutation LogActivity($input: LogActivityInput!) {
              result: logActivity(input: $input) {
                ...ActivityFields
              }
            }

            fragment ActivityFields on Activity {
              id
              opportunityId
              kind
              current {
                number
                text
                occurredAt
                stageKey
                details {
                  courier
                  trackingNumber
                  items
                  amount
                  currency
                  validUntil
                  quoteNumber
                  phone
                  durationMinutes
                  direction
                  location
                  attendees
                  subject
                  to
                  label
                  nextStep
                  nextStepDue
                }
                recordedAt
                recordedBy
                reason
                completedAt
              }
              revisions {
                number
                text
                occurredAt
                stageKey
                details {
                  courier
                  trackingNumber
                  items
                  amount
                  currency
                  validUntil
                  quoteNumber
                  phone
                  durationMinutes
                  direction
                  location
                  attendees
                  subject
                  to
                  label
                  nextStep
                  nextStepDue
                }
                recordedAt
                recordedBy
                reason
                completedAt
              }
              attachmentIds
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="LogActivity", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return LogActivity.model_validate(data)

    async def revise_activity(
        self, input: ReviseActivityInput, **kwargs: Any
    ) -> ReviseActivity:
        query = gql("""
            mutation ReviseActivity($input: ReviseActivityInput!) {
              result: reviseActivity(input: $input) {
                ...ActivityFields
              }
            }

            fragment ActivityFields on Activity {
              id
              opportunityId
              kind
              current {
                number
                text
                occurredAt
                stageKey
                details {
                  courier
                  trackingNumber
                  items
                  amount
                  currency
                  validUntil
                  quoteNumber
                  phone
                  durationMinutes
                  direction
                  location
                  attendees
                  subject
                  to
                  label
                  nextStep
                  nextStepDue
                }
                recordedAt
                recordedBy
                reason
                completedAt
              }
              revisions {
                number
                text
                occurredAt
                stageKey
                details {
                  courier
                  trackingNumber
                  items
                  amount
                  currency
                  validUntil
                  quoteNumber
                  phone
                  durationMinutes
                  direction
                  location
                  attendees
                  subject
                  to
                  label
                  nextStep
                  nextStepDue
                }
                recordedAt
                recordedBy
                reason
                completedAt
              }
              attachmentIds
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="ReviseActivity", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ReviseActivity.model_validate(data)

    async def complete_activity(
        self, input: CompleteActivityInput, **kwargs: Any
    ) -> CompleteActivity:
        query = gql("""
            mutation CompleteActivity($input: CompleteActivityInput!) {
              result: completeActivity(input: $input) {
                ...ActivityFields
              }
            }

            fragment ActivityFields on Activity {
              id
              opportunityId
              kind
              current {
                number
                text
                occurredAt
                stageKey
                details {
                  courier
                  trackingNumber
                  items
                  amount
                  currency
                  validUntil
                  quoteNumber
                  phone
                  durationMinutes
                  direction
                  location
                  attendees
                  subject
                  to
                  label
                  nextStep
                  nextStepDue
                }
                recordedAt
                recordedBy
                reason
                completedAt
              }
              revisions {
                number
                text
                occurredAt
                stageKey
                details {
                  courier
                  trackingNumber
                  items
                  amount
                  currency
                  validUntil
                  quoteNumber
                  phone
                  durationMinutes
                  direction
                  location
                  attendees
                  subject
                  to
                  label
                  nextStep
                  nextStepDue
                }
                recordedAt
                recordedBy
                reason
                completedAt
              }
              attachmentIds
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="CompleteActivity",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CompleteActivity.model_validate(data)

    async def set_stage_evidence(
        self, input: SetStageEvidenceInput, **kwargs: Any
    ) -> SetStageEvidence:
        query = gql("""
            mutation SetStageEvidence($input: SetStageEvidenceInput!) {
              result: setStageEvidence(input: $input) {
                ...EvidenceRequirementFields
              }
            }

            fragment EvidenceRequirementFields on EvidenceRequirementType {
              kind
              anyOf
              description
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="SetStageEvidence",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return SetStageEvidence.model_validate(data)

    async def choose_locale(self, locale: str, **kwargs: Any) -> ChooseLocale:
        query = gql("""
            mutation ChooseLocale($locale: String!) {
              result: chooseLocale(locale: $locale) {
                ...UserFields
              }
            }

            fragment UserFields on User {
              id
              name
              email
              role
              team
              managerId
              active
              version
              chosenLocale
            }
            """)
        variables: dict[str, object] = {"locale": locale}
        response = await self.execute(
            query=query, operation_name="ChooseLocale", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ChooseLocale.model_validate(data)

    async def deactivate_user(
        self, id: str, expectedVersion: int, **kwargs: Any
    ) -> DeactivateUser:
        query = gql("""
            mutation DeactivateUser($id: ID!, $expectedVersion: Int!) {
              result: deactivateUser(id: $id, expectedVersion: $expectedVersion) {
                ...UserFields
              }
            }

            fragment UserFields on User {
              id
              name
              email
              role
              team
              managerId
              active
              version
              chosenLocale
            }
            """)
        variables: dict[str, object] = {"id": id, "expectedVersion": expectedVersion}
        response = await self.execute(
            query=query, operation_name="DeactivateUser", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DeactivateUser.model_validate(data)

    async def reactivate_user(
        self, id: str, expectedVersion: int, **kwargs: Any
    ) -> ReactivateUser:
        query = gql("""
            mutation ReactivateUser($id: ID!, $expectedVersion: Int!) {
              result: reactivateUser(id: $id, expectedVersion: $expectedVersion) {
                ...UserFields
              }
            }

            fragment UserFields on User {
              id
              name
              email
              role
              team
              managerId
              active
              version
              chosenLocale
            }
            """)
        variables: dict[str, object] = {"id": id, "expectedVersion": expectedVersion}
        response = await self.execute(
            query=query, operation_name="ReactivateUser", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ReactivateUser.model_validate(data)

    async def create_source(self, input: SourceInput, **kwargs: Any) -> CreateSource:
        query = gql("""
            mutation CreateSource($input: SourceInput!) {
              result: createSource(input: $input) {
                ...SourceFields
              }
            }

            fragment SourceFields on Source {
              id
              name
              kind
              startsOn
              endsOn
              cost {
                amount
                currency
              }
              costs {
                kind
                amount {
                  amount
                  currency
                }
                startsOn
                endsOn
              }
              version
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="CreateSource", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreateSource.model_validate(data)

    async def update_source(
        self, id: str, expectedVersion: int, input: SourceInput, **kwargs: Any
    ) -> UpdateSource:
        query = gql("""
            mutation UpdateSource($id: ID!, $expectedVersion: Int!, $input: SourceInput!) {
              result: updateSource(id: $id, expectedVersion: $expectedVersion, input: $input) {
                ...SourceFields
              }
            }

            fragment SourceFields on Source {
              id
              name
              kind
              startsOn
              endsOn
              cost {
                amount
                currency
              }
              costs {
                kind
                amount {
                  amount
                  currency
                }
                startsOn
                endsOn
              }
              version
            }
            """)
        variables: dict[str, object] = {
            "id": id,
            "expectedVersion": expectedVersion,
            "input": input,
        }
        response = await self.execute(
            query=query, operation_name="UpdateSource", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UpdateSource.model_validate(data)

    async def import_opportunities(
        self, input: ImportOpportunitiesInput, **kwargs: Any
    ) -> ImportOpportunities:
        query = gql("""
            mutation ImportOpportunities($input: ImportOpportunitiesInput!) {
              result: importOpportunities(input: $input) {
                ...ImportJobFields
              }
            }

            fragment ImportJobFields on ImportJob {
              id
              status
              filename
              encoding
              mode
              totalRows
              validRows
              toCreate
              processed
              created
              percentDone
              problems {
                line
                field
                reason
              }
              duplicates {
                line
                reason
                opportunityId
                earlierLine
              }
              createdAt
              startedAt
              finishedAt
              error
              links {
                line
                opportunityId
                accountId
                accountMatch
                contactId
                contactMatch
              }
              columns {
                position
                header
                field
                matchedBy
                samples
              }
              warnings
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="ImportOpportunities",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ImportOpportunities.model_validate(data)

    async def attach_files(
        self, activityId: str, files: list[Upload], **kwargs: Any
    ) -> AttachFiles:
        query = gql("""
            mutation AttachFiles($activityId: ID!, $files: [Upload!]!) {
              result: attachFiles(activityId: $activityId, files: $files) {
                ...AttachmentFields
              }
            }

            fragment AttachmentFields on Attachment {
              id
              activityId
              filename
              contentType
              size
              sha256
              uploadedAt
              uploadedBy
              downloadPath
            }
            """)
        variables: dict[str, object] = {"activityId": activityId, "files": files}
        response = await self.execute(
            query=query, operation_name="AttachFiles", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return AttachFiles.model_validate(data)

    async def opportunity_history(self, id: str, **kwargs: Any) -> OpportunityHistory:
        query = gql("""
            query OpportunityHistory($id: ID!) {
              result: opportunity(id: $id) {
                ...OpportunityHistoryFields
              }
            }

            fragment OpportunityHistoryFields on Opportunity {
              stageHistory {
                stage {
                  key
                  nameZh
                  nameEn
                  kind
                }
                enteredAt
                leftAt
                enteredBy
                note
                durationSeconds
              }
              closeDateHistory {
                old
                new
                at
                by
                reason
              }
              probabilityHistory {
                before
                after
                at
                by
              }
              difficultyHistory {
                before
                after
                at
                by
                reason
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query,
            operation_name="OpportunityHistory",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return OpportunityHistory.model_validate(data)

    async def timeline(self, id: str, **kwargs: Any) -> Timeline:
        query = gql("""
            query Timeline($id: ID!) {
              result: opportunity(id: $id) {
                ...TimelineFields
              }
            }

            fragment TimelineFields on Opportunity {
              timeline {
                at
                kind
                by
                summary
                activityId
                dataJson
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Timeline", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Timeline.model_validate(data)

    async def handover_brief(self, id: str, **kwargs: Any) -> HandoverBrief:
        query = gql("""
            query HandoverBrief($id: ID!) {
              result: opportunity(id: $id) {
                ...HandoverBriefFields
              }
            }

            fragment HandoverBriefFields on Opportunity {
              handoverBrief {
                stageKey
                stageName
                daysInStage
                lastContactAt
                lastContactKind
                lastContactText
                nextStep
                nextStepDue
                lastQuote {
                  amount
                  currency
                  validUntil
                  occurredAt
                  expired
                }
                evidenceOnFile {
                  kind
                  count
                }
                attachmentCount
                missingEvidence
                previousOwnerId
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="HandoverBrief", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return HandoverBrief.model_validate(data)

    async def active_users(self, **kwargs: Any) -> ActiveUsers:
        query = gql("""
            query ActiveUsers {
              result: users(activeOnly: true) {
                id
                name
                email
                role
                team
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="ActiveUsers", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ActiveUsers.model_validate(data)

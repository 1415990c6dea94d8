from typing import Any, Optional, Union

from .alert_settings import AlertSettings
from .base_model import UNSET, UnsetType
from .failed_deliveries import FailedDeliveries
from .input_types import AlertSettingsInput
from .mark_all_read import MarkAllRead
from .mark_many_read import MarkManyRead
from .mark_read import MarkRead
from .notifications import Notifications
from .pending_alert_counts import PendingAlertCounts
from .pending_alerts_of import PendingAlertsOf
from .service_base_client import ServiceBaseClient
from .unread_count import UnreadCount
from .update_alert_settings import UpdateAlertSettings


def gql(q: str) -> str:
    return q


class Client(ServiceBaseClient):
    async def pending_alerts_of(self, ids: list[str], **kwargs: Any) -> PendingAlertsOf:
        query = gql("""
            query PendingAlertsOf($ids: [ID!]!) {
              result: pendingAlertsOf(opportunityIds: $ids) {
                ...PendingAlertFields
              }
            }

            fragment PendingAlertFields on PendingAlert {
              id
              kind
              dueAt
              state
              ownerId
              occurrence
            }
            """)
        variables: dict[str, object] = {"ids": ids}
        response = await self.execute(
            query=query, operation_name="PendingAlertsOf", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return PendingAlertsOf.model_validate(data)

    async def pending_alert_counts(
        self, ids: list[str], **kwargs: Any
    ) -> PendingAlertCounts:
        query = gql("""
            query PendingAlertCounts($ids: [ID!]!) {
              result: pendingAlertCounts(opportunityIds: $ids)
            }
            """)
        variables: dict[str, object] = {"ids": ids}
        response = await self.execute(
            query=query,
            operation_name="PendingAlertCounts",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return PendingAlertCounts.model_validate(data)

    async def notifications(
        self, first: int, after: Union[Optional[str], UnsetType] = UNSET, **kwargs: Any
    ) -> Notifications:
        query = gql("""
            query Notifications($first: Int!, $after: String) {
              result: notifications(first: $first, after: $after) {
                items {
                  ...NotificationFields
                }
                endCursor
                hasNextPage
              }
            }

            fragment DeliveryFields on Delivery {
              notificationId
              recipientId
              channel
              state
              attempts
              lastError
              updatedAt
            }

            fragment NotificationFields on Notification {
              id
              kind
              subject
              body
              opportunityIds
              createdAt
              dueAt
              late
              read
              readAt
              deliveries {
                ...DeliveryFields
              }
            }
            """)
        variables: dict[str, object] = {"first": first, "after": after}
        response = await self.execute(
            query=query, operation_name="Notifications", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Notifications.model_validate(data)

    async def unread_count(self, **kwargs: Any) -> UnreadCount:
        query = gql("""
            query UnreadCount {
              result: unreadCount
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="UnreadCount", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UnreadCount.model_validate(data)

    async def alert_settings(self, **kwargs: Any) -> AlertSettings:
        query = gql("""
            query AlertSettings {
              result: alertSettings {
                ...AlertSettingsFields
              }
            }

            fragment AlertSettingsFields on AlertSettings {
              timeZone
              alertHour
              overdueReminderDays
              defaultAlertDaysBeforeClose
              notifyManager
              notifyAdmins
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="AlertSettings", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return AlertSettings.model_validate(data)

    async def failed_deliveries(self, first: int, **kwargs: Any) -> FailedDeliveries:
        query = gql("""
            query FailedDeliveries($first: Int!) {
              result: failedDeliveries(first: $first) {
                ...DeliveryFields
              }
            }

            fragment DeliveryFields on Delivery {
              notificationId
              recipientId
              channel
              state
              attempts
              lastError
              updatedAt
            }
            """)
        variables: dict[str, object] = {"first": first}
        response = await self.execute(
            query=query,
            operation_name="FailedDeliveries",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return FailedDeliveries.model_validate(data)

    async def mark_read(self, id: str, **kwargs: Any) -> MarkRead:
        query = gql("""
            mutation MarkRead($id: ID!) {
              result: markNotificationRead(id: $id) {
                ...NotificationFields
              }
            }

            fragment DeliveryFields on Delivery {
              notificationId
              recipientId
              channel
              state
              attempts
              lastError
              updatedAt
            }

            fragment NotificationFields on Notification {
              id
              kind
              subject
              body
              opportunityIds
              createdAt
              dueAt
              late
              read
              readAt
              deliveries {
                ...DeliveryFields
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="MarkRead", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return MarkRead.model_validate(data)

    async def mark_many_read(self, ids: list[str], **kwargs: Any) -> MarkManyRead:
        query = gql("""
            mutation MarkManyRead($ids: [ID!]!) {
              result: markNotificationsRead(ids: $ids)
            }
            """)
        variables: dict[str, object] = {"ids": ids}
        response = await self.execute(
            query=query, operation_name="MarkManyRead", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return MarkManyRead.model_validate(data)

    async def mark_all_read(self, **kwargs: Any) -> MarkAllRead:
        query = gql("""
            mutation MarkAllRead {
              result: markAllNotificationsRead
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="MarkAllRead", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return MarkAllRead.model_validate(data)

    async def update_alert_settings(
        self, input: AlertSettingsInput, **kwargs: Any
    ) -> UpdateAlertSettings:
        query = gql("""
            mutation UpdateAlertSettings($input: AlertSettingsInput!) {
              result: updateAlertSettings(input: $input) {
                ...AlertSettingsFields
              }
            }

            fragment AlertSettingsFields on AlertSettings {
              timeZone
              alertHour
              overdueReminderDays
              defaultAlertDaysBeforeClose
              notifyManager
              notifyAdmins
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="UpdateAlertSettings",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return UpdateAlertSettings.model_validate(data)

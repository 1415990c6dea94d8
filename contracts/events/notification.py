"""What the notifications service tells others: a notification reached a user's in-app inbox.

Subject = notification id, sequence 1 (a notification is created once and never changes in the
contract; being read is the reader's own business). The event id is derived from the
notification id, so a delivery that is retried publishes the same event again, which consumers
drop as a duplicate.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from contracts.events._base import EventData


class NotificationCreated(EventData):
    id: str
    recipient_id: str
    kind: str = Field(description="UPCOMING_CLOSE, OVERDUE, STALE, ASSIGNED or NEXT_STEP.")
    subject: str
    body: str
    opportunity_ids: list[str]
    due_at: datetime
    late: bool = Field(description="Delivered after its due time (the scheduler was catching up).")
    created_at: datetime

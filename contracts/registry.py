"""The catalogue of event types: routing key, payload model, and a line for the AsyncAPI doc.

An event type, once published, changes only compatibly (new optional fields). To change a
meaning, add a new type with a ``.v2`` suffix and keep publishing the old one until its
consumers have moved.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from contracts.envelope import CloudEvent
from contracts.events import account, catalog, evidence, notification, opportunity


@dataclass(frozen=True)
class EventType:
    name: str
    model: type[BaseModel]
    summary: str


EVENT_TYPES: dict[str, EventType] = {
    e.name: e
    for e in [
        EventType("opportunity.created", opportunity.OpportunityCreated, "An opportunity was created."),
        EventType(
            "opportunity.updated",
            opportunity.OpportunityUpdated,
            "Fields changed (title, customer, account, contacts, products, amount, source, difficulty, "
            "probability override).",
        ),
        EventType(
            "opportunity.stage_changed",
            opportunity.OpportunityStageChanged,
            "Moved between two open stages, forward or back.",
        ),
        EventType("opportunity.won", opportunity.OpportunityWon, "Moved to the pipeline's WON stage."),
        EventType("opportunity.lost", opportunity.OpportunityLost, "Moved to a LOST stage, with a reason."),
        EventType(
            "opportunity.reopened",
            opportunity.OpportunityReopened,
            "Moved from a closed stage back to an open one.",
        ),
        EventType(
            "opportunity.close_date_changed",
            opportunity.OpportunityCloseDateChanged,
            "The expected close date changed (old, new, by).",
        ),
        EventType(
            "opportunity.assigned",
            evidence.OpportunityAssigned,
            "The owner changed (from, to, by, reason: initial, manual, bulk, distribution, handover).",
        ),
        EventType(
            "activity.logged",
            evidence.ActivityLogged,
            "An activity (note, call, meeting, email, sample sent, quote) was logged or corrected.",
        ),
        EventType(
            "attachment.added",
            evidence.AttachmentAdded,
            "A file (photo, PDF, office document) was attached to an activity.",
        ),
        EventType("pipeline.created", catalog.PipelineChanged, "A pipeline was defined."),
        EventType("pipeline.updated", catalog.PipelineChanged, "Stages or settings of a pipeline changed."),
        EventType("source.created", catalog.SourceChanged, "A lead source was added."),
        EventType("source.updated", catalog.SourceChanged, "A lead source changed (name, dates, cost)."),
        EventType("product.created", catalog.ProductChanged, "A product was added to the catalogue."),
        EventType(
            "product.updated",
            catalog.ProductChanged,
            "A product's names, line, list price, launch date or active flag changed.",
        ),
        EventType("user.created", catalog.UserChanged, "A user was added."),
        EventType("user.updated", catalog.UserChanged, "A user's name, role, team or manager changed."),
        EventType("user.deactivated", catalog.UserChanged, "A user left; they receive no new opportunities."),
        EventType("account.created", account.AccountChanged, "An account (customer company) was created."),
        EventType(
            "account.updated", account.AccountChanged, "An account's name, tax number or details changed."
        ),
        EventType(
            "account.merged",
            account.AccountsMerged,
            "Two accounts became one: opportunities, contacts and history moved to the survivor.",
        ),
        EventType(
            "contact.created", account.ContactChanged, "A contact (a person at an account) was created."
        ),
        EventType("contact.updated", account.ContactChanged, "A contact's details changed."),
        EventType(
            "contact.merged",
            account.ContactsMerged,
            "Two contacts became one: their opportunity links moved to the survivor.",
        ),
        EventType(
            "notification.created",
            notification.NotificationCreated,
            "A notification reached a user's in-app inbox (for live feeds).",
        ),
    ]
}


class UnknownEventType(ValueError):
    pass


def data_model_for(event_type: str) -> type[BaseModel]:
    try:
        return EVENT_TYPES[event_type].model
    except KeyError as exc:
        raise UnknownEventType(event_type) from exc


def parse_event(raw: bytes | str) -> tuple[CloudEvent, BaseModel]:
    """Parse and validate an envelope and its payload. Raises ``pydantic.ValidationError``
    (or ``UnknownEventType``) for a message no consumer can act on."""
    envelope = CloudEvent.model_validate_json(raw)
    payload = data_model_for(envelope.type).model_validate(envelope.data)
    return envelope, payload

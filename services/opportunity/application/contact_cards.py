"""A contact's business-card photo: kept in the attachment store beside the evidence files, shown
on the contact, and served to whoever may see the contact."""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.client_session import AsyncClientSession

from servicekit.identity import Identity
from services.opportunity.application import account_events
from services.opportunity.application.account_access import visible_contact
from services.opportunity.application.account_ports import Changes
from services.opportunity.application.ports import Ports
from services.opportunity.application.work_ports import StoredFile, WorkPorts
from services.opportunity.domain.accounts import Contact, with_card_photo
from services.opportunity.domain.card_photo import check_card_photo


@dataclass(frozen=True)
class CardPhoto:
    contact_id: str
    filename: str
    claimed_type: str | None
    data: bytes


async def attach_card_photo(cmd: CardPhoto, identity: Identity, ports: Ports, work: WorkPorts) -> Contact:
    """Whoever may see the contact may photograph its card (as they may edit it)."""
    contact = await visible_contact(identity, work.accounts, cmd.contact_id)
    checked = check_card_photo(
        filename=cmd.filename, claimed_type=cmd.claimed_type, data=cmd.data, policy=work.attachment_policy
    )
    attachment_id, now = ports.new_id(), ports.clock()
    after = with_card_photo(contact, attachment_id, now)
    changes = Changes(contacts=[(after, contact.version)])
    event = account_events.contact_changed("contact.updated", after, identity)

    async def link(session: AsyncClientSession) -> None:
        await work.accounts.write(session, changes, [event])

    await work.attachments.store_card_photo(
        attachment_id=attachment_id, contact_id=contact.id, file=checked, data=cmd.data, by=identity.user_id,
        now=now, link=link,
    )  # fmt: skip
    return after


async def card_photo(contact: Contact, work: WorkPorts) -> StoredFile | None:
    if contact.card_attachment_id is None:
        return None
    return await work.attachments.get(contact.card_attachment_id)

"""Linking an opportunity to its account and contacts: published as ``opportunity.updated``."""

from __future__ import annotations

from collections.abc import Sequence

from servicekit.identity import Identity
from services.opportunity.application import events
from services.opportunity.application._loading import load_opportunity
from services.opportunity.application.account_access import visible_account
from services.opportunity.application.account_ports import AccountStore, Changes
from services.opportunity.application.ports import Ports
from services.opportunity.domain import account_links
from services.opportunity.domain.errors import InvalidInput
from services.opportunity.domain.opportunity import ContactLink, Opportunity


async def link_opportunity(
    opportunity_id: str, expected_version: int, account_id: str, contacts: Sequence[ContactLink],
    identity: Identity, ports: Ports, store: AccountStore,
) -> Opportunity:  # fmt: skip
    """The opportunity is for ``account_id``, with exactly ``contacts`` (replacing earlier links)."""
    opportunity = await load_opportunity(ports, identity, opportunity_id, expected_version)
    account = await visible_account(identity, store, account_id)
    found = await store.contacts([c.contact_id for c in contacts])
    pairs = []
    for wanted in contacts:
        contact = found.get(wanted.contact_id)
        if contact is None or contact.merged_into is not None:
            raise InvalidInput("contacts", f"No contact {wanted.contact_id!r}.", contactId=wanted.contact_id)
        pairs.append((contact, wanted))
    after = account_links.link(opportunity, account, pairs, by=identity.user_id, now=ports.clock())
    change = [
        ("accountId", opportunity.account_id, after.account_id),
        ("contacts", _plain(opportunity.contacts), _plain(after.contacts)),
    ]
    await store.commit(
        Changes(opportunities=[(after, expected_version)]),
        [events.opportunity_updated(after, identity, change)],
    )
    return after


def _plain(links: Sequence[ContactLink]) -> list[dict[str, str]]:
    return [{"contactId": c.contact_id, "role": c.role.value} for c in links]

"""Inputs of the account and contact mutations (sent to the service as they are)."""

from __future__ import annotations

import strawberry

from gateway.api.accounts.types import ContactRole

UNSET = strawberry.UNSET


@strawberry.input(description="Fields left out keep their value on an edit.")
class AccountInput:
    name: str | None = UNSET
    tax_number: str | None = strawberry.field(default=UNSET, description="8 digits, checksum checked.")
    industry: str | None = UNSET
    segment: str | None = strawberry.field(
        default=UNSET,
        description="SMB, MID_MARKET, ENTERPRISE or another key (written any case, with spaces or '-'); "
        "empty clears it. The appraisal policy's difficulty rules may name it.",
    )
    address: str | None = UNSET
    phones: list[str] | None = strawberry.field(
        default=UNSET, description="As people write them: 02-2345-6789, 0912-345-678, +886 …"
    )
    website: str | None = UNSET


@strawberry.input(description="Fields left out keep their value on an edit.")
class ContactInput:
    name: str | None = UNSET
    title: str | None = UNSET
    emails: list[str] | None = UNSET
    phones: list[str] | None = UNSET
    notes: str | None = UNSET
    do_not_contact: bool | None = UNSET


@strawberry.input
class CreateAccountInput:
    account: AccountInput
    owner_id: strawberry.ID | None = strawberry.field(default=UNSET, description="Defaults to you.")


@strawberry.input
class UpdateAccountInput:
    id: strawberry.ID
    expected_version: int
    account: AccountInput


@strawberry.input
class CreateContactInput:
    account_id: strawberry.ID
    contact: ContactInput


@strawberry.input
class UpdateContactInput:
    id: strawberry.ID
    expected_version: int
    contact: ContactInput


@strawberry.input
class MergeInput:
    survivor_id: strawberry.ID = strawberry.field(description="The record that stays.")
    merged_id: strawberry.ID = strawberry.field(description="The record merged into it.")


@strawberry.input
class ContactLinkInput:
    contact_id: strawberry.ID
    role: ContactRole


@strawberry.input
class LinkOpportunityAccountInput:
    opportunity_id: strawberry.ID
    expected_version: int
    account_id: strawberry.ID
    contacts: list[ContactLinkInput] = strawberry.field(
        default_factory=list, description="The opportunity's contacts, replacing those it had."
    )

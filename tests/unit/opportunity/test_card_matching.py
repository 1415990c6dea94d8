"""Which account and contact a card is about."""

from __future__ import annotations

from datetime import UTC, datetime

from services.opportunity.domain.accounts import (
    AccountFields,
    AccountOrigin,
    ContactFields,
    new_account,
    new_contact,
)
from services.opportunity.domain.card_matching import CardKeys, Directory, MatchedBy
from services.opportunity.domain.contact_points import email_key, phone_key
from services.opportunity.domain.names import company_key, person_key

NOW = datetime(2026, 12, 1, tzinfo=UTC)
ACME = new_account(AccountFields(name="Acme Co., Ltd.", phones=("02-2345-6789",)), id="acme", owner_id="r",
                   team=None, origin=AccountOrigin.MANUAL, by="r", now=NOW)  # fmt: skip
WANG = new_contact(ContactFields(name="王小明", emails=("wang@acme.example.com",), phones=("0912-345-678",)),
                   id="wang", account=ACME, owner_id="r", team=None, origin=AccountOrigin.MANUAL, by="r", now=NOW)  # fmt: skip


def _directory() -> Directory:
    directory = Directory()
    directory.add_accounts([ACME])
    directory.add_contacts([WANG])
    return directory


def card(
    company: str, person: str = "Someone", email: str | None = None, phone: str | None = None
) -> CardKeys:
    return CardKeys(
        company_key(company), person_key(person), email_key(email) if email else None,
        phone_key(phone) if phone else None,
    )  # fmt: skip


def test_the_company_name_however_written_finds_the_account() -> None:
    assert _directory().account_for(card("ＡＣＭＥ Inc.")) == (ACME, MatchedBy.NAME)


def test_a_known_persons_email_finds_their_account_under_another_name() -> None:
    assert _directory().account_for(card("艾克米", email="WANG@acme.example.com")) == (ACME, MatchedBy.EMAIL)


def test_the_companys_or_a_persons_phone_finds_the_account() -> None:
    assert _directory().account_for(card("艾克米", phone="+886 2 2345 6789")) == (ACME, MatchedBy.PHONE)
    assert _directory().account_for(card("艾克米", phone="0912 345 678")) == (ACME, MatchedBy.PHONE)


def test_an_unknown_company_is_created() -> None:
    assert _directory().account_for(card("Globex", email="x@globex.example.com")) == (None, MatchedBy.CREATED)


def test_the_person_is_found_by_email_or_by_name_at_that_account() -> None:
    directory = _directory()
    assert directory.contact_for(card("Acme", "Wang", email="wang@acme.example.com"), "acme") == (
        WANG,
        MatchedBy.EMAIL,
    )
    assert directory.contact_for(card("Acme", "王 小明"), "acme") == (WANG, MatchedBy.NAME)
    assert directory.contact_for(card("Acme", "王小明"), "other") == (None, MatchedBy.CREATED)

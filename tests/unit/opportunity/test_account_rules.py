"""Rules of accounts and contacts: tax number checksum, phones, e-mail, name keys, merges."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.opportunity.domain.account_search import SearchKind, read_search
from services.opportunity.domain.accounts import (
    AccountFields,
    AccountOrigin,
    ContactFields,
    MergeIntoItself,
    merge_accounts,
    new_account,
    new_contact,
)
from services.opportunity.domain.contact_points import InvalidEmail, InvalidPhone, check_email, parse_phone
from services.opportunity.domain.errors import InvalidInput
from services.opportunity.domain.names import company_key, person_key
from services.opportunity.domain.tax_number import InvalidTaxNumber, check_tax_number, is_valid_tax_number

NOW = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize("number", ["04595257", "12345675", "10458575"])
def test_tax_numbers_with_a_right_check_digit_are_valid(number: str) -> None:
    assert is_valid_tax_number(number)


def test_a_seven_in_the_seventh_place_counts_as_one_or_as_zero() -> None:
    # 1 + 0 + 4 + (5·2→1) + 8 + (5·2→1) + (7·4=28→10→1) + last: 19 + last with the 7 as 1.
    assert is_valid_tax_number("10458574")  # 20: the 7 counted as 1
    assert is_valid_tax_number("10458575")  # 21, but 20 with the 7 counted as 0
    assert not is_valid_tax_number("10458573")  # 18 or 17
    # A 6 there has no second chance: 1+0+4+1+8+1+(6·4=24→6)+5 = 26.
    assert not is_valid_tax_number("10458565")


@pytest.mark.parametrize("number", ["04595258", "1234567", "123456789", "ABCDEFGH"])
def test_a_wrong_tax_number_is_refused(number: str) -> None:
    with pytest.raises(InvalidTaxNumber) as caught:
        check_tax_number(number)
    assert caught.value.code == "INVALID_TAX_NUMBER"


def test_a_tax_number_may_be_typed_full_width_or_spaced() -> None:
    assert check_tax_number("０４５９ ５２５７") == "04595257"
    assert check_tax_number("  ") is None


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("02-2345-6789", "+886223456789"),
        ("(02) 2345 6789", "+886223456789"),
        ("0912-345-678", "+886912345678"),
        ("+886 912 345 678", "+886912345678"),
        ("+886-2-2345-6789", "+886223456789"),
        ("０２－２３４５－６７８９", "+886223456789"),
        ("+1 650 253 0000", "+16502530000"),
    ],
)
def test_taiwan_phones_are_read_as_people_write_them_and_stored_e164(typed: str, e164: str) -> None:
    assert parse_phone(typed).e164 == e164


def test_an_extension_is_kept_apart() -> None:
    phone = parse_phone("02-2345-6789 轉 123")
    assert (phone.e164, phone.extension) == ("+886223456789", "123")


@pytest.mark.parametrize("typed", ["02-2345", "12", "call me", ""])
def test_an_unparseable_phone_is_refused(typed: str) -> None:
    with pytest.raises(InvalidPhone):
        parse_phone(typed)


def test_an_email_needs_a_domain() -> None:
    assert check_email(" Wang@Example.COM ") == "Wang@example.com"
    for bad in ("wang@", "wang@localhost", "@example.com", "wang.example.com"):
        with pytest.raises(InvalidEmail):
            check_email(bad)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("台灣積體電路製造股份有限公司", "臺灣積體電路製造"),
        ("ＡＣＭＥ Co., Ltd.", "Acme"),
        ("Acme Inc.", "ACME  corporation"),
        ("華碩電腦股份有限公司", "華碩電腦有限公司"),
    ],
)
def test_company_names_match_however_written(a: str, b: str) -> None:
    assert company_key(a) == company_key(b)


def test_different_companies_keep_different_keys() -> None:
    assert company_key("Acme Trading Co.") != company_key("Acme")
    assert person_key("王 小明") == person_key("王小明") != person_key("王大明")


def test_searches_are_read_as_email_phone_tax_number_or_name() -> None:
    assert read_search("Buyer@X.com") == read_search("buyer@x.com")
    assert read_search("buyer@x.com").kind is SearchKind.EMAIL  # type: ignore[union-attr]
    assert read_search("0912-345-678").kind is SearchKind.PHONE  # type: ignore[union-attr]
    assert read_search("04595257").kind is SearchKind.TAX_NUMBER  # type: ignore[union-attr]
    assert read_search("台積").kind is SearchKind.NAME  # type: ignore[union-attr]
    assert read_search("  ") is None


def test_a_merge_keeps_the_survivors_values_and_fills_its_gaps() -> None:
    survivor = new_account(AccountFields(name="Acme"), id="a", owner_id="r", team=None,
                           origin=AccountOrigin.MANUAL, by="r", now=NOW)  # fmt: skip
    merged = new_account(AccountFields(name="ACME Ltd.", tax_number="04595257", industry="Chips", phones=("02-2345-6789",)),
                         id="b", owner_id="r", team=None, origin=AccountOrigin.MANUAL, by="r", now=NOW)  # fmt: skip
    kept, gone = merge_accounts(survivor, merged, NOW)
    assert (kept.name, kept.tax_number, kept.industry) == ("Acme", "04595257", "Chips")
    assert kept.version == 2 and gone.merged_into == "a" and gone.version == 2


def test_merging_a_record_into_itself_is_refused() -> None:
    account = new_account(AccountFields(name="Acme"), id="a", owner_id="r", team=None,
                          origin=AccountOrigin.MANUAL, by="r", now=NOW)  # fmt: skip
    with pytest.raises(MergeIntoItself):
        merge_accounts(account, account, NOW)


def test_a_contact_keeps_its_emails_once_whatever_their_case() -> None:
    account = new_account(AccountFields(name="Acme"), id="a", owner_id="r", team=None,
                          origin=AccountOrigin.MANUAL, by="r", now=NOW)  # fmt: skip
    contact = new_contact(
        ContactFields(name="Wang", emails=("wang@acme.com", "WANG@ACME.COM")), id="c", account=account,
        owner_id="r", team=None, origin=AccountOrigin.MANUAL, by="r", now=NOW,
    )  # fmt: skip
    assert contact.emails == ("wang@acme.com",)


@pytest.mark.parametrize(
    ("written", "kept"),
    [("Enterprise", "ENTERPRISE"), ("mid-market", "MID_MARKET"), (" mid  market ", "MID_MARKET"), ("", None)],
)
def test_a_segment_is_kept_in_one_spelling(written: str, kept: str | None) -> None:
    account = new_account(
        AccountFields(name="Acme", segment=written), id="a-1", owner_id="u-1", team=None,
        origin=AccountOrigin.MANUAL, by="u-1", now=NOW,
    )  # fmt: skip
    assert account.segment == kept


@pytest.mark.parametrize("written", ["大型企業", "x" * 41, "SMB!"])
def test_a_segment_that_cannot_be_a_key_is_refused(written: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        new_account(
            AccountFields(name="Acme", segment=written), id="a-1", owner_id="u-1", team=None,
            origin=AccountOrigin.MANUAL, by="u-1", now=NOW,
        )  # fmt: skip
    assert refused.value.details == {"field": "segment", "maxLength": 40}

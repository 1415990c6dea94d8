from decimal import Decimal

import pytest

from services.opportunity.domain.column_mapping import ImportField
from services.opportunity.domain.import_plan import flag_repeats_within_file
from services.opportunity.domain.imports import ImportFileError, parse_csv
from services.opportunity.domain.lead_keys import duplicate_keys, normalise_company, normalise_phone

HEADER = "company,contact,title,phone,email,product interest,estimated amount,currency,notes\n"


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return (header + "".join(r + "\n" for r in rows)).encode(encoding)


def test_a_utf8_file_with_a_byte_order_mark_is_read():
    data = b"\xef\xbb\xbf" + csv_bytes(
        "台積電,王小明,經理,02-2345-6789,ming@tsmc.example,感測器,120000,TWD,展會名片"
    )
    parsed = parse_csv(data, default_currency="TWD")
    assert parsed.encoding == "utf-8"
    [row] = parsed.rows
    assert (row.company, row.contact, row.amount, row.currency) == (
        "台積電",
        "王小明",
        Decimal(120000),
        "TWD",
    )
    assert row.line == 2


def test_a_big5_file_as_excel_in_taiwan_writes_it_is_read():
    header = "公司,聯絡人,職稱,電話,電子郵件,感興趣產品,預估金額,幣別,備註\n"
    data = csv_bytes(
        '鴻海精密,陳大文,採購,0912345678,,連接器,"1,500,000",TWD,', header=header, encoding="cp950"
    )
    parsed = parse_csv(data, default_currency="TWD")
    assert parsed.encoding == "big5"
    assert parsed.rows[0].company == "鴻海精密"
    assert parsed.rows[0].amount == Decimal(1_500_000)


def test_a_file_in_another_encoding_is_refused_with_a_clear_code():
    with pytest.raises(ImportFileError) as err:
        parse_csv(HEADER.encode() + b"\xff\xfe\x00\xd8\x81\x00,\n", default_currency="TWD")
    assert err.value.code == "CSV_ENCODING"


def test_a_file_without_a_company_column_is_refused_naming_what_is_missing_and_what_was_seen():
    with pytest.raises(ImportFileError) as err:
        parse_csv(b"name,address\nA,B\n", default_currency="TWD")
    assert err.value.code == "CSV_COLUMNS"
    assert (err.value.details or {})["missing"] == ["company"]
    assert (err.value.details or {})["columns"] == [
        {"header": "name", "field": "contact"},
        {"header": "address", "field": "address"},
    ]


def test_an_empty_file_is_refused():
    with pytest.raises(ImportFileError) as err:
        parse_csv(b"  \n", default_currency="TWD")
    assert err.value.code == "CSV_EMPTY"


def test_each_bad_row_is_reported_with_its_line_number_and_reason():
    parsed = parse_csv(
        csv_bytes(
            "Good Co,Amy,,0223456789,amy@good.example,,100,USD,",
            ",Bob,,0223456780,bob@x.example,,100,USD,",
            "Bad Mail,Cy,,,not-an-email,,100,USD,",
            "Neg Co,Di,,0223456781,,,-5,USD,",
            "Cur Co,Ed,,0223456782,,,5,XXY,",
        ),
        default_currency="TWD",
    )
    assert [r.line for r in parsed.rows] == [2]
    by_line = {(p.line, p.field) for p in parsed.problems}
    assert {(3, "company"), (4, "email"), (5, "amount"), (6, "currency")} <= by_line
    assert parsed.total == 5


def test_line_numbers_count_quoted_fields_that_span_lines():
    parsed = parse_csv(
        csv_bytes('A,Amy,,0223456789,,,1,TWD,"two\nline note"', ",Bob,,0223456780,,,1,TWD,"),
        default_currency="TWD",
    )
    assert parsed.rows[0].notes == "two\nline note"
    assert parsed.problems[0].line == 4


def test_missing_currency_takes_the_request_default_and_missing_amount_is_zero():
    parsed = parse_csv(csv_bytes("A,Amy,,0223456789,,,,,"), default_currency="JPY")
    assert (parsed.rows[0].amount, parsed.rows[0].currency) == (Decimal(0), "JPY")


def test_a_row_without_phone_or_email_cannot_be_followed_up_and_is_refused():
    parsed = parse_csv(csv_bytes("A,Amy,,,,,,,"), default_currency="TWD")
    assert parsed.rows == []
    assert parsed.problems[0].reason == "give a phone number or an email address"


def test_phone_numbers_written_the_international_or_local_way_are_one_key():
    assert normalise_phone("+886 2 2345-6789") == normalise_phone("(02) 2345 6789") == "0223456789"
    assert normalise_phone("0912-345-678 #12") == "0912345678"


def test_company_names_match_whatever_the_case_width_and_punctuation():
    assert normalise_company("ＡＢＣ Co., Ltd.") == normalise_company("abc co ltd")


def test_duplicate_keys_are_company_plus_email_or_phone():
    keys = duplicate_keys("ABC Co.", "Amy@ABC.example", "02-2345-6789")
    assert keys == ["ce:abcco|amy@abc.example", "p:0223456789"]
    assert duplicate_keys("ABC", None, "123") == []


def test_a_lead_named_twice_in_one_file_is_flagged_against_its_first_line():
    parsed = parse_csv(
        csv_bytes("ABC,Amy,,02-2345-6789,,,,,", "XYZ,Bob,,+886 2 2345 6789,,,,,", "QQ,Cy,,0999999999,,,,,"),
        default_currency="TWD",
    )
    assert flag_repeats_within_file(parsed.rows) == {3: 2}


def test_too_many_rows_are_refused():
    with pytest.raises(ImportFileError) as err:
        parse_csv(csv_bytes(*["A,B,,0223456789,,,,,"] * 3), default_currency="TWD", max_rows=2)
    assert err.value.code == "CSV_TOO_MANY_ROWS"


def test_a_header_spelt_another_way_is_mapped_and_an_unknown_column_kept_as_a_note():
    data = (
        "公司名稱,聯絡人,手機,E-mail Address,產品興趣,攤位號碼,統編\n"
        "台積電,王小明,0912-345-678,wang@tsmc.example.com,感測器,A12,22099131\n"
    ).encode("cp950")
    parsed = parse_csv(data, default_currency="TWD")
    assert [(c.header, c.field.value) for c in parsed.columns] == [
        ("公司名稱", "company"), ("聯絡人", "contact"), ("手機", "phone"), ("E-mail Address", "email"),
        ("產品興趣", "product_interest"), ("攤位號碼", "note"), ("統編", "tax_number"),
    ]  # fmt: skip
    [row] = parsed.rows
    assert (row.product_interest, row.notes, row.tax_number) == ("感測器", "攤位號碼: A12", "22099131")
    assert parsed.warnings == ["Kept on the contact's notes: 攤位號碼."]


def test_columns_with_unknown_headers_are_recognised_by_their_values():
    data = b"Firma,Person,x,y\nAcme,Bob,bob@acme.example.com,0912-345-678\nBeta,Amy,amy@beta.example.com,02-2345-6789\n"
    parsed = parse_csv(data, default_currency="TWD")
    assert [(c.field.value, c.matched_by.value) for c in parsed.columns] == [
        ("company", "HEADER"),
        ("contact", "HEADER"),
        ("email", "VALUES"),
        ("phone", "VALUES"),
    ]


def test_the_users_choice_wins_and_a_column_may_be_ignored():
    data = b"org,who,booth,phone\nAcme,Bob,A12,0912-345-678\n"
    parsed = parse_csv(
        data, default_currency="TWD",
        chosen={"org": ImportField.COMPANY, "who": ImportField.CONTACT, "booth": ImportField.IGNORE},
    )  # fmt: skip
    assert [c.matched_by.value for c in parsed.columns] == ["CHOSEN", "CHOSEN", "CHOSEN", "HEADER"]
    assert parsed.rows[0].notes is None and parsed.warnings == ["Ignored: booth."]


def test_a_saved_mapping_is_used_for_the_next_shows_file():
    data = b"org,who,tel\nAcme,Bob,0912-345-678\n"
    parsed = parse_csv(
        data, default_currency="TWD", saved={"org": ImportField.COMPANY, "who": ImportField.CONTACT}
    )
    assert [(c.field.value, c.matched_by.value) for c in parsed.columns][:2] == [
        ("company", "SAVED"),
        ("contact", "SAVED"),
    ]


def test_a_bad_tax_number_is_a_problem_of_its_row_only():
    data = b"company,contact,phone,tax id\nAcme,Bob,0912-345-678,04595258\nBeta,Amy,0912-345-679,04595257\n"
    parsed = parse_csv(data, default_currency="TWD")
    assert [p.field for p in parsed.problems] == ["tax_number"] and len(parsed.rows) == 1

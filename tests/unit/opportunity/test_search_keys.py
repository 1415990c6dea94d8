from services.opportunity.domain.search_keys import RecordKeys, matches, name_search, record_keys

TSMC = record_keys("臺灣積體電路製造股份有限公司", "04595257")
ACME = record_keys("ＡＣＭＥ Precision Co., Ltd.")


def _finds(record: RecordKeys, query: str) -> bool:
    """What the index lookup and the pattern find together."""
    wanted = name_search(query)
    assert wanted is not None
    return wanted.key in record.keys and matches(record.text, wanted)


def test_a_chinese_search_of_up_to_four_characters_is_one_key_wherever_it_stands() -> None:
    for query in ("積", "積體", "積體電路", "台灣", "製造股份"):
        wanted = name_search(query)
        assert wanted is not None and wanted.key == query and wanted.key in TSMC.keys
    assert _finds(TSMC, "體電路製")


def test_a_longer_search_looks_up_the_start_of_the_name_and_checks_the_whole() -> None:
    wanted = name_search("台灣積體電路製造股份有限公司")
    assert wanted is not None and wanted.key == "台灣積體"
    assert _finds(TSMC, "台灣積體電路製造")
    assert not _finds(TSMC, "台灣積體電路設計")


def test_tai_is_one_character_whichever_way_it_is_written() -> None:
    assert _finds(TSMC, "台灣積體") and _finds(TSMC, "臺灣積體")
    assert "臺" not in TSMC.text


def test_latin_words_are_found_by_their_start_in_any_width_and_case() -> None:
    assert _finds(ACME, "acm") and _finds(ACME, "Prec ACME")
    assert not _finds(ACME, "cme")  # the middle of a word is not its start


def test_a_legal_form_is_left_out_unless_nothing_else_is_typed() -> None:
    wanted = name_search("Acme Co., Ltd.")
    assert wanted is not None and wanted.key == "acme"
    assert _finds(ACME, "Acme Co., Ltd.") and _finds(ACME, "Acme Inc.")
    wanted = name_search("鴻海股份有限公司")
    assert wanted is not None and wanted.key == "鴻海"
    assert _finds(record_keys("台灣積體電路製造"), "台灣積體電路製造股份有限公司")
    wanted = name_search("有限公司")
    assert wanted is not None and wanted.key == "有限公司" and _finds(TSMC, "有限公司")


def test_numbers_are_found_by_their_start() -> None:
    assert _finds(TSMC, "0459") and not _finds(TSMC, "5257")


def test_nothing_searchable_gives_no_lookup() -> None:
    assert name_search(" -- !! ") is None
    assert record_keys("").keys == [] and record_keys("").text == ""

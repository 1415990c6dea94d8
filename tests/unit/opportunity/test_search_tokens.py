from services.opportunity.adapters.search_tokens import index_tokens, query_tokens


def test_latin_words_are_casefolded_and_searchable_by_prefix() -> None:
    tokens = index_tokens("ＡＣＭＥ Corp", "ERP")
    assert {"acme", "ac", "corp", "erp"} <= set(tokens)
    assert set(query_tokens("Acm")) <= set(tokens)


def test_chinese_is_cut_into_bigrams_on_both_sides() -> None:
    tokens = set(index_tokens("台灣積體電路"))
    assert query_tokens("積體") == ["積體"] and "積體" in tokens
    assert set(query_tokens("體電路")) <= tokens
    assert query_tokens("台") == ["台"] and "台" in tokens


def test_punctuation_only_gives_no_tokens() -> None:
    assert query_tokens(" -- !! ") == []


def test_tai_is_found_however_it_is_written() -> None:
    stored = set(index_tokens("臺灣精密機械股份有限公司"))
    assert set(query_tokens("台灣精密")) <= stored
    assert set(query_tokens("臺灣精密")) <= stored
    assert set(query_tokens("台北")) <= set(index_tokens("臺北辦公室"))

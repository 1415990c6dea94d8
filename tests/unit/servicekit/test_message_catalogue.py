"""The message catalogue: every message the code shows a person has its zh-TW and English text,
the catalogues compile, and a request's language is chosen as documented."""

from __future__ import annotations

import io
import string

import pytest
from babel.messages.mofile import read_mo, write_mo

from servicekit.i18n import localize_message, negotiate, normalize_locale, translate
from servicekit.i18n.catalogue import read_catalog
from servicekit.i18n.extract import extracted
from servicekit.i18n.locales import LOCALES


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_in_the_code_is_translated(locale: str) -> None:
    catalog = read_catalog(locale)
    wanted = {str(message.id) for message in extracted() if message.id}
    assert len(wanted) > 200  # the extraction found the errors, not nothing
    translated = {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(wanted - translated.keys())
    assert not missing, f"run `make messages` and translate: {missing}"


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_their_placeholders(locale: str) -> None:
    wrong = [
        (str(m.id), str(m.string))
        for m in read_catalog(locale)
        if m.id and m.string and _fields(str(m.id)) != _fields(str(m.string))
    ]
    assert not wrong


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogues_compile(locale: str) -> None:
    catalog = read_catalog(locale)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    compiled_message = read_mo(compiled).get("Unexpected error.")
    assert compiled_message is not None
    assert compiled_message.string == translate("Unexpected error.", locale)


def test_a_rendered_error_is_translated_with_its_values() -> None:
    message = "The opportunity is at version 7, not 6; reload it."
    assert localize_message(message, "zh-TW") == "此商機目前為第 7 版，而非第 6 版；請重新載入。"
    assert localize_message(message, "en") == message
    assert (
        localize_message("Only an administrator may define pipelines.", "zh-TW")
        == "只有管理員可以定義銷售流程。"
    )
    assert localize_message("Not a message anyone wrote.", "zh-TW") == "Not a message anyone wrote."


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "zh-TW"),
        ("", "zh-TW"),
        ("en-US,en;q=0.9", "en"),
        ("zh-TW,zh;q=0.9,en;q=0.8", "zh-TW"),
        ("fr-FR, en;q=0.5, zh-Hant;q=0.7", "zh-TW"),
        ("de", "zh-TW"),
        ("en;q=0, zh-TW;q=0.1", "zh-TW"),
    ],
)
def test_accept_language_picks_the_best_of_our_languages(header: str | None, expected: str) -> None:
    assert negotiate(header) == expected


def test_locale_names_are_normalised() -> None:
    assert normalize_locale("zh_tw") == "zh-TW"
    assert normalize_locale("EN-gb") == "en"
    assert normalize_locale("ja") is None


def test_a_message_whose_braces_hold_no_placeholder_is_found_as_it_is() -> None:
    # A JSON example in braces is text, not a placeholder: it must not break the lookup of others.
    assert localize_message('Send {"userId": "..."}.', "zh-TW") == translate(
        'Send {"userId": "..."}.', "zh-TW"
    )
    assert localize_message('Send {"userId": "..."}.', "zh-TW") != 'Send {"userId": "..."}.'

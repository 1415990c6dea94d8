"""The message catalogues, read once from the ``.po`` files, and lookups in them."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from servicekit.i18n.locales import LOCALES, current_locale

LOCALE_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(locale: str) -> Catalog:
    with po_path(locale).open("rb") as handle:
        return read_po(handle, locale=locale.replace("-", "_"))


@dataclass(frozen=True)
class _Template:
    """A message with placeholders, recognised in the English text it renders to."""

    msgid: str
    pattern: re.Pattern[str]


def _fields(msgid: str) -> list[str]:
    try:
        return [field for _, field, _, _ in string.Formatter().parse(msgid) if field is not None]
    except ValueError:  # braces that are no placeholder, e.g. a JSON example: plain text
        return []


def _is_template(msgid: str) -> bool:
    """Placeholders that are all names, and some words of their own. A message whose braces
    hold something else ('Send {"userId": "..."}.') is plain text, found as it is."""
    fields = _fields(msgid)
    return (
        bool(fields)
        and all(f.isidentifier() for f in fields)
        and bool(re.sub(r"\{[^}]*\}", "", msgid).strip())
    )


def _pattern(msgid: str) -> re.Pattern[str]:
    parts: list[str] = []
    seen: list[str] = []
    for literal, field, _, _ in string.Formatter().parse(msgid):
        parts.append(re.escape(literal))
        if field is None:
            continue
        # The same value twice may be rendered two ways ({key} and {key!r}): a group of its own,
        # the first one's text being the one put into the translation.
        parts.append(f"(?P<{field}>.+?)" if field not in seen else f"(?P<_{len(seen)}>.+?)")
        seen.append(field)
    return re.compile("^" + "".join(parts) + "$", re.DOTALL)


@cache
def _texts(locale: str) -> dict[str, str]:
    return {
        str(message.id): str(message.string)
        for message in read_catalog(locale)
        if message.id and message.string and not message.fuzzy
    }


@cache
def _templates() -> tuple[_Template, ...]:
    """Messages with placeholders and some words of their own, the most specific first, so
    "Stage {stage} is retired." is tried before "{name} is retired."."""
    found = [_Template(msgid, _pattern(msgid)) for msgid in _texts(LOCALES[-1]) if _is_template(msgid)]
    found.sort(key=lambda template: -len(re.sub(r"\{[^}]*\}", "", template.msgid)))
    return tuple(found)


def translate(msgid: str, locale: str | None = None, /, **params: Any) -> str:
    """``msgid`` in ``locale`` (the request's language when not given), its ``{name}``
    placeholders filled from ``params``. A message missing from the catalogue is shown as
    written (the check in the tests keeps that from happening)."""
    text = _texts(locale or current_locale.get()).get(msgid, msgid)
    return text.format(**params) if params else text


def localize_message(message: str, locale: str | None = None) -> str:
    """An English message already rendered (an error raised with its values in place) in
    ``locale``: found in the catalogue as it is, or by the template it was made from, whose
    values are carried into the translation (themselves translated when the catalogue knows
    them, such as the "create pipelines" in "Only an administrator may create pipelines."). A message the catalogue does not know stays as it
    is (for instance one that is already translated)."""
    texts = _texts(locale or current_locale.get())
    if (exact := texts.get(message)) is not None:
        return exact
    for template in _templates():
        if match := template.pattern.match(message):
            translated = texts.get(template.msgid)
            if translated is not None:
                values = {name: texts.get(value, value) for name, value in match.groupdict().items()}
                return translated.format(**values)
    return message

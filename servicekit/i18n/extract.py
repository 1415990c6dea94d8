"""Finds every message the code shows a person and keeps the catalogues in step with it.

``python -m servicekit.i18n.extract`` (``make messages``) extracts with Babel, adds new
messages to each ``.po`` file (English filled in from the msgid, zh-TW left for a translator),
drops the ones no longer used, and exits non-zero while any lacks a translation.

Messages are found in two forms:

- ``translate("...")`` calls, the usual gettext keyword (the text is the msgid, placeholders
  and all);
- the message of every ``raise SomeError(..., "message")``: the last text argument (or
  ``message=``), and every text assigned to a name ``message`` or ``..._MESSAGE``;
- the column names of a CSV export (a list assigned to ``header``): English keeps them as they
  are, the names programs know; zh-TW gives each a label. An f-string becomes a template, ``f"Stage {stage.key} is retired."`` becomes
  ``"Stage {stage_key} is retired."``, which ``localize_message`` recognises in the rendered
  text. So an error is raised where it happens, in English, and translated once, on its way out.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from servicekit.i18n.catalogue import po_path, read_catalog
from servicekit.i18n.locales import LOCALES

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("gateway", "servicekit", "services")
HEADER = """\
# Pipewise's messages in {language}: msgid is the English text, {{name}} a value put in.
# Kept in step with the code by `make messages`; translate what it reports as missing."""

KEYWORDS = {"translate": 0, "require_admin": 1, "require_manager_or_admin": 1, "graphql_error": 2}
"""Calls whose argument (at this position) is a message, or a phrase put into one ("Only an
administrator may {what}." with what = "create pipelines")."""


def _placeholder(node: ast.expr) -> str:
    name = re.sub(r"\W+", "_", ast.unparse(node)).strip("_")
    return name or "value"


def _template(node: ast.expr) -> str | None:
    """The text of a string literal, f-string or ``+`` of them, as a ``{name}`` template."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        parts: list[str] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            elif isinstance(value, ast.FormattedValue):
                parts.append("{" + _placeholder(value.value) + "}")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _raised_message(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "message":
            return _template(keyword.value)
    texts = [text for arg in call.args if (text := _template(arg)) is not None]
    return texts[-1] if texts else None


def _is_message(text: str | None) -> bool:
    # A code ("FORBIDDEN") or a field name passed alone is not something a person reads.
    return bool(text) and " " in str(text).strip()


def _names(node: ast.Assign) -> set[str]:
    return {target.id for target in node.targets if isinstance(target, ast.Name)}


def extract_messages(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, tuple[str], list[str]]]:
    """A Babel extraction method (``servicekit.i18n.extract:extract_messages``)."""
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            text = _raised_message(node.exc)
            if _is_message(text):
                yield node.lineno, "raise", (str(text),), []
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.List) and _names(node) == {"header"}:
            # A CSV export's column names: labels in the reader's language.
            for column in node.value.elts:
                if isinstance(column, ast.Constant) and isinstance(column.value, str):
                    yield column.lineno, "header", (column.value,), []
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and (target.id == "message" or target.id.endswith("_MESSAGE"))
            for target in node.targets
        ):
            if _is_message(text := _template(node.value)):
                yield node.lineno, "message", (str(text),), []
        elif isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            position = KEYWORDS.get(str(name))
            # Written as the msgid itself, placeholders and all: taken as it is.
            given = node.args[position] if position is not None and len(node.args) > position else None
            if isinstance(given, ast.Constant) and isinstance(given.value, str):
                yield node.lineno, str(name), (given.value,), []


def extracted() -> Catalog:
    template = Catalog(project="Pipewise")
    for directory in SOURCE_DIRS:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / directory,
            method_map=[("**.py", "servicekit.i18n.extract:extract_messages")],
            keywords={"raise": None, "message": None, "header": None, **dict.fromkeys(KEYWORDS)},
        ):
            template.add(
                message, None, [(f"{directory}/{filename}", lineno)], auto_comments=comments, context=context
            )
    return template


def untranslated(catalog: Catalog) -> list[str]:
    return [str(message.id) for message in catalog if message.id and (not message.string or message.fuzzy)]


def update() -> dict[str, list[str]]:
    """Brings every catalogue in step with the code; returns, per locale, what lacks a translation."""
    template = extracted()
    missing: dict[str, list[str]] = {}
    for locale in LOCALES:
        path = po_path(locale)
        if path.exists():
            catalog = read_catalog(locale)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=locale.replace("-", "_"), project="Pipewise")
        created = catalog.creation_date
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        # The file changes only when its messages do: no dates or line numbers that would make
        # every branch's catalogue differ (and conflict) after any edit.
        catalog.creation_date = created
        catalog.revision_date = created
        catalog.fuzzy = False
        catalog.version = "0.1.0"
        catalog.last_translator = catalog.language_team = "Pipewise"
        catalog.msgid_bugs_address = ""
        catalog.header_comment = HEADER.format(language=locale)
        for message in catalog:
            if locale == "en" and message.id and not message.string:
                message.string = message.id
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, no_location=True)
        missing[locale] = untranslated(catalog)
    return missing


def main() -> int:
    missing = update()
    for locale, ids in missing.items():
        for msgid in ids:
            print(f"{locale}: no translation for {msgid!r}", file=sys.stderr)
    return 1 if any(missing.values()) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Search keys of accounts and contacts: what a search box finds them by, without text indexes.

A record stores ``keys`` (one multikey index serves them) and ``text``, its searchable words
normalised and space-separated. Normalising folds widths (NFKC), case, and 臺 into 台 (one
character to a reader). Latin words and digits (a tax number, a phone's digits) are keyed by
their prefixes of two characters or more, so "acm" finds "Acme"; runs of Chinese (or Japanese,
Korean) characters by every piece of one to four characters, so a search of up to four
characters is one key, whatever its place in the name.

A search is read as pieces the record must all contain (a Latin piece as the start of a word, a
Chinese piece anywhere), a legal form (股份有限公司, Co., Ltd. ...) left out unless nothing else
is typed. One key, the most selective, is looked up in the index; the pieces are checked on what
it finds (``pattern``). The longest key is taken as the most selective: a longer piece occurs
in fewer names (a Chinese piece longer than four characters gives its first four).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

VERSION = 1
"""Bumped when the keys change; records stored with another version are re-keyed by the
back-fill (``python -m services.opportunity.entrypoints.migrate``)."""
MAX_PREFIX = 15
MAX_GRAM = 4
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_PIECES = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+", re.UNICODE)
_IS_CJK = re.compile(rf"[{_CJK}]")
_LEGAL_FORMS = ("股份有限公司", "有限公司", "企業社", "工作室", "公司", "商行")
_LEGAL_WORDS = frozenset(
    ("co", "ltd", "company", "limited", "corporation", "corp", "incorporated", "inc", "llc", "gmbh", "plc")
)


def words(text: str) -> list[str]:
    """The text's searchable pieces: runs of CJK characters and Latin words or numbers, after
    NFKC (full-width letters are letters) and casefolding. Opportunities' and products' search
    tokens are built from the same pieces."""
    return _PIECES.findall(unicodedata.normalize("NFKC", text).casefold())


def _pieces(text: str) -> list[str]:
    return words(text.replace("臺", "台"))


def is_cjk(piece: str) -> bool:
    return _IS_CJK.match(piece) is not None


def _grams(run: str) -> set[str]:
    return {run[i : i + n] for n in range(1, MAX_GRAM + 1) for i in range(len(run) - n + 1)}


@dataclass(frozen=True)
class RecordKeys:
    keys: list[str]
    text: str


def record_keys(*texts: str) -> RecordKeys:
    """The keys and searchable text stored on a record with these texts (name, numbers ...)."""
    keys: set[str] = set()
    pieces: list[str] = []
    for text in texts:
        for piece in _pieces(text):
            pieces.append(piece)
            if is_cjk(piece):
                keys |= _grams(piece)
            else:
                word = piece[:MAX_PREFIX]
                keys.update(word[:n] for n in range(min(2, len(word)), len(word) + 1))
    return RecordKeys(sorted(keys), f" {' '.join(pieces)} " if pieces else "")


@dataclass(frozen=True)
class NameSearch:
    """What a search by name looks up: ``key`` in the index, then ``pattern`` (a regular
    expression every piece of the search must satisfy) over the records' ``text``."""

    key: str
    pattern: str
    pieces: tuple[str, ...]


def _without_legal_form(piece: str) -> str:
    """A piece with a company's legal form set aside ("" when it is nothing else)."""
    if not is_cjk(piece):
        return "" if piece in _LEGAL_WORDS else piece
    if any(piece in form for form in _LEGAL_FORMS):
        return ""
    return next((piece.removesuffix(f) for f in _LEGAL_FORMS if piece.endswith(f)), piece)


def _key_of(piece: str) -> str:
    return piece[:MAX_GRAM] if is_cjk(piece) else piece[:MAX_PREFIX]


def name_search(query: str) -> NameSearch | None:
    """The lookup for a search by name; None when it holds nothing searchable."""
    typed = tuple(dict.fromkeys(_pieces(query)))
    if not typed:
        return None
    # A legal form is left out when anything else is typed, as when names are matched: "Acme
    # Inc." finds "ACME Co., Ltd.", and the key is never the part nearly every company shares.
    pieces = tuple(dict.fromkeys(p for p in map(_without_legal_form, typed) if p)) or typed
    best = max(pieces, key=lambda p: len(_key_of(p)))  # the longest: it occurs in fewest names
    return NameSearch(key=_key_of(best), pattern=_pattern(pieces), pieces=pieces)


def _pattern(pieces: tuple[str, ...]) -> str:
    """A Latin piece starts a word (the text separates words with spaces), a Chinese piece
    may be anywhere; each is a look-ahead, so the order of the pieces does not matter."""
    parts = [f"(?=.*{re.escape(p) if is_cjk(p) else ' ' + re.escape(p)})" for p in pieces]
    return "^" + "".join(parts)


def matches(text: str, search: NameSearch) -> bool:
    """What the stored pattern means, for records held in memory."""
    return re.search(search.pattern, text, re.DOTALL) is not None

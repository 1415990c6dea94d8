"""Name keys: the same company or person however the name is typed.

Full-width and half-width forms are folded (NFKC), case and spacing ignored, punctuation dropped,
and for companies the legal-form suffix removed (股份有限公司, 有限公司, Co., Ltd., Inc. …), so
"台灣積體電路製造股份有限公司", "台灣積體電路製造" and "ＡＣＭＥ Co., Ltd." / "Acme" compare equal.
"""

from __future__ import annotations

import re
import unicodedata

# Longest first: "股份有限公司" must go before "有限公司" and "公司".
_ZH_SUFFIXES = ("股份有限公司", "有限公司", "企業社", "工作室", "公司", "商行")
_EN_SUFFIXES = (
    "co ltd", "company limited", "company ltd", "corporation", "corp", "incorporated", "inc",
    "limited", "ltd", "llc", "co", "company", "gmbh", "plc", "pte ltd", "pte", "sa", "bv",
)  # fmt: skip
_EN_SUFFIX = re.compile(
    r"(?:\s+(?:" + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in _EN_SUFFIXES) + r"))+$"
)
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("臺", "台")


def person_key(name: str) -> str:
    """A person's name for matching: width, case, spaces and punctuation ignored."""
    return _NOT_WORD.sub("", _folded(name))


def company_key(name: str) -> str:
    """A company's name for matching: as ``person_key`` and without its legal-form suffix."""
    text = _folded(name)
    words = " ".join(_NOT_WORD.sub(" ", text).split())
    words = _EN_SUFFIX.sub("", words)
    key = words.replace(" ", "")
    for suffix in () if key in _ZH_SUFFIXES else _ZH_SUFFIXES:
        if key.endswith(suffix):
            key = key[: -len(suffix)]
            break
    return key or _NOT_WORD.sub("", text)

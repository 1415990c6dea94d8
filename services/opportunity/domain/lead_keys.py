"""Keys that say two leads are the same: the same company and contact email, or the same phone
number, however they were typed."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_company(name: str) -> str:
    """Same company however it is typed: full-width forms, case, spaces and punctuation ignored."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", name).casefold())


def normalise_phone(phone: str) -> str:
    """Digits only, with Taiwan's +886 written the local way (0…), so "+886 2 2345-6789" and
    "02-2345-6789" are the same number. Extensions after "#" or "ext" are dropped."""
    main = re.split(r"#|ext|轉|分機", unicodedata.normalize("NFKC", phone).casefold())[0]
    digits = re.sub(r"\D", "", main)
    if digits.startswith("886"):
        digits = "0" + digits[3:].lstrip("0")
    return digits


def duplicate_keys(company: str, email: str | None, phone: str | None) -> list[str]:
    """Keys two opportunities share when they are about the same lead: the same company and
    contact email, or the same phone number."""
    keys: list[str] = []
    if email:
        keys.append(f"ce:{normalise_company(company)}|{email.strip().casefold()}")
    if phone and len(digits := normalise_phone(phone)) >= 6:
        keys.append(f"p:{digits}")
    return keys

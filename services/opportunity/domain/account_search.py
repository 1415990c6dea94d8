"""What a search box's text means for accounts and contacts: an e-mail address, a phone number,
a tax number, or words of a name (Chinese included)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from services.opportunity.domain.contact_points import email_key, phone_key
from services.opportunity.domain.tax_number import is_valid_tax_number


class SearchKind(StrEnum):
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    TAX_NUMBER = "TAX_NUMBER"
    NAME = "NAME"


@dataclass(frozen=True)
class Search:
    kind: SearchKind
    value: str


def read_search(raw: str) -> Search | None:
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return None
    if "@" in text:
        return Search(SearchKind.EMAIL, email_key(text))
    digits = re.sub(r"\D", "", text)
    if re.fullmatch(r"[\d\s\-+()#]+", text):
        # Eight digits are a tax number (a Taiwan phone has nine or ten with its area code).
        if len(digits) == 8 and is_valid_tax_number(digits) and not text.startswith("+"):
            return Search(SearchKind.TAX_NUMBER, digits)
        if len(digits) >= 8 and (e164 := phone_key(text)) is not None:
            return Search(SearchKind.PHONE, e164)
    return Search(SearchKind.NAME, text)

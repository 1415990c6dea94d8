"""Taiwan's Unified Business Number (統一編號): eight digits, the last a check digit.

Each digit is multiplied by its weight (1, 2, 1, 2, 1, 2, 4, 1) and the digits of each product are
added. The number is valid when the total is divisible by 5 (the Ministry of Finance's rule since
2023; every number valid under the older "divisible by 10" rule stays valid). When the seventh
digit is 7, its product 28 gives 10, which counts as either 1 or 0: the number is valid if
either total is divisible.
"""

from __future__ import annotations

import re
import unicodedata

from services.opportunity.domain.errors import InvalidInput

WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)
DIVISOR = 5


class InvalidTaxNumber(InvalidInput):
    code = "INVALID_TAX_NUMBER"


def _digit_sum(n: int) -> int:
    total = n // 10 + n % 10
    return total // 10 + total % 10  # 28 → 10 → 1


def is_valid_tax_number(number: str) -> bool:
    if not re.fullmatch(r"\d{8}", number):
        return False
    digits = [int(c) for c in number]
    total = sum(_digit_sum(d * w) for d, w in zip(digits, WEIGHTS, strict=True))
    if total % DIVISOR == 0:
        return True
    # A 7 in the seventh place gives 28 → 10 → 1 above; counting it as 0 passes as well.
    return digits[6] == 7 and (total - 1) % DIVISOR == 0


def check_tax_number(raw: str | None, field: str = "taxNumber") -> str | None:
    """The number as eight digits (full-width digits, spaces and dashes tolerated), or None."""
    text = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", raw or ""))
    if not text:
        return None
    if not re.fullmatch(r"\d{8}", text):
        raise InvalidTaxNumber(field, f"{raw!r} is not a Unified Business Number: it has eight digits.")
    if not is_valid_tax_number(text):
        raise InvalidTaxNumber(field, f"{raw!r} is not a Unified Business Number: its check digit is wrong.")
    return text

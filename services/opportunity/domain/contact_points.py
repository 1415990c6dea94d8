"""Phones and e-mail addresses of accounts and contacts.

Phones are stored in E.164 (``+886223456789``) as parsed by the ``phonenumbers`` library, with
Taiwan as the region for numbers written the local way (02-2345-6789, 0912-345-678); an
extension (#123, ext. 123) is kept apart. E-mail addresses need a local part and a domain with a
dot; the domain is lower-cased (it is not case-sensitive), the whole address is compared
case-insensitively.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

from services.opportunity.domain.errors import InvalidInput

DEFAULT_REGION = "TW"
MAX_PHONES = 10
MAX_EMAILS = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


class InvalidPhone(InvalidInput):
    code = "INVALID_PHONE"


class InvalidEmail(InvalidInput):
    code = "INVALID_EMAIL"


@dataclass(frozen=True)
class Phone:
    e164: str
    extension: str | None = None


def parse_phone(raw: str, field: str = "phones") -> Phone:
    text = unicodedata.normalize("NFKC", raw or "").strip()
    # Chinese ways of writing an extension (轉, 分機) read as the library's "ext.".
    text = re.sub(r"\s*(轉|分機)\s*", " ext. ", text)
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise InvalidPhone(field, f"{raw!r} is not a phone number.", value=raw) from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(field, f"{raw!r} is not a phone number that can be dialled.", value=raw)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Phone(e164=e164, extension=number.extension or None)


def phone_key(raw: str) -> str | None:
    """The E.164 form of a phone typed anywhere (an import row), or None if it is not one."""
    try:
        return parse_phone(raw).e164
    except InvalidPhone:
        return None


def check_phones(raw: list[str] | tuple[str, ...], field: str = "phones") -> tuple[Phone, ...]:
    phones = [parse_phone(p, field) for p in raw if p and p.strip()]
    unique = tuple(dict.fromkeys(phones))
    if len(unique) > MAX_PHONES:
        raise InvalidInput(field, f"At most {MAX_PHONES} phone numbers.")
    return unique


def check_email(raw: str, field: str = "emails") -> str:
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not _EMAIL.match(text) or len(text) > 254:
        raise InvalidEmail(
            field, f"{raw!r} is not an e-mail address: it needs a name, an @ and a domain.", value=raw
        )
    local, domain = text.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def email_key(address: str) -> str:
    return address.casefold()


def check_emails(raw: list[str] | tuple[str, ...], field: str = "emails") -> tuple[str, ...]:
    emails: dict[str, str] = {}
    for item in raw:
        if item and item.strip():
            address = check_email(item, field)
            emails.setdefault(email_key(address), address)
    if len(emails) > MAX_EMAILS:
        raise InvalidInput(field, f"At most {MAX_EMAILS} e-mail addresses.")
    return tuple(emails.values())

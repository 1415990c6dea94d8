"""Which account and contact a business card (an import row) is about.

A card names a company, a person, and usually an e-mail address and a phone. A person would say
it is about an existing account when it bears the account's tax number, or the company's name is
the same however written; failing
that, when the card's e-mail address belongs to a contact there, or its phone is the company's
or one of its people's. The person is an existing contact of that account when the e-mail
address is theirs, or the name is the same. Otherwise a record is created; later cards of the
same file then match it like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from services.opportunity.domain.accounts import Account, Contact
from services.opportunity.domain.contact_points import email_key, phone_key
from services.opportunity.domain.imports import ImportRow
from services.opportunity.domain.names import company_key, person_key


class MatchedBy(StrEnum):
    NAME = "NAME"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    TAX_NUMBER = "TAX_NUMBER"
    CREATED = "CREATED"


@dataclass(frozen=True)
class CardKeys:
    company: str
    person: str
    email: str | None
    phone: str | None
    tax_number: str | None = None

    @classmethod
    def of(cls, row: ImportRow) -> CardKeys:
        return cls(
            company=company_key(row.company), person=person_key(row.contact),
            email=email_key(row.email) if row.email else None, phone=phone_key(row.phone) if row.phone else None,
            tax_number=row.tax_number,
        )  # fmt: skip


@dataclass
class Directory:
    """The accounts and contacts a set of cards may match, kept current as cards create more."""

    accounts: dict[str, Account] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    _by_name: dict[str, str] = field(default_factory=dict)
    _by_tax: dict[str, str] = field(default_factory=dict)
    _by_phone: dict[str, str] = field(default_factory=dict)
    _contact_by_email: dict[str, str] = field(default_factory=dict)
    _contact_by_phone: dict[str, str] = field(default_factory=dict)
    _contact_by_name: dict[tuple[str, str], str] = field(default_factory=dict)

    def add_accounts(self, accounts: Iterable[Account]) -> None:
        for a in accounts:
            if a.merged_into is None:
                self.accounts[a.id] = a
                self._by_name.setdefault(a.name_key, a.id)
                if a.tax_number:
                    self._by_tax.setdefault(a.tax_number, a.id)
                for p in a.phones:
                    self._by_phone.setdefault(p.e164, a.id)

    def add_contacts(self, contacts: Iterable[Contact]) -> None:
        for c in contacts:
            if c.merged_into is None:
                self.contacts[c.id] = c
                for e in c.emails:
                    self._contact_by_email.setdefault(email_key(e), c.id)
                for p in c.phones:
                    self._contact_by_phone.setdefault(p.e164, c.id)
                self._contact_by_name.setdefault((c.account_id, c.name_key), c.id)

    def account_for(self, card: CardKeys) -> tuple[Account | None, MatchedBy]:
        if card.tax_number and (by_tax := self._by_tax.get(card.tax_number)) is not None:
            return self.accounts[by_tax], MatchedBy.TAX_NUMBER
        if (found := self._by_name.get(card.company)) is not None:
            return self.accounts[found], MatchedBy.NAME
        if card.email and (contact := self._contact_by_email.get(card.email)) is not None:
            account = self.accounts.get(self.contacts[contact].account_id)
            if account is not None:
                return account, MatchedBy.EMAIL
        if card.phone:
            account_id = self._by_phone.get(card.phone)
            if account_id is None and (contact := self._contact_by_phone.get(card.phone)) is not None:
                account_id = self.contacts[contact].account_id
            if account_id is not None and account_id in self.accounts:
                return self.accounts[account_id], MatchedBy.PHONE
        return None, MatchedBy.CREATED

    def contact_for(self, card: CardKeys, account_id: str) -> tuple[Contact | None, MatchedBy]:
        found = self._contact_by_email.get(card.email) if card.email else None
        if found is not None and self.contacts[found].account_id == account_id:
            return self.contacts[found], MatchedBy.EMAIL
        if (found := self._contact_by_name.get((account_id, card.person))) is not None:
            return self.contacts[found], MatchedBy.NAME
        return None, MatchedBy.CREATED

"""Types shared by several features: money, enums and page info."""

from __future__ import annotations

import strawberry

from services.opportunity.api.scalars import DecimalString, decimal_out
from services.opportunity.domain.accounts import AccountOrigin
from services.opportunity.domain.money import Money as DomainMoney
from services.opportunity.domain.opportunity import ContactRole, Status
from services.opportunity.domain.pipeline import StageKind
from services.opportunity.domain.source import SourceKind
from services.opportunity.domain.user import Role

# The domain enums are the GraphQL enums (same names and values); registered here once.
strawberry.enum(StageKind, name="StageKind")
strawberry.enum(Status, name="OpportunityStatus")
strawberry.enum(Role, name="Role")
strawberry.enum(SourceKind, name="SourceKind")
strawberry.enum(ContactRole, name="ContactRole")
strawberry.enum(AccountOrigin, name="AccountOrigin")


@strawberry.type
class Money:
    amount: DecimalString
    currency: str = strawberry.field(description="ISO 4217 code.")

    @classmethod
    def from_domain(cls, money: DomainMoney) -> Money:
        return cls(amount=decimal_out(money.amount), currency=money.currency)

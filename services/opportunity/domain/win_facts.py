"""What a win says about the customer and the products, read from history rather than claimed.

A customer is new when its account had no won deal before this one; a product is new to the
account when none of the account's earlier won deals sold it. Both are worked out when the deal
is won and recorded on it (and on ``opportunity.won``): a rep can no longer set them. A deal
linked to no account has no history to read, so it is never a new customer. Whether a recently
launched product also counts as new is the appraisal policy's choice: the win records each sold
product's launch date for it, and its account's segment for the policy's difficulty rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from services.opportunity.domain.opportunity import Opportunity


@dataclass(frozen=True)
class WinFacts:
    new_customer: bool
    new_product_ids: tuple[str, ...]
    """The products on the deal's lines that the account had never won a deal with."""
    launch_dates: tuple[tuple[str, date | None], ...] = ()
    """Each sold product's launch date, as the catalogue had it at the win."""
    account_segment: str | None = None
    """The account's segment at the win."""


def derive_win_facts(
    won: Opportunity,
    earlier_wins: Iterable[frozenset[str]],
    launch_dates: dict[str, date | None],
    account_segment: str | None = None,
) -> WinFacts:
    """``earlier_wins``: the product ids of each other won deal at the won deal's account."""
    earlier = list(earlier_wins) if won.account_id else []
    sold_before = frozenset().union(*earlier)
    products = tuple(dict.fromkeys(line.product_id for line in won.line_items))
    return WinFacts(
        new_customer=won.account_id is not None and not earlier,
        new_product_ids=tuple(p for p in products if p not in sold_before) if won.account_id else (),
        launch_dates=tuple((p, launch_dates.get(p)) for p in products),
        account_segment=account_segment if won.account_id else None,
    )


def record_win_facts(won: Opportunity, facts: WinFacts) -> Opportunity:
    """The won deal carrying the facts in place of whatever was claimed before."""
    return replace(won, is_new_customer=facts.new_customer, is_new_product=bool(facts.new_product_ids))

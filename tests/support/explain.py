"""Reading MongoDB explain plans in tests."""

from __future__ import annotations

from typing import Any


def index_names(plan: Any) -> set[str]:
    """Every ``indexName`` anywhere in an explain plan."""
    if isinstance(plan, dict):
        found = {plan["indexName"]} if "indexName" in plan else set()
        for value in plan.values():
            found |= index_names(value)
        return found
    if isinstance(plan, list):
        return set().union(*(index_names(v) for v in plan)) if plan else set()
    return set()

"""The filter a report is computed over: a manager's is forced to their team (a manager without
a team sees a team of their own, which holds nobody else's figures); an administrator's is theirs."""

from __future__ import annotations

from typing import Any

from gateway.adapters.clients.reporting import input_types
from servicekit.identity import Identity


def scoped_report_filter(caller: Identity, asked: dict[str, Any]) -> input_types.ReportFilterInput:
    variables = dict(asked)
    if caller.is_manager:
        variables["team"] = caller.team or f"no-team:{caller.user_id}"
    return input_types.ReportFilterInput.model_validate(variables)

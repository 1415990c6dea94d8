"""``GET /export/<report>.csv?from=&to=&pipeline=&team=&encoding=``: a report as CSV, same
filters and permissions as the GraphQL query; ``encoding`` is ``utf-8`` (default, with a
byte-order mark) or ``big5``."""

from __future__ import annotations

from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response

from servicekit.active_callers import CallerDeactivated
from servicekit.graphql import ApiError
from services.reporting.api.auth import active_caller_of, error_response
from services.reporting.api.export.csv_rows import ENCODINGS, EXPORTS, render_csv
from services.reporting.api.reports.permissions import scoped_filter
from services.reporting.domain.errors import InvalidPeriod, ReportingError
from services.reporting.domain.filters import ReportFilter


def _moment(request: Request, name: str) -> datetime | None:
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidPeriod(f"'{name}' must be an ISO 8601 date-time with a zone.", {"field": name}) from exc


async def export_csv(request: Request) -> Response:
    try:
        identity = await active_caller_of(request)
        report = request.path_params["report"]
        if report not in EXPORTS:
            raise ApiError("NOT_FOUND", f"No report named {report!r}.", {"reports": sorted(EXPORTS)})
        encoding = (request.query_params.get("encoding") or "utf-8").lower()
        if encoding not in ENCODINGS:
            raise ApiError(
                "BAD_USER_INPUT", f"No CSV encoding named {encoding!r}.",
                {"field": "encoding", "encodings": sorted(ENCODINGS)},
            )  # fmt: skip
        flt = ReportFilter(
            _moment(request, "from"), _moment(request, "to"),
            request.query_params.get("pipeline") or None, request.query_params.get("team") or None,
        )  # fmt: skip
        flt = scoped_filter(identity, flt)
        rows = await EXPORTS[report](request.app.state.services.reports, flt)
    except (ApiError, ReportingError, CallerDeactivated) as exc:
        return error_response(exc.code, exc.message)
    return Response(
        render_csv(rows, encoding), media_type=f"text/csv; charset={encoding}",
        headers={"content-disposition": f'attachment; filename="{report}.csv"'},
    )  # fmt: skip

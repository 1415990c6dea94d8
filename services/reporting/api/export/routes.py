"""``GET /export/<report>.csv?from=&to=&pipeline=&team=&encoding=``: a report as CSV, same
filters and permissions as the GraphQL query; ``encoding`` is ``utf-8`` (default, with a
byte-order mark) or ``big5``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import request_response
from starlette.types import ASGIApp

from servicekit.asgi import identity_in
from servicekit.graphql import ApiError
from services.reporting.api.export.csv_rows import ENCODINGS, EXPORTS, render_csv
from services.reporting.api.reports.permissions import scoped_filter
from services.reporting.bootstrap import Services
from services.reporting.domain.errors import InvalidPeriod, ReportingError
from services.reporting.domain.filters import ReportFilter

STATUS = {"FORBIDDEN": 403, "NOT_FOUND": 404, "SERVICE_UNAVAILABLE": 503}


def _moment(request: Request, name: str) -> datetime | None:
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidPeriod(f"'{name}' must be an ISO 8601 date-time with a zone.", {"field": name}) from exc


def export_endpoint(services_of: Callable[[], Services]) -> ASGIApp:
    """The export route's app; ``RequireIdentity`` goes in front of it."""

    async def export(request: Request) -> Response:
        return await export_csv(request, services_of())

    endpoint: Callable[[Request], Awaitable[Response]] = export
    return request_response(endpoint)


async def export_csv(request: Request, services: Services) -> Response:
    try:
        identity = identity_in(request)
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
        rows = await EXPORTS[report](services.reports, flt)
    except (ApiError, ReportingError) as exc:
        return JSONResponse(
            {"data": None, "errors": [{"message": exc.message, "extensions": {"code": exc.code}}]},
            status_code=STATUS.get(exc.code, 400),
        )
    return Response(
        render_csv(rows, encoding), media_type=f"text/csv; charset={encoding}",
        headers={"content-disposition": f'attachment; filename="{report}.csv"'},
    )  # fmt: skip

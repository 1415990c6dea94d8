"""The GraphQL API: ``python -m services.reporting.entrypoints.api`` (port 8301)."""

from __future__ import annotations

import uvicorn

from servicekit import tracing
from servicekit.logs import configure_logging
from services.reporting.api.app import create_app
from services.reporting.settings import ReportingSettings


def main() -> None:
    settings = ReportingSettings()
    configure_logging("reporting-api", settings.log_level, json=settings.log_json)
    tracing.configure_tracing("reporting-api")
    app = create_app(settings)
    tracing.instrument_app(app)
    uvicorn.run(app, host=settings.api_host, port=settings.api_port, log_config=None)


if __name__ == "__main__":
    main()

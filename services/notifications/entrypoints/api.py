"""The GraphQL API process (default port 8201)."""

from __future__ import annotations

import uvicorn

from servicekit import tracing
from servicekit.logs import configure_logging
from services.notifications.api.app import create_app
from services.notifications.settings import NotificationSettings


def main() -> None:
    settings = NotificationSettings()
    configure_logging("notifications-api", settings.log_level, json=settings.log_json)
    tracing.configure_tracing("notifications-api")
    app = create_app(settings)
    tracing.instrument_app(app)
    uvicorn.run(app, host=settings.listen_host, port=settings.api_port, log_config=None)


if __name__ == "__main__":
    main()

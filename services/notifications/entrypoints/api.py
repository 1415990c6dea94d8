"""The GraphQL API process: ``python -m services.notifications.entrypoints.api``."""

from __future__ import annotations

from deploy.processes import process
from servicekit import shell
from services.notifications.api.app import create_app
from services.notifications.settings import NotificationSettings

PROCESS = process("notifications", "api")


def main() -> None:
    settings = NotificationSettings()
    shell.begin(settings, PROCESS)
    shell.serve(create_app(settings), settings, PROCESS)


if __name__ == "__main__":
    main()

"""The GraphQL API process: ``python -m services.reporting.entrypoints.api``."""

from __future__ import annotations

from deploy.processes import process
from servicekit import shell
from services.reporting.api.app import create_app
from services.reporting.settings import ReportingSettings

PROCESS = process("reporting", "api")


def main() -> None:
    settings = ReportingSettings()
    shell.begin(settings, PROCESS)
    shell.serve(create_app(settings), settings, PROCESS)


if __name__ == "__main__":
    main()

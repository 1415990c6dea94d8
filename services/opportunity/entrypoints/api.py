"""The GraphQL API process: ``python -m services.opportunity.entrypoints.api``."""

from __future__ import annotations

from deploy.processes import process
from servicekit import shell
from services.opportunity.api.app import create_app
from services.opportunity.settings import OpportunitySettings

PROCESS = process("opportunity", "api")


def main() -> None:
    settings = OpportunitySettings()
    shell.begin(settings, PROCESS)
    shell.serve(create_app(settings), settings, PROCESS)


if __name__ == "__main__":
    main()

"""The gateway process: ``python -m gateway.entrypoints.app``."""

from __future__ import annotations

from deploy.processes import process
from gateway.api.app import create_app
from gateway.settings import GatewaySettings
from servicekit import shell

PROCESS = process("gateway", "gateway")


def main() -> None:
    settings = GatewaySettings()
    shell.begin(settings, PROCESS)
    shell.serve(create_app(settings), settings, PROCESS)


if __name__ == "__main__":
    main()

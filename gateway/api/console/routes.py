"""The console's routes, to be placed after every other route of the gateway."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.routing import BaseRoute, Route

from gateway.api.console.config import config_endpoint, dev_sign_in_available
from gateway.api.console.dev_sign_in import dev_token_endpoint, dev_users_endpoint
from gateway.api.console.static import ConsoleFiles
from gateway.settings import GatewaySettings

if TYPE_CHECKING:
    from gateway.bootstrap import Runtime


def console_routes(settings: GatewaySettings, runtime: Callable[[], Runtime]) -> list[BaseRoute]:
    routes: list[BaseRoute] = [Route("/console/config.json", config_endpoint(settings), methods=["GET"])]
    if dev_sign_in_available(settings):
        # Absent, not refused, in production mode: no route, so the paths answer 404.
        routes += [
            Route("/console/dev/users", dev_users_endpoint(runtime), methods=["GET"]),
            Route("/console/dev/token", dev_token_endpoint(settings, runtime), methods=["POST"]),
        ]
    files = ConsoleFiles(settings.console_path(), settings)
    routes.append(Route("/{path:path}", files))
    return routes

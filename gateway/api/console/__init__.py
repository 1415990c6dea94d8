"""The web console: its built files, its public configuration and, outside production mode, the
"sign in as" endpoints of local runs. ``console_routes`` gives them in the order they must be
matched (the client-route fallback last)."""

from gateway.api.console.routes import console_routes

__all__ = ["console_routes"]

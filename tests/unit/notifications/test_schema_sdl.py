"""The committed SDL is the schema the code serves (rewrite it with
``python -m services.notifications.api.export_sdl``)."""

from __future__ import annotations

from services.notifications.api.export_sdl import SDL_PATH, current_sdl


def test_the_committed_sdl_matches_the_code() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == current_sdl(), (
        "services/notifications/schema.graphql is stale: run python -m services.notifications.api.export_sdl"
    )

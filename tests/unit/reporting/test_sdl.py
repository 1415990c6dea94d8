"""The committed SDL is the schema the code serves."""

from __future__ import annotations

from services.reporting.api.export_sdl import SDL_PATH, render_sdl


def test_committed_sdl_matches_the_code() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == render_sdl(), (
        "services/reporting/schema.graphql is out of date: run `python -m services.reporting.api.export_sdl`"
    )

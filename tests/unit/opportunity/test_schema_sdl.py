"""The committed SDL is what the code serves; run `python -m services.opportunity.api.export_sdl`."""

from services.opportunity.api.export_sdl import SDL_PATH, render_sdl


def test_committed_sdl_matches_the_schema() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == render_sdl(), (
        "services/opportunity/schema.graphql is out of date: run `python -m services.opportunity.api.export_sdl`"
    )


def test_amounts_are_never_floats_in_the_api() -> None:
    assert "Float" not in render_sdl()

"""Write the committed SDL: ``python -m services.reporting.api.export_sdl``."""

from __future__ import annotations

from pathlib import Path

from services.reporting.api.schema import schema

SDL_PATH = Path(__file__).resolve().parents[1] / "schema.graphql"


def render_sdl() -> str:
    return schema.as_str() + "\n"


def main() -> None:
    SDL_PATH.write_text(render_sdl(), encoding="utf-8")


if __name__ == "__main__":
    main()

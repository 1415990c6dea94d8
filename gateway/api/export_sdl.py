"""Write the committed SDL: ``python -m gateway.api.export_sdl`` (``make sdl`` runs it)."""

from __future__ import annotations

from pathlib import Path

from gateway.api.schema import build_schema

SDL_PATH = Path(__file__).resolve().parents[1] / "schema.graphql"


def render_sdl() -> str:
    return build_schema().as_str() + "\n"


def main() -> None:
    SDL_PATH.write_text(render_sdl(), encoding="utf-8")
    print(f"wrote {SDL_PATH}")


if __name__ == "__main__":
    main()

"""Rewrite the committed SDL: ``python -m services.notifications.api.export_sdl``."""

from __future__ import annotations

from pathlib import Path

from services.notifications.api.schema import schema

SDL_PATH = Path(__file__).resolve().parents[1] / "schema.graphql"


def current_sdl() -> str:
    return schema.as_str() + "\n"


def main() -> None:
    SDL_PATH.write_text(current_sdl(), encoding="utf-8")
    print(f"wrote {SDL_PATH}")


if __name__ == "__main__":
    main()

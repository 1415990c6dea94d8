"""``python -m scripts.export_sdl`` (``make sdl``): rewrite every committed GraphQL SDL, the
services' first (each by its own ``api.export_sdl``), then the gateway's."""

from __future__ import annotations

import subprocess
import sys

from scripts._processes import ROOT


def main() -> None:
    modules = [
        f"services.{path.parent.parent.name}.api.export_sdl"
        for path in sorted((ROOT / "services").glob("*/api/export_sdl.py"))
    ]
    modules.append("gateway.api.export_sdl")
    for module in modules:
        print(f"[sdl] {module}", flush=True)
        subprocess.run([sys.executable, "-m", module], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()

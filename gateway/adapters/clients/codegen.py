"""Regenerate the typed service clients: ``python -m gateway.adapters.clients.codegen``.

ariadne-codegen runs in a tool environment of its own (``requirements-codegen.lock`` beside this
file; created under ``.tools/codegen`` on first use, or given by ``CODEGEN_PYTHON``): it pins
graphql-core and ruff to versions the gateway's runtime does not use. The generated code needs
only pydantic. Each package records a digest of what it was generated from; ``--check`` (and a
unit test) compares it with the SDL and operations as they are now.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SERVICES = ("notifications", "opportunity", "reporting")
DIGEST_FILE = "inputs.sha256"
TOOL_LOCK = HERE / "requirements-codegen.lock"
BASE_CLIENT = HERE / "service_base_client.py"

SETTINGS = """[tool.ariadne-codegen]
schema_path = "{schema}"
queries_path = "{queries}"
target_package_name = "{name}"
target_package_path = "{target}"
base_client_name = "ServiceBaseClient"
base_client_file_path = "{base}"
include_typename = false
include_comments = "none"
convert_to_snake_case = false
multipart_uploads = {uploads}

[tool.ariadne-codegen.scalars.Date]
type = "str"

[tool.ariadne-codegen.scalars.DateTime]
type = "str"

[tool.ariadne-codegen.scalars.Decimal]
type = "str"

[tool.ariadne-codegen.scalars.JSON]
type = "typing.Any"
"""


def schema_path(service: str) -> Path:
    return ROOT / "services" / service / "schema.graphql"


def operations_path(service: str) -> Path:
    return HERE / "operations" / f"{service}.graphql"


def settings_text(service: str, target: Path) -> str:
    uploads = "true" if "scalar Upload" in schema_path(service).read_text() else "false"
    return SETTINGS.format(
        schema=schema_path(service), queries=operations_path(service), name=service,
        target=target, base=BASE_CLIENT, uploads=uploads,
    )  # fmt: skip


def inputs_digest(service: str) -> str:
    """What a generated package depends on: the service's SDL, the gateway's operations, the
    settings, the base client and the pinned generator."""
    digest = hashlib.sha256()
    for part in (
        schema_path(service).read_bytes(),
        operations_path(service).read_bytes(),
        settings_text(service, Path("TARGET")).replace(str(ROOT), "ROOT").encode(),
        BASE_CLIENT.read_bytes(),
        TOOL_LOCK.read_bytes(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def recorded_digest(service: str) -> str | None:
    path = HERE / service / DIGEST_FILE
    return path.read_text().strip() if path.exists() else None


def stale() -> list[str]:
    return [s for s in SERVICES if recorded_digest(s) != inputs_digest(s)]


def _tool_python() -> Path:
    given = os.environ.get("CODEGEN_PYTHON")
    if given:
        return Path(given)
    home = ROOT / ".tools" / "codegen"
    python = home / "bin" / "python"
    if not python.exists():
        venv.create(home, with_pip=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "-r", TOOL_LOCK], check=True)
    return python


def generate(service: str, python: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        config = Path(work) / "codegen.toml"
        config.write_text(settings_text(service, Path(work)))
        subprocess.run([python, "-m", "ariadne_codegen", "--config", config, "client"], check=True, cwd=ROOT)
        target = HERE / service
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(Path(work) / service, target)
    (target / DIGEST_FILE).write_text(inputs_digest(service) + "\n")


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if late := stale():
            print(f"stale generated clients: {', '.join(late)}; run python -m {__spec__.name}")
            return 1
        return 0
    python = _tool_python()
    for service in SERVICES:
        generate(service, python)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

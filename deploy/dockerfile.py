"""The Dockerfile, written from the process table: one image runs every process (the command
picks which), exposes every process's port and starts the gateway unless told otherwise."""

from __future__ import annotations

from deploy.processes import PROCESSES, process

RUNTIME_LOCK = "requirements.lock"
"""What the image installs: the runtime dependencies only. The test server (SecantusDB) and the
test and lint tools are in requirements-dev.lock, which the image never sees."""

PACKAGES = ("contracts", "servicekit", "services", "gateway", "deploy")
"""The code the processes import (``deploy`` for the process table)."""


def dockerfile() -> str:
    ports = " ".join(str(p.port) for p in PROCESSES)
    gateway = process("gateway", "gateway").module
    copies = "\n".join(f"COPY {package} ./{package}" for package in PACKAGES)
    return f"""\
# One image for every process; the command picks the process (deploy/processes.py), e.g.
#   docker run pipewise python -m services.opportunity.entrypoints.api
# Two stages: Node builds the web console; the runtime stage holds Python, the runtime
# dependencies ({RUNTIME_LOCK}) and the code, and nothing used only to build or to test.

FROM node:20-slim AS console
WORKDIR /web
COPY web/package.json web/package-lock.json web/.npmrc ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1 \\
    PYTHONPATH=/app \\
    PIP_NO_CACHE_DIR=1 \\
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN useradd --create-home --uid 10001 pipewise

# Exactly the pinned runtime set: --no-deps installs nothing the lock does not name, and
# pip check fails the build if the lock misses something a package needs.
COPY {RUNTIME_LOCK} ./
RUN pip install --no-deps -r {RUNTIME_LOCK} && pip check

{copies}
COPY --from=console /web/dist ./web/dist
RUN python -c "import contracts, deploy, gateway, servicekit, services"

USER pipewise
# Inside a container every process listens on all interfaces, at its port in the table.
ENV LISTEN_HOST=0.0.0.0 CONSOLE_DIR=/app/web/dist
EXPOSE {ports}
CMD ["python", "-m", "{gateway}"]
"""

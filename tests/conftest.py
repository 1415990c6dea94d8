"""Shared test harness.

- MongoDB: ``MONGODB_URL`` if set (a real mongod replica set works), else a SecantusDB server
  started on a free port for the whole run and stopped after.
- RabbitMQ: ``AMQP_URL`` (default guest@127.0.0.1:5672).
- Every test gets its own database names and exchange/queue prefix (``names``), so tests never
  see each other's data and may run in any order.
- Under ``CI=true`` a test that cannot reach MongoDB or RabbitMQ fails; it never skips quietly.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pymongo import AsyncMongoClient, MongoClient

from servicekit.i18n import current_locale
from servicekit.mongo import Document, open_client
from tests.support.rabbit import delete_test_objects, remember_prefix

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The tests are written in English: what runs in this process (a schema executed directly, a
# request's fallback) speaks it. The organisation's zh-TW default and the choice by request are
# tested on their own (tests/integration/gateway/test_languages.py).
current_locale.set("en")
DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"


def unavailable(reason: str) -> None:
    """Fail under CI, skip on a developer machine that lacks the service."""
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_mongo(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with MongoClient[Document](url, serverSelectionTimeoutMS=500) as client:
                client.admin.command("ping")
                return True
        except Exception:
            time.sleep(0.2)
    return False


@contextlib.contextmanager
def secantus_server(port: int | None = None) -> Iterator[str]:
    """A SecantusDB server on ``port`` (else a free one) with its own data directory; its URL.
    Stopped after."""
    server = Path(sys.executable).parent / "secantusd-py"
    if not server.exists():
        unavailable("SecantusDB is not installed (run `make setup`)")
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="pipewise-mongo-") as data_dir:
        log_path = Path(data_dir) / "server.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [str(server), "--host", "127.0.0.1", "--port", str(port),
                 "--storage-path", str(Path(data_dir) / "db"), "--log-level", "WARNING"],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        url = f"mongodb://127.0.0.1:{port}/?directConnection=true"
        try:
            if not _wait_for_mongo(url, 60):
                unavailable(f"SecantusDB did not start: {log_path.read_text()[-2000:]}")
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextlib.contextmanager
def mongodb_server() -> Iterator[str]:
    """``MONGODB_URL`` once it answers, else a SecantusDB server of its own."""
    if url := os.environ.get("MONGODB_URL"):
        if not _wait_for_mongo(url, 10):
            unavailable(f"MongoDB at MONGODB_URL={url} does not answer")
        yield url
        return
    with secantus_server() as url:
        yield url


@pytest.fixture(scope="session")
def mongodb_url() -> Iterator[str]:
    with mongodb_server() as url:
        yield url


@pytest.fixture(scope="session")
def amqp_url() -> str:
    url = os.environ.get("AMQP_URL", DEFAULT_AMQP_URL)
    hostport = url.split("@")[-1].split("/")[0]
    host, _, port = hostport.partition(":")
    try:
        socket.create_connection((host, int(port or 5672)), timeout=3).close()
    except OSError:
        unavailable(f"RabbitMQ at {host}:{port} does not answer (AMQP_URL)")
    return url


@pytest.fixture
async def mongo_client(mongodb_url: str) -> AsyncIterator[AsyncMongoClient[Document]]:
    """A client per test, made in the test's event loop (a client belongs to one loop)."""
    client = open_client(mongodb_url)
    yield client
    await client.close()


@dataclass(frozen=True)
class Names:
    """Names unique to one test: databases, exchange and queue prefix."""

    token: str

    def db(self, service: str) -> str:
        return f"t_{self.token}_{service}"

    @property
    def exchange(self) -> str:
        return f"t.{self.token}.events"

    @property
    def queue_prefix(self) -> str:
        return f"t.{self.token}."


@pytest.fixture
def names() -> Names:
    token = Names(uuid.uuid4().hex[:12])
    remember_prefix(token.queue_prefix)
    return token


@pytest.fixture(scope="session", autouse=True)
def delete_broker_leftovers() -> Iterator[None]:
    """At the end of the run, delete the queues and exchanges this run's tests declared."""
    yield
    url = os.environ.get("AMQP_URL", DEFAULT_AMQP_URL)
    with contextlib.suppress(Exception):  # a broker that is gone has nothing left to clean
        asyncio.run(delete_test_objects(url))

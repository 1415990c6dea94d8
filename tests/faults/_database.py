"""A SecantusDB server the fault suite owns: on a port and a data directory of its own, kept
across a restart, so the suite can stop the database process and start it again on the same
storage while the system runs on it. (A ``MONGODB_URL`` server is not ours to restart.)"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pymongo import MongoClient

from servicekit.mongo import Document
from tests.conftest import free_port, unavailable


class Database:
    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.url = f"mongodb://127.0.0.1:{self.port}/?directConnection=true"
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60) -> None:
        server = Path(sys.executable).parent / "secantusd-py"
        if not server.exists():
            unavailable("SecantusDB is not installed (run `make setup`)")
        with (self.data_dir / "server.log").open("ab") as log:
            self._proc = subprocess.Popen(
                [str(server), "--host", "127.0.0.1", "--port", str(self.port),
                 "--storage-path", str(self.data_dir / "db"), "--log-level", "WARNING"],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while not self.answers():
            if self._proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the database did not start; log in {self.data_dir / 'server.log'}")
            time.sleep(0.2)

    def stop(self, timeout: float = 30) -> None:
        """Stop the server as an operator's restart does (SIGTERM, then SIGKILL if it hangs)."""
        if self._proc is None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._proc = None

    def log_tail(self, lines: int = 5) -> str:
        """The server's last words (it logs warnings only), for a failure message."""
        log = self.data_dir / "server.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""

    def answers(self) -> bool:
        try:
            with MongoClient[Document](self.url, serverSelectionTimeoutMS=500) as client:
                client.admin.command("ping")
            return True
        except Exception:
            return False


@contextmanager
def database_of_our_own(data_dir: Path) -> Iterator[Database]:
    database = Database(data_dir)
    database.start()
    try:
        yield database
    finally:
        database.stop()

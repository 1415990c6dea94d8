"""``python -m scripts.dev`` (``make dev``): start the whole system locally and seed a demo.

- MongoDB: ``MONGODB_URL`` if set, else a SecantusDB server keeping its data in ``.data/mongo``.
- RabbitMQ at ``AMQP_URL`` (``make dev`` first runs scripts/ensure-rabbitmq.sh to start it).
- E-mail: the SMTP server at ``SMTP_HOST`` (and ``SMTP_PORT``) if set, else a local mail catcher
  on ``DEV_SMTP_PORT`` (1025) keeping each alert e-mail as a ``.eml`` file in ``.data/mail``.
- Every process of the process table (deploy/processes.py), each on its table port, logging
  JSON to ``.data/logs/<service>.<process>.log``.
- Waits for every probe to answer ready, seeds the demo (idempotent), prints the URL and a token.
- Supervises: a process that exits is started again after a pause (longer while it keeps
  exiting soon after starting), and the output says so; logs are in ``.data/logs``.
- Only Ctrl-C stops everything: the processes, then the database; the data stays for the next
  start.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from pathlib import Path
from types import FrameType

import httpx

from deploy.processes import Process
from scripts._processes import ROOT, ProcessGroup, base_env, discover

DATA = ROOT / ".data"
DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"
MONGO_LABEL = "mongodb"
MAIL_LABEL = "mail"


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def _port_open(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


def _wait(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.25)
    raise SystemExit(f"[dev] {what} did not come up within {timeout:.0f} s; see {DATA / 'logs'}")


def start_mongo(group: ProcessGroup) -> str:
    if url := os.environ.get("MONGODB_URL"):
        say(f"using MongoDB at MONGODB_URL={url}")
        return url
    port = int(os.environ.get("DEV_MONGO_PORT", "27017"))
    url = f"mongodb://127.0.0.1:{port}/?directConnection=true"
    if _port_open("127.0.0.1", port):
        say(f"something already listens on {port}; using it as MongoDB ({url})")
        return url
    server = Path(sys.executable).parent / "secantusd-py"
    if not server.exists():
        raise SystemExit("[dev] SecantusDB is not installed: run `make setup`, or set MONGODB_URL.")
    storage = DATA / "mongo"
    storage.mkdir(parents=True, exist_ok=True)
    say(f"starting SecantusDB on {port} (data in {storage})")
    group.start(MONGO_LABEL, [str(server), "--host", "127.0.0.1", "--port", str(port),
                              "--storage-path", str(storage), "--log-level", "WARNING"])  # fmt: skip
    _wait(lambda: _port_open("127.0.0.1", port), 60, "SecantusDB")
    return url


def start_mail_catcher(group: ProcessGroup, env: dict[str, str], folder: Path, port: int) -> str:
    """Where alert e-mails go: the SMTP server at ``SMTP_HOST`` if set, else a local catcher
    (scripts/mail_catcher.py) keeping each message as a .eml file in ``folder``. Sets the
    notifications processes' ``SMTP_HOST``/``SMTP_PORT``; returns a line saying where to look."""
    if host := env.get("SMTP_HOST"):
        return f"alert e-mails go to the SMTP server at {host}:{env.get('SMTP_PORT', '1025')} (SMTP_HOST)"
    if _port_open("127.0.0.1", port):
        env["SMTP_HOST"], env["SMTP_PORT"] = "127.0.0.1", str(port)
        return f"something already listens on {port}; alert e-mails go there"
    group.start(MAIL_LABEL, [sys.executable, "-m", "scripts.mail_catcher", "--port", str(port),
                             "--folder", str(folder)])  # fmt: skip
    _wait(lambda: _port_open("127.0.0.1", port), 30, "the mail catcher")
    env["SMTP_HOST"], env["SMTP_PORT"] = "127.0.0.1", str(port)
    return f"alert e-mails are caught locally: one .eml file per message in {folder}"


def check_rabbitmq(url: str) -> None:
    hostport = url.split("@")[-1].split("/")[0]
    host, _, port = hostport.partition(":")
    if not _port_open(host, int(port or 5672)):
        raise SystemExit(
            f"[dev] RabbitMQ does not answer at {host}:{port or 5672}. Run scripts/ensure-rabbitmq.sh "
            "(make dev does), install rabbitmq-server, or set AMQP_URL."
        )


def _ready(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=1.5).status_code == 200
    except httpx.HTTPError:
        return False


class _Stop:
    requested = False

    def __call__(self, _signum: int, _frame: FrameType | None) -> None:
        self.requested = True


def wait_until_ready(
    group: ProcessGroup, specs: list[Process], stop: _Stop, remind_every: float = 60
) -> None:
    """Until every probe answers ready (or Ctrl-C), restarting what exits; names, now and then,
    the processes still waiting (they retry their dependencies meanwhile)."""
    pending = {spec.label: spec.port for spec in specs}
    remind_at = time.monotonic() + remind_every
    while pending and not stop.requested:
        group.restart_exited(say)
        for label, port in list(pending.items()):
            if port and _ready(port):
                say(f"{label} ready on :{port}")
                del pending[label]
        if pending and time.monotonic() >= remind_at:
            say(f"still waiting for {sorted(pending)} to be ready; see {DATA / 'logs'}. Ctrl-C stops.")
            remind_at = time.monotonic() + remind_every
        time.sleep(0.3)


def main() -> None:
    stop = _Stop()
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    env = base_env()
    group = ProcessGroup(log_dir=DATA / "logs", env=env)
    try:
        env["MONGODB_URL"] = start_mongo(group)
        env.setdefault("AMQP_URL", DEFAULT_AMQP_URL)
        check_rabbitmq(env["AMQP_URL"])
        mail = start_mail_catcher(group, env, DATA / "mail", int(os.environ.get("DEV_SMTP_PORT", "1025")))
        say(mail)
        specs = discover()
        say("starting " + ", ".join(spec.label for spec in specs))
        for spec in specs:
            group.start_module(spec)
        wait_until_ready(group, specs, stop)
        if stop.requested:
            return
        from scripts._seed import seed_demo

        token = asyncio.run(seed_demo("http://127.0.0.1:8000/graphql"))
        say("Pipewise is running.")
        say("Web console: http://127.0.0.1:8000/  (sign in as any seeded user)")
        say("GraphQL API and IDE: http://127.0.0.1:8000/graphql")
        say(f"demo token (the sales manager): {token}")
        say("send it as the header  Authorization: Bearer <token>.  Ctrl-C stops everything.")
        say(mail)
        while not stop.requested:  # only Ctrl-C stops everything; what exits is restarted
            group.restart_exited(say)
            time.sleep(0.5)
    finally:
        say("stopping...")
        group.stop([label for label in list(group.running) if label not in {MONGO_LABEL, MAIL_LABEL}])
        group.stop()
        say("stopped; data kept in .data/")


if __name__ == "__main__":
    main()

"""Every process, started with exactly the environment the Compose file or the Kubernetes
manifests (and the image beneath them) give it, listens beyond loopback and answers its probes.

What differs from a real deployment is only where things are: the database, the broker and
Redis are this machine's (their URLs are rewritten to them), each service is reached at
127.0.0.1, each process gets a free port (the file's ``PORT`` is checked against the process
table first), and databases, exchange and queues get names of their own so that the run touches
nothing else. Secrets an operator would supply are given strong values.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psutil
import pytest
import yaml

from deploy.generate import ROOT
from deploy.processes import PROCESSES, Process
from tests.conftest import Names, free_port
from tests.support.waiting import wait_until

pytestmark = [pytest.mark.timeout(300), pytest.mark.asyncio(loop_scope="session")]

STRONG = {"INTERNAL_SECRET": "deployed-internal-" + "s" * 32, "JWT_SECRET": "deployed-jwt-" + "j" * 32}
_REQUIRED = re.compile(r"\$\{(?P<name>[A-Z_]+):\?[^}]*\}")
_DEFAULTED = re.compile(r"\$\{(?P<name>[A-Z_]+):-(?P<default>[^}]*)\}")


def image_env() -> dict[str, str]:
    """The ``ENV`` of the Dockerfile's last stage, the image every process runs in."""
    env: dict[str, str] = {}
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    for line in text.splitlines():
        if line.startswith("FROM "):
            env = {}
        elif line.startswith("ENV "):
            env |= dict(pair.split("=", 1) for pair in line.split()[1:])
    return env


def compose_envs() -> dict[str, tuple[list[str], dict[str, str]]]:
    """Process id → (command, environment) as Compose gives them, the secrets taken from the
    environment the operator runs Compose in."""
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    found: dict[str, tuple[list[str], dict[str, str]]] = {}
    for process in PROCESSES:
        service = services[process.id]
        env = {}
        for name, value in service["environment"].items():
            value = _REQUIRED.sub(lambda m: STRONG[m["name"]], str(value))
            env[name] = _DEFAULTED.sub(lambda m: m["default"], value)
        found[process.id] = (service["command"], env)
    return found


def kubernetes_envs() -> dict[str, tuple[list[str], dict[str, str]]]:
    """Process id → (command, environment) as its Deployment gives them: the ConfigMap and the
    Secret (``envFrom``, placeholders filled as an operator must), then the container's ``env``."""
    config = {d["kind"]: d for d in yaml.safe_load_all((ROOT / "deploy/k8s/00-config.yaml").read_text())}
    sources = {
        ("configMapRef", config["ConfigMap"]["metadata"]["name"]): config["ConfigMap"]["data"],
        ("secretRef", config["Secret"]["metadata"]["name"]): {
            name: STRONG.get(name, value) for name, value in config["Secret"]["stringData"].items()
        },
    }
    found: dict[str, tuple[list[str], dict[str, str]]] = {}
    for process in PROCESSES:
        documents = yaml.safe_load_all((ROOT / "deploy/k8s" / f"{process.id}.yaml").read_text())
        deployment = next(d for d in documents if d["kind"] == "Deployment")
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        env: dict[str, str] = {}
        for source in container.get("envFrom", []):
            ((kind, ref),) = source.items()
            env |= {k: str(v) for k, v in sources[(kind, ref["name"])].items()}
        env |= {item["name"]: str(item["value"]) for item in container.get("env", [])}
        found[process.id] = (container["command"], env)
    return found


def localised(
    process: Process, env: dict[str, str], ports: dict[str, int], urls: dict[str, str], names: Names
) -> dict[str, str]:
    """The deployment's environment with every host rewritten to this machine's, and names of
    this run's own."""
    out = dict(env)
    out["MONGODB_URL"], out["AMQP_URL"] = urls["mongodb"], urls["amqp"]
    for name, value in env.items():
        parts = urlsplit(value) if "://" in value else None
        if parts is None or name in ("MONGODB_URL", "AMQP_URL"):
            continue
        target = next((p for p in PROCESSES if parts.hostname and parts.hostname.split(".")[0] == p.id), None)
        if target is not None:  # another process of the system, by its Compose or cluster name
            assert parts.port == target.port, (name, value)
            out[name] = urlunsplit(parts._replace(netloc=f"127.0.0.1:{ports[target.id]}"))
        elif parts.scheme == "redis":
            out[name] = urlunsplit(parts._replace(netloc=f"127.0.0.1:{parts.port or 6379}"))
    assert out["PORT"] == str(process.port), f"{process.id} is not given its port in the process table"
    out["PORT"] = str(ports[process.id])
    out |= {
        "EXCHANGE": names.exchange, "QUEUE_PREFIX": names.queue_prefix,
        "DELIVERY_QUEUE": f"{names.queue_prefix}notifications.deliveries",
        "OPPORTUNITY_DATABASE": names.db("opportunity"),
        "DATABASE": names.db(process.service),
        # The image's paths, here: the code is this checkout.
        "PYTHONPATH": str(ROOT), "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"),
    }  # fmt: skip
    return out


@contextlib.contextmanager
def started(
    commands: dict[str, tuple[list[str], dict[str, str]]], names: Names, urls: dict[str, str]
) -> Iterator[dict[str, tuple[subprocess.Popen[bytes], int, Path]]]:
    ports = {p.id: free_port() for p in PROCESSES}
    logs = Path(tempfile.mkdtemp(prefix="pipewise-deployed-"))
    running: dict[str, tuple[subprocess.Popen[bytes], int, Path]] = {}
    try:
        for process in PROCESSES:
            command, env = commands[process.id]
            assert command == ["python", "-m", process.module]
            log = logs / f"{process.id}.log"
            with log.open("wb") as out:
                proc = subprocess.Popen(
                    [sys.executable, "-m", process.module], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                    env={**image_env(), **localised(process, env, ports, urls, names)},
                )  # fmt: skip
            running[process.id] = (proc, ports[process.id], log)
        yield running
    except BaseException:
        for label, (proc, _, log) in running.items():
            print(f"--- {label} (exit {proc.poll()}):\n{log.read_text()[-2500:]}")
        raise
    finally:
        for proc, _, _ in running.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc, _, _ in running.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _outside_address() -> str | None:
    """An IPv4 address of this machine other than loopback, if it has one."""
    for addresses in psutil.net_if_addrs().values():
        for address in addresses:
            if address.family.name == "AF_INET" and not address.address.startswith("127."):
                return str(address.address)
    return None


def _listening(pid: int, port: int) -> set[str]:
    return {
        c.laddr.ip
        for c in psutil.Process(pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == port
    }


@pytest.mark.parametrize("deployment", ["compose", "kubernetes"])
async def test_every_deployed_process_listens_beyond_loopback_and_answers_its_probes(
    deployment: str, names: Names, mongodb_url: str, amqp_url: str
) -> None:
    commands = compose_envs() if deployment == "compose" else kubernetes_envs()
    urls = {"mongodb": mongodb_url, "amqp": amqp_url}
    outside = _outside_address()
    with started(commands, names, urls) as running:
        async with httpx.AsyncClient(timeout=3) as http:

            async def all_ready() -> bool:
                for label, (proc, port, _) in running.items():
                    assert proc.poll() is None, f"{label} exited with {proc.returncode}"
                    try:
                        if (await http.get(f"http://127.0.0.1:{port}/health/ready")).status_code != 200:
                            return False
                    except httpx.HTTPError:
                        return False
                return True

            await wait_until(all_ready, timeout=180, interval=0.5)
            for label, (proc, port, _) in running.items():
                addresses = _listening(proc.pid, port)
                assert addresses, f"{label} listens on no socket at {port}"
                assert not any(a.startswith("127.") or a == "::1" for a in addresses), (label, addresses)
                if outside is not None:
                    live = await http.get(f"http://{outside}:{port}/health/live")
                    assert live.status_code == 200, label
                    assert (await http.get(f"http://{outside}:{port}/metrics")).status_code == 200, label

"""The deployment files never run on the published development secrets: Compose requires each
secret from its environment, and the Kubernetes manifests run in production mode, where a
placeholder left unfilled stops every process at start-up."""

from __future__ import annotations

import re

import pytest
import yaml
from pydantic import ValidationError

from deploy.generate import ROOT
from deploy.kubernetes import config
from deploy.processes import PROCESSES
from gateway.settings import GatewaySettings
from servicekit.settings import DEVELOPMENT_SECRETS, CommonSettings
from services.notifications.settings import NotificationSettings
from services.opportunity.settings import OpportunitySettings
from services.reporting.settings import ReportingSettings

REQUIRED = re.compile(r"^\$\{(?P<name>[A-Z_]+):\?[^}]+\}$")


def test_compose_requires_every_secret_and_falls_back_to_none():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    text = (ROOT / "docker-compose.yml").read_text()
    assert not [s for s in DEVELOPMENT_SECRETS if s in text]
    for process in PROCESSES:
        environment = compose["services"][process.id]["environment"]
        secrets = {name: value for name, value in environment.items() if name.endswith("_SECRET")}
        assert "INTERNAL_SECRET" in secrets
        for name, value in secrets.items():
            match = REQUIRED.match(value)
            assert match and match["name"] == name, (process.id, name, value)
    assert "JWT_SECRET" in compose["services"]["gateway"]["environment"]


@pytest.mark.parametrize(
    "settings", [GatewaySettings, OpportunitySettings, NotificationSettings, ReportingSettings],
    ids=lambda s: s.__name__,
)  # fmt: skip
def test_the_kubernetes_placeholders_are_refused_until_filled(settings: type[CommonSettings], monkeypatch):
    config_map, secret = (d for d in config() if d["kind"] in ("ConfigMap", "Secret"))
    for name, value in {**config_map["data"], **secret["stringData"]}.items():
        monkeypatch.setenv(name, value)
    assert config_map["data"]["PRODUCTION"] == "true"
    with pytest.raises(ValidationError, match="INTERNAL_SECRET is shorter than 32 characters"):
        settings()
    monkeypatch.setenv("INTERNAL_SECRET", "k3y-" + "x" * 40)
    assert settings().production is True

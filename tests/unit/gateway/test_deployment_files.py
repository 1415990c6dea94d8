"""The compose file and the Kubernetes manifests are valid against their published schemas
(shipped offline by check-jsonschema and kubernetes-validate), match their generator, and run
every process of the process table."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml
from check_jsonschema.builtin_schemas import get_builtin_schema

from deploy.generate import ROOT, outputs
from deploy.processes import PROCESSES

KUBERNETES_VERSION = "1.30"
MANIFESTS = sorted((ROOT / "deploy/k8s").glob("*.yaml"))


def test_the_compose_file_follows_the_compose_specification():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    jsonschema.validate(compose, get_builtin_schema("vendor.compose-spec"))


def test_every_process_in_compose_has_a_health_check_and_waits_for_its_dependencies():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    for process in PROCESSES:
        service = compose["services"][process.id]
        assert "/health/ready" in " ".join(service["healthcheck"]["test"])
        assert service["depends_on"]["mongodb"]["condition"] == "service_healthy"
    assert "--replSet" in compose["services"]["mongodb"]["command"]


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_each_manifest_is_valid_kubernetes(path: Path):
    for document in yaml.safe_load_all(path.read_text()):
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_every_process_has_a_deployment_and_the_scaled_ones_an_autoscaler():
    kinds: dict[str, set[str]] = {}
    for path in MANIFESTS:
        for document in yaml.safe_load_all(path.read_text()):
            kinds.setdefault(document["kind"], set()).add(document["metadata"]["name"])
    assert {p.id for p in PROCESSES} <= kinds["Deployment"]
    assert {"gateway", "reporting-consumer"} <= kinds["HorizontalPodAutoscaler"]
    assert {"ConfigMap", "Secret", "Service"} <= set(kinds)


def test_the_rabbitmq_definitions_declare_the_consumer_queues_as_the_services_do():
    definitions = json.loads((ROOT / "deploy/rabbitmq/definitions.json").read_text())
    queues = {q["name"]: q["arguments"] for q in definitions["queues"]}
    for name in ("notifications.events", "reporting.events"):
        assert queues[name]["x-queue-type"] == "quorum"
        assert queues[name]["x-delivery-limit"] == 5
        assert f"{name}.dlq" in queues


def test_the_generated_files_are_up_to_date():
    stale = [str(path.relative_to(ROOT)) for path, text in outputs().items() if path.read_text() != text]
    assert not stale, f"run `python -m deploy.generate`: {stale}"


def test_every_process_in_the_table_has_an_entry_point_that_names_its_row():
    for process in PROCESSES:
        module = importlib.import_module(process.module)
        assert callable(module.main), process.module
        assert process == module.PROCESS, f"{process.module} names another row of deploy/processes.py"

"""Kubernetes manifests and RabbitMQ definitions, built as plain data from the process table."""

from __future__ import annotations

import json
from typing import Any

from deploy.processes import PROCESSES, Process, api

NAMESPACE = "pipewise"
IMAGE = "registry.example.com/pipewise:0.1.0"
CONFIG = "pipewise-config"
SECRETS = "pipewise-secrets"
EXCHANGE = "pipewise.events"
DEAD_LETTER_EXCHANGE = "pipewise.events.dlx"
# The consumer queues and what they bind; they must match the services' QueueSpec arguments.
CONSUMER_QUEUES = {
    "notifications.events": ["opportunity.#", "pipeline.#", "user.#", "activity.#"],
    "reporting.events": ["opportunity.#", "pipeline.#", "source.#", "user.#"],
}


def _labels(process: Process) -> dict[str, str]:
    return {
        "app.kubernetes.io/name": process.id,
        "app.kubernetes.io/part-of": "pipewise",
        "app.kubernetes.io/component": process.service,
    }


def _probe(path: str, port: int, period: int) -> dict[str, Any]:
    return {"httpGet": {"path": path, "port": port}, "periodSeconds": period, "timeoutSeconds": 3}


def deployment(process: Process) -> dict[str, Any]:
    # Every process listens on all the pod's interfaces, at its port in the table.
    env = [{"name": "LISTEN_HOST", "value": "0.0.0.0"}, {"name": "PORT", "value": str(process.port)}]
    container: dict[str, Any] = {
        "name": process.id,
        "image": IMAGE,
        "command": ["python", "-m", process.module],
        "ports": [{"name": "http", "containerPort": process.port}],
        "env": env,
        "envFrom": [{"configMapRef": {"name": CONFIG}}, {"secretRef": {"name": SECRETS}}],
        "readinessProbe": _probe("/health/ready", process.port, 10),
        "livenessProbe": {**_probe("/health/live", process.port, 20), "failureThreshold": 3},
        "startupProbe": {**_probe("/health/live", process.port, 5), "failureThreshold": 24},
        "resources": {
            "requests": {"cpu": process.cpu, "memory": process.memory},
            "limits": {"memory": process.memory},
        },
        "securityContext": {
            "runAsNonRoot": True,
            "runAsUser": 10001,
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "capabilities": {"drop": ["ALL"]},
        },
    }
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": process.id, "namespace": NAMESPACE, "labels": _labels(process)},
        "spec": {
            "replicas": process.replicas,
            "selector": {"matchLabels": {"app.kubernetes.io/name": process.id}},
            "template": {
                "metadata": {
                    "labels": _labels(process),
                    "annotations": {
                        "prometheus.io/scrape": "true",
                        "prometheus.io/port": str(process.port),
                        "prometheus.io/path": "/metrics",
                    },
                },
                # Consumers and relays finish their in-flight message before the pod goes.
                "spec": {"terminationGracePeriodSeconds": 30, "containers": [container]},
            },
        },
    }


def service(process: Process) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": process.id, "namespace": NAMESPACE, "labels": _labels(process)},
        "spec": {
            "selector": {"app.kubernetes.io/name": process.id},
            "ports": [{"name": "http", "port": process.port, "targetPort": "http"}],
        },
    }


def autoscaler(process: Process) -> dict[str, Any]:
    assert process.autoscale is not None
    low, high = process.autoscale
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": process.id, "namespace": NAMESPACE, "labels": _labels(process)},
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": process.id},
            "minReplicas": low,
            "maxReplicas": high,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}},
                }
            ],
        },
    }


def config() -> list[dict[str, Any]]:
    urls = {
        f"{name.upper()}_URL": f"http://{api(name).id}.{NAMESPACE}.svc:{api(name).port}/graphql"
        for name in ("opportunity", "notifications", "reporting")
    }
    return [
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NAMESPACE}},
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": CONFIG, "namespace": NAMESPACE},
            "data": {
                "LOG_LEVEL": "INFO",
                "PRODUCTION": "true",
                "JWT_ALGORITHM": "RS256",
                # Set to the cluster's OpenTelemetry collector (OTLP/HTTP, e.g.
                # http://otel-collector.observability.svc:4318) to trace; empty leaves tracing off.
                "OTEL_EXPORTER_OTLP_ENDPOINT": "",
                **urls,
                # Reporting asks the opportunity service to replay its event log for a rebuild.
                "OPPORTUNITY_GRAPHQL_URL": urls["OPPORTUNITY_URL"],
            },
        },
        {
            # Placeholders: the real values come from the cluster's secret store.
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": SECRETS, "namespace": NAMESPACE},
            "type": "Opaque",
            "stringData": {
                "MONGODB_URL": "mongodb://pipewise:CHANGE-ME@mongodb-0.mongodb:27017/?replicaSet=rs0",
                "AMQP_URL": "amqp://pipewise:CHANGE-ME@rabbitmq:5672/",
                # The gateway's rate-limit counters, shared by its replicas.
                "REDIS_URL": "redis://:CHANGE-ME@redis:6379/0",
                "INTERNAL_SECRET": "CHANGE-ME",
                "JWKS_URL": "https://idp.example.com/.well-known/jwks.json",
                "JWT_ISSUER": "https://idp.example.com/",
                "JWT_AUDIENCE": "pipewise",
            },
        },
    ]


def rabbitmq_definitions() -> dict[str, Any]:
    """Exchanges and consumer queues, importable with ``rabbitmqctl import_definitions``.
    The processes declare the same things on start; these let operators provision ahead."""
    queues: list[dict[str, Any]] = []
    bindings: list[dict[str, Any]] = []
    for name, keys in CONSUMER_QUEUES.items():
        queues.append({"name": name, "vhost": "/", "durable": True, "auto_delete": False, "arguments": {
            "x-queue-type": "quorum", "x-delivery-limit": 5,
            "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key": name,
        }})  # fmt: skip
        queues.append({"name": f"{name}.dlq", "vhost": "/", "durable": True, "auto_delete": False,
                       "arguments": {"x-queue-type": "quorum"}})  # fmt: skip
        bindings.append({"source": DEAD_LETTER_EXCHANGE, "vhost": "/", "destination": f"{name}.dlq",
                         "destination_type": "queue", "routing_key": name, "arguments": {}})  # fmt: skip
        bindings.extend(
            {"source": EXCHANGE, "vhost": "/", "destination": name, "destination_type": "queue",
             "routing_key": key, "arguments": {}}
            for key in keys
        )  # fmt: skip
    return {
        "vhosts": [{"name": "/"}],
        "exchanges": [
            {
                "name": EXCHANGE,
                "vhost": "/",
                "type": "topic",
                "durable": True,
                "auto_delete": False,
                "internal": False,
                "arguments": {},
            },
            {
                "name": DEAD_LETTER_EXCHANGE,
                "vhost": "/",
                "type": "direct",
                "durable": True,
                "auto_delete": False,
                "internal": False,
                "arguments": {},
            },
        ],
        "queues": queues,
        "bindings": bindings,
    }


def manifests() -> dict[str, list[dict[str, Any]]]:
    """File name (without .yaml) → the documents it holds."""
    files: dict[str, list[dict[str, Any]]] = {"00-config": config()}
    for process in PROCESSES:
        documents = [deployment(process)]
        if process.serves_api:
            documents.append(service(process))
        if process.autoscale:
            documents.append(autoscaler(process))
        files[process.id] = documents
    files["rabbitmq-definitions"] = [
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "rabbitmq-definitions", "namespace": NAMESPACE},
            "data": {"definitions.json": json.dumps(rabbitmq_definitions(), indent=2)},
        }
    ]
    return files

"""The service's processes; each runs as ``python -m <module>`` and scales on its own."""

PROCESSES: dict[str, str] = {
    "api": "services.notifications.entrypoints.api",
    "consumer": "services.notifications.entrypoints.consumer",
    "scheduler": "services.notifications.entrypoints.scheduler",
    "worker": "services.notifications.entrypoints.worker",
}

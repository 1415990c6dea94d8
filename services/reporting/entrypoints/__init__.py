"""The reporting service's processes: name → module run with ``python -m``."""

PROCESSES: dict[str, str] = {
    "api": "services.reporting.entrypoints.api",
    "consumer": "services.reporting.entrypoints.consumer",
    "rebuild": "services.reporting.entrypoints.rebuild",
}

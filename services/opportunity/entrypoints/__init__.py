"""The service's processes: ``python -m services.opportunity.entrypoints.<process>``."""

PROCESSES: dict[str, str] = {
    "api": "services.opportunity.entrypoints.api",
    "relay": "services.opportunity.entrypoints.relay",
}

"""The gateway's processes: name → module run as ``python -m <module>``."""

PROCESSES: dict[str, str] = {"gateway": "gateway.entrypoints.app"}

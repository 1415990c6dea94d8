"""What the notifications worker processes share beyond servicekit's probes."""

from __future__ import annotations

import logging


def quiet_broker_client_logs() -> None:
    """pika (under dramatiq) logs every connection step at INFO; keep warnings only."""
    logging.getLogger("pika").setLevel(logging.WARNING)

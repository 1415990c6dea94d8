"""``python -m scripts.mail_catcher``: the local mail server ``make dev`` runs, so alerts by
e-mail can be read without a real one. It accepts every message and keeps each as a ``.eml``
file (any mail program opens it; it is also plain text) in a folder, and prints a line per
message. It relays nothing anywhere.

    python -m scripts.mail_catcher --port 1025 --folder .data/mail
"""

from __future__ import annotations

import argparse
import itertools
import signal
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


class MailFolder:
    """An aiosmtpd handler that writes each message it receives to ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._numbers = itertools.count(1)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content: bytes = envelope.original_content or envelope.content
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        path = self.folder / f"{stamp}-{next(self._numbers):05d}.eml"
        partial = path.with_suffix(".part")
        partial.write_bytes(content)
        partial.rename(path)  # a reader never sees half a message
        message = message_from_bytes(content, policy=default_policy)
        print(f"[mail] to {', '.join(envelope.rcpt_tos)}: {message['Subject']} -> {path}", flush=True)
        return "250 Message accepted"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="mail_catcher", description="Keep every e-mail as a .eml file.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1025)
    parser.add_argument("--folder", type=Path, default=Path(".data/mail"))
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(MailFolder(args.folder), hostname=args.host, port=args.port)
    controller.start()
    print(
        f"[mail] catching e-mail on {args.host}:{args.port}; each message goes to {args.folder}", flush=True
    )
    stopped = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()


if __name__ == "__main__":
    main()

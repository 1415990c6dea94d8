"""``make dev`` catches alert e-mails locally: the notifications processes are pointed at a mail
catcher that keeps each message as a .eml file, instead of failing every send."""

from __future__ import annotations

import asyncio
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

from scripts._processes import ProcessGroup, base_env
from scripts.dev import MAIL_LABEL, start_mail_catcher
from services.notifications.adapters.smtp import SmtpMailer
from services.notifications.settings import NotificationSettings
from tests.conftest import free_port
from tests.support.waiting import wait_until


async def test_a_dev_mode_alert_e_mail_lands_in_the_catcher_as_a_file(tmp_path: Path) -> None:
    env = {k: v for k, v in base_env().items() if k not in {"SMTP_HOST", "SMTP_PORT"}}
    group = ProcessGroup(log_dir=tmp_path / "logs", env=env)
    folder = tmp_path / "mail"
    try:
        said = await asyncio.to_thread(start_mail_catcher, group, env, folder, free_port())
        assert str(folder) in said

        # The worker's mailer, with the settings make dev gives the notifications processes.
        settings = NotificationSettings(smtp_host=env["SMTP_HOST"], smtp_port=int(env["SMTP_PORT"]))
        mailer = SmtpMailer(
            settings.smtp_host, settings.smtp_port, settings.mail_from, settings.smtp_timeout_seconds
        )
        await mailer.send(
            to="rep1@example.com", subject="Closing in 3 days: Deal opp-live",
            body="Deal opp-live is expected to close in 3 days.", message_id="delivery-1",
        )  # fmt: skip

        async def caught() -> bool:
            return any(folder.glob("*.eml"))

        await wait_until(caught, timeout=10)
        (path,) = folder.glob("*.eml")
        message = message_from_bytes(path.read_bytes(), policy=default_policy)
        assert (message["To"], message["Subject"]) == ("rep1@example.com", "Closing in 3 days: Deal opp-live")
        assert "expected to close in 3 days" in message.get_content()
        assert group.running[MAIL_LABEL].poll() is None
    finally:
        await asyncio.to_thread(group.stop, None, 5.0)

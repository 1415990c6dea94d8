"""Production mode refuses the published development secrets, and secrets too short to resist
guessing, in every process's settings, naming the variable to set."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gateway.settings import GatewaySettings
from servicekit.settings import CommonSettings
from services.notifications.settings import NotificationSettings
from services.opportunity.settings import OpportunitySettings
from services.reporting.settings import ReportingSettings

STRONG = "k3y-" + "x" * 40
SETTINGS: list[type[CommonSettings]] = [
    GatewaySettings,
    OpportunitySettings,
    NotificationSettings,
    ReportingSettings,
]
SECRET_VARIABLES = (
    "INTERNAL_SECRET",
    "JWT_SECRET",
    "JWT_ALGORITHM",
    "JWKS_URL",
    "WEBHOOK_SECRET",
    "WEBHOOK_URL",
)


@pytest.fixture(autouse=True)
def production(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SECRET_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PRODUCTION", "true")


def refusal(settings: type[CommonSettings]) -> str:
    with pytest.raises(ValidationError) as refused:
        settings()
    return str(refused.value)


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: s.__name__)
def test_the_default_internal_secret_is_refused_in_production(settings):
    message = refusal(settings)
    assert "PRODUCTION=true refuses to start" in message
    assert "INTERNAL_SECRET is a published development default" in message


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: s.__name__)
def test_a_short_internal_secret_is_refused_in_production(settings, monkeypatch):
    monkeypatch.setenv("INTERNAL_SECRET", "short-but-not-default")
    monkeypatch.setenv("JWT_SECRET", STRONG)
    assert "INTERNAL_SECRET is shorter than 32 characters" in refusal(settings)


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: s.__name__)
def test_strong_secrets_start(settings, monkeypatch):
    monkeypatch.setenv("INTERNAL_SECRET", STRONG)
    monkeypatch.setenv("JWT_SECRET", STRONG[::-1])
    assert settings().production is True


def test_the_gateway_refuses_the_default_jwt_secret(monkeypatch):
    monkeypatch.setenv("INTERNAL_SECRET", STRONG)
    message = refusal(GatewaySettings)
    assert "JWT_SECRET is a published development default" in message
    assert "INTERNAL_SECRET" not in message


def test_any_published_default_is_refused_for_any_secret(monkeypatch):
    monkeypatch.setenv("INTERNAL_SECRET", STRONG)
    monkeypatch.setenv("JWT_SECRET", "dev-internal-secret-of-at-least-32-bytes")
    assert "JWT_SECRET is a published development default" in refusal(GatewaySettings)


def test_the_gateway_checking_tokens_against_a_jwks_needs_no_shared_secret(monkeypatch):
    monkeypatch.setenv("INTERNAL_SECRET", STRONG)
    monkeypatch.setenv("JWT_ALGORITHM", "RS256")
    monkeypatch.setenv("JWKS_URL", "https://idp.example.com/.well-known/jwks.json")
    assert GatewaySettings().jwt_algorithm == "RS256"


def test_notifications_refuse_the_default_webhook_secret_when_webhooks_are_sent(monkeypatch):
    monkeypatch.setenv("INTERNAL_SECRET", STRONG)
    assert NotificationSettings().production is True  # no webhook: nothing to sign
    monkeypatch.setenv("WEBHOOK_URL", "https://hooks.example.com/pipewise")
    assert "WEBHOOK_SECRET is a published development default" in refusal(NotificationSettings)
    monkeypatch.setenv("WEBHOOK_SECRET", "s3cret")
    assert "WEBHOOK_SECRET is shorter than 32 characters" in refusal(NotificationSettings)


def test_development_mode_keeps_the_defaults(monkeypatch):
    monkeypatch.setenv("PRODUCTION", "false")
    for settings in SETTINGS:
        assert settings().internal_secret.get_secret_value() == "dev-internal-secret-of-at-least-32-bytes"


def test_secrets_are_not_shown_when_settings_are_printed(monkeypatch):
    monkeypatch.setenv("PRODUCTION", "false")
    monkeypatch.setenv("INTERNAL_SECRET", STRONG)
    assert STRONG not in repr(OpportunitySettings())

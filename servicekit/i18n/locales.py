"""The languages Pipewise speaks and how a request's language is chosen."""

from __future__ import annotations

from contextvars import ContextVar

LOCALES = ("zh-TW", "en")
DEFAULT_LOCALE = "zh-TW"
"""The organisation works in Asia/Taipei: a user who never chose a language reads zh-TW."""

LOCALE_HEADER = "x-pipewise-locale"
"""The language the gateway chose for a request, passed on to the services it calls."""

current_locale: ContextVar[str] = ContextVar("current_locale", default=DEFAULT_LOCALE)


def normalize_locale(value: str | None) -> str | None:
    """``zh-TW``/``zh_tw``/``zh-Hant`` → ``zh-TW``; ``en``/``en-US`` → ``en``; anything else None."""
    if not value:
        return None
    tag = value.strip().replace("_", "-").lower()
    if tag == "en" or tag.startswith("en-"):
        return "en"
    if tag in ("zh", "zh-tw", "zh-hant") or tag.startswith(("zh-tw-", "zh-hant-")):
        return "zh-TW"
    return None


def negotiate(accept_language: str | None, default: str = DEFAULT_LOCALE) -> str:
    """The best of our languages for an ``Accept-Language`` header, by its q-values."""
    best: tuple[float, int, str] | None = None
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, number = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(number)
                except ValueError:
                    quality = 0.0
        locale = normalize_locale(tag)
        if locale is None or quality <= 0:
            continue
        # The highest quality wins; among equals, the one listed first.
        if best is None or (quality, -position) > (best[0], best[1]):
            best = (quality, -position, locale)
    return best[2] if best else default

"""Every word a person reads, in zh-TW or English, from one message catalogue.

The catalogues are gettext ``.po`` files in ``locales/`` (msgid = the English text, with
``{name}`` placeholders), kept up to date from the code by ``make messages`` (Babel extracts,
see ``extract.py``) and read at start-up with Babel. Each process picks the reader's language:

- a request's from ``current_locale``, which ``LocaleMiddleware`` sets from the gateway's
  ``x-pipewise-locale`` header (the gateway decides it: the caller's own setting, else their
  ``Accept-Language``, else the organisation's default);
- a notification's from its recipient's setting, passed to ``translate`` explicitly.

Error codes never change with the language: only ``message`` is translated.
"""

from __future__ import annotations

from servicekit.i18n.catalogue import localize_message, translate
from servicekit.i18n.locales import (
    DEFAULT_LOCALE,
    LOCALE_HEADER,
    LOCALES,
    current_locale,
    negotiate,
    normalize_locale,
)
from servicekit.i18n.middleware import LocaleMiddleware

__all__ = [
    "DEFAULT_LOCALE",
    "LOCALES",
    "LOCALE_HEADER",
    "LocaleMiddleware",
    "current_locale",
    "localize_message",
    "negotiate",
    "normalize_locale",
    "translate",
]

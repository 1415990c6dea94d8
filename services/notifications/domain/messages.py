"""The words of a notification: a subject line and a short body, per alert kind, in the
recipient's language (the message catalogue, ``servicekit.i18n``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from servicekit.i18n import translate


@dataclass(frozen=True)
class AlertFacts:
    """What a notification says about one opportunity."""

    opportunity_id: str
    title: str
    expected_close_date: date
    stage_name: str | None = None


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


def upcoming_close(facts: AlertFacts, today: date, locale: str) -> Text:
    days = (facts.expected_close_date - today).days
    if days == 0:
        when = translate("today", locale)
    elif days == 1:
        when = translate("in 1 day", locale)
    else:
        when = translate("in {days} days", locale, days=days)
    return Text(
        translate("Closing {when}: {title}", locale, when=when, title=facts.title),
        translate(
            "{title} is expected to close on {date} ({when}).",
            locale, title=facts.title, date=facts.expected_close_date.isoformat(), when=when,
        ),
    )  # fmt: skip


def overdue(facts: AlertFacts, today: date, occurrence: int, locale: str) -> Text:
    days = (today - facts.expected_close_date).days
    title, closing = facts.title, facts.expected_close_date.isoformat()
    subject = (
        translate("Still overdue: {title}", locale, title=title)
        if occurrence
        else translate("Overdue: {title}", locale, title=title)
    )
    body = (
        translate(
            "{title} passed its expected close date {date} 1 day ago and is still open. "
            "Close it or set a new date.",
            locale, title=title, date=closing,
        )
        if days == 1
        else translate(
            "{title} passed its expected close date {date} {days} days ago and is still open. "
            "Close it or set a new date.",
            locale, title=title, date=closing, days=days,
        )
    )  # fmt: skip
    return Text(subject, body)


def stale(facts: AlertFacts, days_in_stage: int, locale: str) -> Text:
    stage = facts.stage_name or translate("its stage", locale)
    return Text(
        translate("Stale: {title}", locale, title=facts.title),
        translate(
            "{title} has stayed in {stage} for {days} days, longer than the stage allows.",
            locale, title=facts.title, stage=stage, days=days_in_stage,
        ),
    )  # fmt: skip


def assigned(titles: Sequence[str], locale: str) -> Text:
    count = len(titles)
    if count == 1:
        return Text(
            translate("Assigned to you: {title}", locale, title=titles[0]),
            translate("You are now the owner of {title}.", locale, title=titles[0]),
        )
    listed = "\n".join(f"- {t}" for t in titles)
    return Text(
        translate("{count} opportunities assigned to you", locale, count=count),
        translate("You are now the owner of:\n{listed}", locale, listed=listed),
    )


def next_step(title: str, what: str, due_on: date, locale: str) -> Text:
    return Text(
        translate("Due today: {what} ({title})", locale, what=what, title=title),
        translate(
            "The next step on {title}, due today ({date}): {what}. Mark the activity complete once it is done.",
            locale, title=title, date=due_on.isoformat(), what=what,
        ),
    )  # fmt: skip

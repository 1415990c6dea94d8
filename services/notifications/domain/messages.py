"""The words of a notification: a subject line and a short body, per alert kind."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


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


def upcoming_close(facts: AlertFacts, today: date) -> Text:
    days = (facts.expected_close_date - today).days
    when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
    return Text(
        f"Closing {when}: {facts.title}",
        f"{facts.title} is expected to close on {facts.expected_close_date.isoformat()} ({when}).",
    )


def overdue(facts: AlertFacts, today: date, occurrence: int) -> Text:
    days = (today - facts.expected_close_date).days
    prefix = "Still overdue" if occurrence else "Overdue"
    return Text(
        f"{prefix}: {facts.title}",
        f"{facts.title} passed its expected close date {facts.expected_close_date.isoformat()} "
        f"{days} day{'s' if days != 1 else ''} ago and is still open. Close it or set a new date.",
    )


def stale(facts: AlertFacts, days_in_stage: int) -> Text:
    stage = facts.stage_name or "its stage"
    return Text(
        f"Stale: {facts.title}",
        f"{facts.title} has stayed in {stage} for {days_in_stage} days, longer than the stage allows.",
    )


def assigned(titles: Sequence[str]) -> Text:
    count = len(titles)
    if count == 1:
        return Text(f"Assigned to you: {titles[0]}", f"You are now the owner of {titles[0]}.")
    listed = "\n".join(f"- {t}" for t in titles)
    return Text(f"{count} opportunities assigned to you", f"You are now the owner of:\n{listed}")


def next_step(title: str, what: str, due_on: date) -> Text:
    return Text(
        f"Due today: {what} ({title})",
        f"The next step on {title}, due today ({due_on.isoformat()}): {what}. "
        "Mark the activity complete once it is done.",
    )

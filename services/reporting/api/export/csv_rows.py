"""Each report flattened to CSV rows: one header, then one row per line of the report."""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

from servicekit.i18n import translate
from services.reporting.application.reports import Reports
from services.reporting.domain.filters import ReportFilter

Rows = tuple[Sequence[str], Iterable[Sequence[Any]]]


def _money(lines: Iterable[Any]) -> str:
    return "; ".join(f"{m.amount} {m.currency}" for m in lines)


async def appraisal_rows(reports: Reports, flt: ReportFilter) -> Rows:
    report = await reports.rep_appraisal(flt)
    header = ["policy_version", "rep_id", "rep_name", "owned", "won", "lost", "win_rate", "won_amount",
              "average_cycle_seconds", "overdue", "score"]  # fmt: skip
    rows = [[report.policy.version, r.rep_id, r.rep_name, r.owned, r.won, r.lost, r.win_rate, _money(r.won_amount),
             r.average_cycle_seconds, r.overdue, r.score] for r in report.reps]  # fmt: skip
    return header, rows


async def overdue_rows(reports: Reports, flt: ReportFilter) -> Rows:
    header = ["rep_id", "rep_name", "opportunity_id", "title", "customer_name", "stage", "expected_close_date",
              "days_overdue", "amount", "currency"]  # fmt: skip
    rows = [
        [r.rep_id, r.rep_name, o.opportunity_id, o.title, o.customer_name, o.stage_key, o.expected_close_date,
         o.days_overdue, o.amount, o.currency]
        for r in await reports.overdue(flt)
        for o in r.opportunities
    ]  # fmt: skip
    return header, rows


async def time_in_stage_rows(reports: Reports, flt: ReportFilter) -> Rows:
    header = ["pipeline_id", "stage", "position", "rep_id", "count", "mean_seconds", "median_seconds",
              "p90_seconds", "reached", "conversion_from_previous", "rotting_now", "open_now",
              "open_mean_seconds", "open_median_seconds", "open_p90_seconds"]  # fmt: skip
    rows: list[list[Any]] = []
    for pipeline in await reports.time_in_stage(flt):
        for s in pipeline.stages:
            o, n = s.overall, s.open_stays
            rows.append([pipeline.pipeline_id, s.stage_key, s.position, "", o.count if o else 0, o.mean if o else "",
                         o.median if o else "", o.p90 if o else "", s.reached, s.conversion_from_previous,
                         s.rotting_count, n.count if n else 0, n.mean if n else "", n.median if n else "",
                         n.p90 if n else ""])  # fmt: skip
            rows += [[pipeline.pipeline_id, s.stage_key, s.position, r.rep_id, r.stats.count, r.stats.mean,
                      r.stats.median, r.stats.p90, "", "", "", "", "", "", ""] for r in s.per_rep]  # fmt: skip
    return header, rows


async def source_value_rows(reports: Reports, flt: ReportFilter) -> Rows:
    """Per source and per kind for the period, then each source over its whole life."""
    header = ["group", "key", "name", "kind", "opportunities", "won", "lost", "win_rate", "average_cycle_seconds",
              "currency", "won_revenue", "open_pipeline", "weighted_pipeline", "cost", "roi", "cost_per_won",
              "cost_per_lead"]  # fmt: skip
    report = await reports.source_value(flt)
    lifetime = await reports.source_lifetime(flt)
    groups = (("source", report.by_source), ("kind", report.by_kind), ("source lifetime", lifetime.by_source))
    rows = [
        [group, s.key, s.name, s.kind, s.opportunities, s.won, s.lost, s.win_rate, s.average_cycle_seconds,
         m.currency, m.won_revenue, m.open_pipeline, m.weighted_pipeline, m.cost, m.roi, m.cost_per_won,
         m.cost_per_lead]
        for group, items in groups
        for s in items
        for m in s.money
    ]  # fmt: skip
    return header, rows


async def forecast_rows(reports: Reports, flt: ReportFilter) -> Rows:
    header = ["by", "month", "group", "group_name", "currency", "opportunities", "amount", "weighted"]
    report = await reports.forecast(flt)
    rows = [[by, x.month, x.group, x.group_name, x.currency, x.opportunities, x.amount, x.weighted]
            for by, lines in (("rep", report.by_rep), ("team", report.by_team)) for x in lines]  # fmt: skip
    return header, rows


async def calibration_rows(reports: Reports, flt: ReportFilter) -> Rows:
    """The pipeline's rows (group "pipeline"), then each source's (group "source"; no source id
    for opportunities without one)."""
    header = ["pipeline_id", "group", "source_id", "source_name", "stage", "position", "configured_probability",
              "reached_and_closed", "won", "observed_win_rate"]  # fmt: skip
    rows = []
    for p in await reports.calibration(flt):
        groups = [("pipeline", "", "", p.stages)]
        groups += [("source", s.source_id, s.source_name, s.stages) for s in p.by_source]
        rows += [[p.pipeline_id, group, source_id, name, s.stage_key, s.position, s.configured_probability,
                  s.reached_and_closed, s.won, s.observed_win_rate]
                 for group, source_id, name, stages in groups for s in stages]  # fmt: skip
    return header, rows


async def lost_reasons_rows(reports: Reports, flt: ReportFilter) -> Rows:
    """Every reason over all losses (group "all"), then per stage lost from, rep and source."""
    header = [
        "group",
        "key",
        "name",
        "pipeline_id",
        "reason_key",
        "reason_name_en",
        "reason_name_zh",
        "count",
    ]
    report = await reports.lost_reasons(flt)
    rows = [["all", "", "", "", r.reason_key, r.name_en, r.name_zh, r.count] for r in report.reasons]
    groups = (("stage", report.by_stage), ("rep", report.by_rep), ("source", report.by_source))
    rows += [[group, g.key, g.name, g.pipeline_id, r.reason_key, r.name_en, r.name_zh, r.count]
             for group, items in groups for g in items for r in g.reasons]  # fmt: skip
    return header, rows


EXPORTS: dict[str, Callable[[Reports, ReportFilter], Awaitable[Rows]]] = {
    "appraisal": appraisal_rows,
    "overdue": overdue_rows,
    "time-in-stage": time_in_stage_rows,
    "source-value": source_value_rows,
    "forecast": forecast_rows,
    "calibration": calibration_rows,
    "lost-reasons": lost_reasons_rows,
}


ENCODINGS = {"utf-8": "utf-8-sig", "big5": "cp950"}
"""What ``?encoding=`` may ask for, and the codec: UTF-8 with a byte-order mark (spreadsheet
programs then read Chinese names correctly), or Big5 as Excel in Taiwan writes it (code page
950, Microsoft's Big5, which has the characters plain Big5 lacks such as 碁 and 銹)."""


def render_csv(rows: Rows, encoding: str = "utf-8") -> bytes:
    """The rows as CSV in ``encoding`` (a key of ``ENCODINGS``). A character Big5 cannot hold
    becomes "?" rather than failing the whole export."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header, body = rows
    # Column labels in the caller's language (English: the column names programs know).
    writer.writerow([translate(column) for column in header])
    writer.writerows([["" if v is None else v for v in row] for row in body])
    return buffer.getvalue().encode(ENCODINGS[encoding], errors="replace")

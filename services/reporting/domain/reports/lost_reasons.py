"""Lost reasons: the deals lost in a period, counted by the reason they were lost for, and by
the stage they were lost from, the rep who owned them then and their source, so a manager sees
where and why deals slip away."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.view import OpportunityView

_Namer = Callable[[str, "str | None"], str]
LossKey = tuple[str, str, str, str, str]
"""(pipeline, stage lost from, owner then, source or "", reason key): what a loss is counted by."""


@dataclass(frozen=True)
class ReasonCount:
    reason_key: str
    name_en: str
    name_zh: str
    count: int


@dataclass(frozen=True)
class LossGroup:
    """The losses of one stage, rep or source (``key`` None: deals without a source)."""

    key: str | None
    name: str
    pipeline_id: str | None
    """The stage's pipeline, for a group by stage (the same key may name stages of two)."""
    total: int
    reasons: tuple[ReasonCount, ...]


@dataclass(frozen=True)
class LostReasonsReport:
    total: int
    reasons: tuple[ReasonCount, ...]
    by_stage: tuple[LossGroup, ...]
    by_rep: tuple[LossGroup, ...]
    by_source: tuple[LossGroup, ...]


def loss_key(view: OpportunityView) -> LossKey | None:
    loss = view.loss
    if loss is None:
        return None
    return (view.pipeline_id, loss.stage_key, loss.owner_id, view.source_id or "", loss.reason_key)


def lost_reasons(views: Iterable[OpportunityView], catalog: Catalog, flt: ReportFilter) -> LostReasonsReport:
    """Over opportunities lost in the period (and lost still)."""
    counts: Counter[LossKey] = Counter()
    for view in views:
        key = loss_key(view)
        if key is not None and flt.in_scope(view) and flt.contains(view.closed_at):
            counts[key] += 1
    return report_from_counts(counts, catalog)


def report_from_counts(counts: Counter[LossKey], catalog: Catalog) -> LostReasonsReport:
    """The report from losses counted by ``LossKey`` (the per-opportunity rule and the month
    rollups both count that way)."""
    names = _reason_names(catalog)

    def reasons(of: Iterable[tuple[LossKey, int]]) -> tuple[ReasonCount, ...]:
        per: Counter[str] = Counter()
        for key, n in of:
            per[key[4]] += n
        rows = [ReasonCount(k, *names.get(k, (k, k)), n) for k, n in per.items() if n]
        return tuple(sorted(rows, key=lambda r: (-r.count, r.reason_key)))

    def groups(pick: int, name_of: _Namer) -> tuple[LossGroup, ...]:
        grouped: dict[tuple[str, str | None], list[tuple[LossKey, int]]] = defaultdict(list)
        for key, n in counts.items():
            pipeline = key[0] if pick == 1 else None
            grouped[(key[pick], pipeline)].append((key, n))
        rows = [
            LossGroup(
                group or None,
                name_of(group, pipeline),
                pipeline,
                sum(n for _, n in members),
                reasons(members),
            )
            for (group, pipeline), members in grouped.items()
        ]
        return tuple(
            sorted((r for r in rows if r.total), key=lambda r: (-r.total, r.key or "", r.pipeline_id or ""))
        )

    def stage_name(key: str, pipeline: str | None) -> str:
        stage = catalog.stage(pipeline or "", key)
        return stage.name_en if stage else key

    def rep_name(key: str, _: str | None) -> str:
        return catalog.user_name(key) or key

    def source_name(key: str, _: str | None) -> str:
        source = catalog.sources.get(key)
        return source.name if source else (key or "No source")

    return LostReasonsReport(
        total=sum(counts.values()),
        reasons=reasons(counts.items()),
        by_stage=groups(1, stage_name),
        by_rep=groups(2, rep_name),
        by_source=groups(3, source_name),
    )


def _reason_names(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Each reason key's (English, Chinese) names; the first pipeline (by id) naming it wins."""
    names: dict[str, tuple[str, str]] = {}
    for pipeline_id in sorted(catalog.pipelines, reverse=True):
        for reason in catalog.pipelines[pipeline_id].lost_reasons:
            names[reason.key] = (reason.name_en, reason.name_zh)
    return names

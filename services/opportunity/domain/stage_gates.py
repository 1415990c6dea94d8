"""The evidence gate: which stages a deal must show evidence for before it gets where it is going.

One rule for every way a deal reaches a stage (a move, a reopening, a creation, an import):
every gated stage passed on the way must have its evidence. A jump does not skip a stage, it
passes it, so going from needs analysis straight to decision makers (or to won) asks for value
proposition's evidence too (docs/decisions/0010-evidence-on-the-way.md).

- Moving forward from stage A to a later open stage B: A and every active open stage between.
- Winning from A: A and every active open stage after it (a win passes them all).
- Moving back, or losing: nothing (no proof of work is needed to give up or to step back).
- Reopening a closed deal: as a move from the stage it was in when it closed, so losing and
  reopening further on is no way round the gate.
- Starting a deal in stage B (creation, import): every active open stage before B.

Evidence for a stage is an activity logged in that stage (its ``stage_key``), whenever it was
logged: a rep who jumps ahead logs what was done in the stages jumped over against those stages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from services.opportunity.domain.errors import StageNotFound
from services.opportunity.domain.evidence import (
    Activity,
    EvidenceError,
    EvidenceRequirement,
    api_field,
    missing_evidence,
)
from services.opportunity.domain.opportunity import Opportunity
from services.opportunity.domain.pipeline import Pipeline, Stage, StageKind

EvidenceRules = Mapping[str, Sequence[EvidenceRequirement]]
"""Each stage's requirements, by stage key (stages without any are absent)."""


def stage_reached(opportunity: Opportunity) -> str:
    """The open stage the deal had got to: its stage, or for a closed deal the stage it closed from."""
    if opportunity.is_open:
        return opportunity.stage.key
    for change in reversed(opportunity.stage_history):
        if change.from_stage is not None and change.from_stage.kind is StageKind.OPEN:
            return change.from_stage.key
    return opportunity.stage.key


def stages_to_prove(pipeline: Pipeline, from_key: str | None, to_key: str) -> list[Stage]:
    """The stages, in pipeline order, whose evidence a deal going from ``from_key`` (None: a new
    deal) to ``to_key`` must show."""
    target = pipeline.stage(to_key)
    if target.kind is StageKind.LOST:
        return []
    if from_key is None:
        start = None
    else:
        try:
            start = pipeline.stage(from_key)
        except StageNotFound:
            return []  # leaving a stage that no longer exists: nothing can be required of it
    if start is not None and target.kind is StageKind.OPEN and target.position <= start.position:
        return []  # moving back
    passed = [
        s for s in pipeline.stages
        if s.kind is StageKind.OPEN and not s.retired
        and (start is None or s.position > start.position)
        and (target.kind is StageKind.WON or s.position < target.position)
    ]  # fmt: skip
    if start is not None and start.kind is StageKind.OPEN:
        passed.insert(0, start)  # leaving it is passing it, even if it has been retired since
    return passed


def require_evidence_on_the_way(
    pipeline: Pipeline,
    from_key: str | None,
    to_key: str,
    rules: EvidenceRules,
    activities: Iterable[Activity],
) -> None:
    """Refuse (``EVIDENCE_REQUIRED``) when a stage on the way lacks its evidence. The error names
    the first such stage and what it misses; ``details.stages`` lists every such stage."""
    logged = list(activities)
    short: list[tuple[Stage, list[EvidenceRequirement]]] = []
    for stage in stages_to_prove(pipeline, from_key, to_key):
        missing = missing_evidence(rules.get(stage.key, ()), stage.key, logged)
        if missing:
            short.append((stage, missing))
    if not short:
        return
    stage, missing = short[0]
    name, key, needed = stage.name_en, stage.key, "; ".join(r.describe() for r in missing)
    details = {**_shortfall(stage, missing), "stages": [_shortfall(s, m) for s, m in short]}
    # Two whole sentences rather than one assembled from parts: each is one catalogue message.
    if from_key is None:
        raise EvidenceError(
            "EVIDENCE_REQUIRED",
            f"Stage {name!r} ({key}) needs evidence before you can start the deal past it: {needed}. "
            f"Start the deal in {key!r}, log the evidence there, then move it on.",
            details,
        )
    raise EvidenceError(
        "EVIDENCE_REQUIRED",
        f"Stage {name!r} ({key}) needs evidence before you can move on: {needed}. "
        f"Log it against stage {key!r}.",
        details,
    )


def _shortfall(stage: Stage, missing: Sequence[EvidenceRequirement]) -> dict[str, object]:
    return {
        "stage": stage.key,
        "stageKey": stage.key,
        "missingFields": sorted({api_field(f) for r in missing for f in r.any_of}),
        "missing": [
            {"kind": r.kind.value, "anyOf": [api_field(f) for f in r.any_of], "description": r.describe()}
            for r in missing
        ],
    }

from dataclasses import replace

import pytest

from services.opportunity.domain.errors import InvalidInput, StageNotFound, StageRetired
from services.opportunity.domain.pipeline import (
    Stage,
    StageKind,
    add_stage,
    reorder_stages,
    retire_stage,
    update_stage,
)

from ._factories import T0, pipeline


def test_default_pipeline_has_the_ten_stages_of_the_brief_with_their_probabilities() -> None:
    pipe = pipeline()
    assert [s.probability for s in pipe.stages] == [10, 20, 30, 40, 50, 60, 75, 90, 100, 0]
    assert pipe.stages[0].name_zh == "發現機會" and pipe.stages[6].name_zh == "建議報價"
    assert [s.kind for s in pipe.stages][-2:] == [StageKind.WON, StageKind.LOST]
    assert pipe.alert_days_before_close == 7


def test_a_second_won_stage_is_refused() -> None:
    with pytest.raises(InvalidInput, match="exactly one"):
        add_stage(pipeline(), Stage("won2", "中標2", "Won 2", 100, StageKind.WON), T0)


def test_retiring_the_only_won_stage_is_refused() -> None:
    with pytest.raises(InvalidInput):
        retire_stage(pipeline(), "won", T0)


def test_probability_out_of_range_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        add_stage(pipeline(), Stage("demo", "示範", "Demo", 101), T0)
    assert caught.value.field == "probability"


def test_adding_renaming_and_reordering_advance_the_version() -> None:
    pipe = add_stage(pipeline(), Stage("demo", "示範", "Demo", 35), T0, position=3)
    assert pipe.stages[3].key == "demo" and pipe.stages[3].position == 3 and pipe.version == 2
    pipe = update_stage(pipe, "demo", T0, name_en="Live demo", rotting_days=14)
    assert pipe.stage("demo").name_en == "Live demo" and pipe.stage("demo").rotting_days == 14
    keys = [s.key for s in pipe.stages]
    keys[0], keys[1] = keys[1], keys[0]
    pipe = reorder_stages(pipe, keys, T0)
    assert pipe.stages[0].key == "validate" and pipe.version == 4


def test_reorder_must_name_every_stage_once() -> None:
    with pytest.raises(InvalidInput):
        reorder_stages(pipeline(), ["discover", "won", "lost"], T0)


def test_a_retired_stage_stays_findable_but_cannot_be_entered() -> None:
    pipe = retire_stage(pipeline(), "validate", T0)
    assert pipe.stage("validate").retired
    with pytest.raises(StageRetired):
        pipe.active_stage("validate")
    with pytest.raises(StageNotFound):
        pipe.stage("nope")


def test_retired_keys_are_never_reused() -> None:
    pipe = retire_stage(pipeline(), "validate", T0)
    with pytest.raises(InvalidInput):
        add_stage(pipe, replace(pipe.stage("validate"), retired=False), T0)

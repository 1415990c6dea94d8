from typing import Optional

from .base_model import BaseModel
from .fragments import DurationFields


class TimeInStage(BaseModel):
    result: list["TimeInStageResult"]


class TimeInStageResult(BaseModel):
    pipelineId: str
    pipelineName: str
    stages: list["TimeInStageResultStages"]
    rotting: list["TimeInStageResultRotting"]
    rottingCount: int


class TimeInStageResultStages(BaseModel):
    stageKey: str
    stageName: str
    position: int
    overall: Optional["TimeInStageResultStagesOverall"]
    perRep: list["TimeInStageResultStagesPerRep"]
    reached: int
    conversionFromPrevious: Optional[str]
    rottingCount: int
    openStays: Optional["TimeInStageResultStagesOpenStays"]


TimeInStageResultStagesOverall = DurationFields


class TimeInStageResultStagesPerRep(BaseModel):
    repId: str
    repName: Optional[str]
    durations: "TimeInStageResultStagesPerRepDurations"


TimeInStageResultStagesPerRepDurations = DurationFields
TimeInStageResultStagesOpenStays = DurationFields


class TimeInStageResultRotting(BaseModel):
    opportunityId: str
    title: str
    ownerId: str
    stageKey: str
    daysInStage: int
    rottingDays: int


TimeInStage.model_rebuild()
TimeInStageResult.model_rebuild()
TimeInStageResultStages.model_rebuild()
TimeInStageResultStagesPerRep.model_rebuild()

from .base_model import BaseModel
from .fragments import CalibratedStageFields


class Calibration(BaseModel):
    result: list["CalibrationResult"]


class CalibrationResult(BaseModel):
    pipelineId: str
    pipelineName: str
    stages: list["CalibrationResultStages"]
    bySource: list["CalibrationResultBySource"]


CalibrationResultStages = CalibratedStageFields


class CalibrationResultBySource(BaseModel):
    sourceId: str
    sourceName: str
    stages: list["CalibrationResultBySourceStages"]


CalibrationResultBySourceStages = CalibratedStageFields
Calibration.model_rebuild()
CalibrationResult.model_rebuild()
CalibrationResultBySource.model_rebuild()

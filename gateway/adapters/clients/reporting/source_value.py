from .base_model import BaseModel
from .fragments import SourceValueFields


class SourceValue(BaseModel):
    result: "SourceValueResult"


class SourceValueResult(BaseModel):
    bySource: list["SourceValueResultBySource"]
    byKind: list["SourceValueResultByKind"]
    lifetimeBySource: list["SourceValueResultLifetimeBySource"]


SourceValueResultBySource = SourceValueFields
SourceValueResultByKind = SourceValueFields
SourceValueResultLifetimeBySource = SourceValueFields
SourceValue.model_rebuild()
SourceValueResult.model_rebuild()

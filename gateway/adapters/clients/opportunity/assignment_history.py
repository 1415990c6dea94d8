from .base_model import BaseModel
from .fragments import AssignmentEntryFields


class AssignmentHistory(BaseModel):
    result: list["AssignmentHistoryResult"]


AssignmentHistoryResult = AssignmentEntryFields
AssignmentHistory.model_rebuild()

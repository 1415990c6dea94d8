from .base_model import BaseModel
from .fragments import AlertSettingsFields


class AlertSettings(BaseModel):
    result: "AlertSettingsResult"


AlertSettingsResult = AlertSettingsFields
AlertSettings.model_rebuild()

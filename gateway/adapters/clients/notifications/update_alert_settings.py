from .base_model import BaseModel
from .fragments import AlertSettingsFields


class UpdateAlertSettings(BaseModel):
    result: "UpdateAlertSettingsResult"


UpdateAlertSettingsResult = AlertSettingsFields
UpdateAlertSettings.model_rebuild()

from .base_model import BaseModel
from .fragments import UserFields


class ChooseLocale(BaseModel):
    result: "ChooseLocaleResult"


ChooseLocaleResult = UserFields
ChooseLocale.model_rebuild()

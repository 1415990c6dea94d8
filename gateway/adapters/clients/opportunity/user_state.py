from typing import Optional

from .base_model import BaseModel


class UserState(BaseModel):
    result: "UserStateResult"


class UserStateResult(BaseModel):
    active: bool
    chosenLocale: Optional[str]


UserState.model_rebuild()

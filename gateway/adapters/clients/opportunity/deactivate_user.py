from .base_model import BaseModel
from .fragments import UserFields


class DeactivateUser(BaseModel):
    result: "DeactivateUserResult"


DeactivateUserResult = UserFields
DeactivateUser.model_rebuild()

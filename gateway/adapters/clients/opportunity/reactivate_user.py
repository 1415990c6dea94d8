from .base_model import BaseModel
from .fragments import UserFields


class ReactivateUser(BaseModel):
    result: "ReactivateUserResult"


ReactivateUserResult = UserFields
ReactivateUser.model_rebuild()

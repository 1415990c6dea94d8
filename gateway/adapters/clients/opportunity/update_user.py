from .base_model import BaseModel
from .fragments import UserFields


class UpdateUser(BaseModel):
    result: "UpdateUserResult"


UpdateUserResult = UserFields
UpdateUser.model_rebuild()

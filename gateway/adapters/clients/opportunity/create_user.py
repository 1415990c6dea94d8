from .base_model import BaseModel
from .fragments import UserFields


class CreateUser(BaseModel):
    result: "CreateUserResult"


CreateUserResult = UserFields
CreateUser.model_rebuild()

from .base_model import BaseModel
from .fragments import UserFields


class Users(BaseModel):
    result: list["UsersResult"]


UsersResult = UserFields
Users.model_rebuild()

from typing import Optional

from .base_model import BaseModel
from .enums import Role


class ActiveUsers(BaseModel):
    result: list["ActiveUsersResult"]


class ActiveUsersResult(BaseModel):
    id: str
    name: str
    email: str
    role: Role
    team: Optional[str]


ActiveUsers.model_rebuild()

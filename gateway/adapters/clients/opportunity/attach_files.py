from .base_model import BaseModel
from .fragments import AttachmentFields


class AttachFiles(BaseModel):
    result: list["AttachFilesResult"]


AttachFilesResult = AttachmentFields
AttachFiles.model_rebuild()

from .base_model import BaseModel
from .fragments import AttachmentFields


class Attachments(BaseModel):
    result: list["AttachmentsResult"]


AttachmentsResult = AttachmentFields
Attachments.model_rebuild()

from .base_model import BaseModel
from .fragments import OpportunityFields


class SetLineItems(BaseModel):
    result: "SetLineItemsResult"


SetLineItemsResult = OpportunityFields
SetLineItems.model_rebuild()

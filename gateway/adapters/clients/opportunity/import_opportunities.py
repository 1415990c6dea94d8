from .base_model import BaseModel
from .fragments import ImportJobFields


class ImportOpportunities(BaseModel):
    result: "ImportOpportunitiesResult"


ImportOpportunitiesResult = ImportJobFields
ImportOpportunities.model_rebuild()

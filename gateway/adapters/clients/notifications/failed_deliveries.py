from .base_model import BaseModel
from .fragments import DeliveryFields


class FailedDeliveries(BaseModel):
    result: list["FailedDeliveriesResult"]


FailedDeliveriesResult = DeliveryFields
FailedDeliveries.model_rebuild()

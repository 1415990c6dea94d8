"""Events about what opportunities refer to: pipelines, lead sources, products and users."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from contracts.events._base import Actor, EventData, Money, Role, SourceCostKind, SourceKind, StageKind


class StageSnapshot(EventData):
    key: str
    name_zh: str
    name_en: str
    kind: StageKind
    probability: int = Field(ge=0, le=100)
    position: int = Field(ge=0)
    rotting_days: int | None = None
    retired: bool = False


class LostReasonSnapshot(EventData):
    key: str
    name_zh: str
    name_en: str
    retired: bool = False


class PipelineSnapshot(EventData):
    id: str
    name: str
    alert_days_before_close: int
    stages: list[StageSnapshot]
    is_default: bool = False
    version: int = Field(ge=1)
    lost_reasons: list[LostReasonSnapshot] = Field(
        default_factory=list, description="Why its deals may be lost; 'other' always among them."
    )


class PipelineChanged(EventData):
    """Payload of ``pipeline.created`` and ``pipeline.updated``."""

    pipeline: PipelineSnapshot
    by: Actor


class SourceCost(EventData):
    """One thing a source cost: spent on ``starts_on``, or spread evenly over the days from
    ``starts_on`` to ``ends_on`` (both included)."""

    kind: SourceCostKind
    amount: Money
    starts_on: date
    ends_on: date | None = Field(default=None, description="The last day of a range; none for one day.")


class SourceSnapshot(EventData):
    id: str
    name: str
    kind: SourceKind
    starts_on: date | None = None
    ends_on: date | None = None
    cost: Money | None = Field(
        default=None, description="The single cost of earlier versions; `costs` lists it too, dated."
    )
    costs: list[SourceCost] = Field(default_factory=list, description="Every dated cost of the source.")
    version: int = Field(ge=1)


class SourceChanged(EventData):
    """Payload of ``source.created`` and ``source.updated``."""

    source: SourceSnapshot
    by: Actor


class UserSnapshot(EventData):
    id: str
    name: str
    email: str
    role: Role
    team: str | None = None
    manager_id: str | None = None
    active: bool = True
    version: int = Field(ge=1)
    locale: str | None = Field(
        default=None, description="The language the user chose, zh-TW or en; absent: not chosen (zh-TW)."
    )


class UserChanged(EventData):
    """Payload of ``user.created``, ``user.updated`` and ``user.deactivated``."""

    user: UserSnapshot
    by: Actor


class ProductSnapshot(EventData):
    id: str
    code: str = Field(description="Unique, upper case.")
    name_zh: str | None = None
    name_en: str | None = None
    product_line: str
    list_price: Money
    launch_date: date | None = None
    active: bool = Field(description="An inactive product stays on old deals but cannot be sold again.")
    version: int = Field(ge=1)


class ProductChanged(EventData):
    """Payload of ``product.created`` and ``product.updated``."""

    product: ProductSnapshot
    by: Actor

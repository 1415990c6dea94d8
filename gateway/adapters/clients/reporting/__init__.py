from .appraisal_policies import AppraisalPolicies, AppraisalPoliciesResult
from .appraisal_policy import AppraisalPolicy, AppraisalPolicyResult
from .base_model import BaseModel
from .calibration import (
    Calibration,
    CalibrationResult,
    CalibrationResultBySource,
    CalibrationResultBySourceStages,
    CalibrationResultStages,
)
from .client import Client
from .enums import CreditRule, RebuildJobState
from .exchange_rates import ExchangeRates, ExchangeRatesResult
from .forecast import (
    Forecast,
    ForecastResult,
    ForecastResultByRep,
    ForecastResultByTeam,
)
from .fragments import (
    CalibratedStageFields,
    DurationFields,
    ForecastFields,
    LostGroupFields,
    LostGroupFieldsReasons,
    MoneyFields,
    PolicyFields,
    RateFields,
    ReasonCountFields,
    RebuildJobFields,
    SourceValueFields,
    SourceValueFieldsMoney,
    SourceValueFieldsRevenueByProductLine,
)
from .input_types import AppraisalPolicyInput, ExchangeRateInput, ReportFilterInput
from .lost_reasons import (
    LostReasons,
    LostReasonsResult,
    LostReasonsResultByRep,
    LostReasonsResultBySource,
    LostReasonsResultByStage,
    LostReasonsResultReasons,
)
from .overdue import (
    Overdue,
    OverdueResult,
    OverdueResultOpportunities,
    OverdueResultOpportunitiesAmount,
    OverdueResultOverdueAmount,
)
from .rebuild_job import RebuildJob, RebuildJobResult
from .remove_exchange_rate import RemoveExchangeRate
from .rep_appraisal import (
    RepAppraisal,
    RepAppraisalResult,
    RepAppraisalResultPolicy,
    RepAppraisalResultReps,
    RepAppraisalResultRepsWonAmount,
)
from .service_base_client import ServiceBaseClient
from .set_appraisal_policy import SetAppraisalPolicy, SetAppraisalPolicyResult
from .set_exchange_rate import SetExchangeRate, SetExchangeRateResult
from .source_value import (
    SourceValue,
    SourceValueResult,
    SourceValueResultByKind,
    SourceValueResultBySource,
    SourceValueResultLifetimeBySource,
)
from .start_rebuild import StartRebuild, StartRebuildResult
from .time_in_stage import (
    TimeInStage,
    TimeInStageResult,
    TimeInStageResultRotting,
    TimeInStageResultStages,
    TimeInStageResultStagesOpenStays,
    TimeInStageResultStagesOverall,
    TimeInStageResultStagesPerRep,
    TimeInStageResultStagesPerRepDurations,
)

__all__ = [
    "AppraisalPolicies",
    "AppraisalPoliciesResult",
    "AppraisalPolicy",
    "AppraisalPolicyInput",
    "AppraisalPolicyResult",
    "BaseModel",
    "CalibratedStageFields",
    "Calibration",
    "CalibrationResult",
    "CalibrationResultBySource",
    "CalibrationResultBySourceStages",
    "CalibrationResultStages",
    "Client",
    "CreditRule",
    "DurationFields",
    "ExchangeRateInput",
    "ExchangeRates",
    "ExchangeRatesResult",
    "Forecast",
    "ForecastFields",
    "ForecastResult",
    "ForecastResultByRep",
    "ForecastResultByTeam",
    "LostGroupFields",
    "LostGroupFieldsReasons",
    "LostReasons",
    "LostReasonsResult",
    "LostReasonsResultByRep",
    "LostReasonsResultBySource",
    "LostReasonsResultByStage",
    "LostReasonsResultReasons",
    "MoneyFields",
    "Overdue",
    "OverdueResult",
    "OverdueResultOpportunities",
    "OverdueResultOpportunitiesAmount",
    "OverdueResultOverdueAmount",
    "PolicyFields",
    "RateFields",
    "ReasonCountFields",
    "RebuildJob",
    "RebuildJobFields",
    "RebuildJobResult",
    "RebuildJobState",
    "RemoveExchangeRate",
    "RepAppraisal",
    "RepAppraisalResult",
    "RepAppraisalResultPolicy",
    "RepAppraisalResultReps",
    "RepAppraisalResultRepsWonAmount",
    "ReportFilterInput",
    "ServiceBaseClient",
    "SetAppraisalPolicy",
    "SetAppraisalPolicyResult",
    "SetExchangeRate",
    "SetExchangeRateResult",
    "SourceValue",
    "SourceValueFields",
    "SourceValueFieldsMoney",
    "SourceValueFieldsRevenueByProductLine",
    "SourceValueResult",
    "SourceValueResultByKind",
    "SourceValueResultBySource",
    "SourceValueResultLifetimeBySource",
    "StartRebuild",
    "StartRebuildResult",
    "TimeInStage",
    "TimeInStageResult",
    "TimeInStageResultRotting",
    "TimeInStageResultStages",
    "TimeInStageResultStagesOpenStays",
    "TimeInStageResultStagesOverall",
    "TimeInStageResultStagesPerRep",
    "TimeInStageResultStagesPerRepDurations",
]

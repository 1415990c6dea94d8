from enum import Enum


class AccountOrigin(str, Enum):
    MANUAL = "MANUAL"
    IMPORT = "IMPORT"
    MIGRATION = "MIGRATION"


class ActivityKind(str, Enum):
    NOTE = "NOTE"
    CALL = "CALL"
    MEETING = "MEETING"
    EMAIL = "EMAIL"
    SAMPLE_SENT = "SAMPLE_SENT"
    QUOTE = "QUOTE"
    OTHER = "OTHER"


class AssignmentReason(str, Enum):
    INITIAL = "INITIAL"
    MANUAL = "MANUAL"
    BULK = "BULK"
    DISTRIBUTION = "DISTRIBUTION"
    HANDOVER = "HANDOVER"


class CardMatch(str, Enum):
    NAME = "NAME"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    TAX_NUMBER = "TAX_NUMBER"
    CREATED = "CREATED"


class ColumnMatchedBy(str, Enum):
    CHOSEN = "CHOSEN"
    SAVED = "SAVED"
    HEADER = "HEADER"
    VALUES = "VALUES"
    NONE = "NONE"


class ContactRole(str, Enum):
    DECISION_MAKER = "DECISION_MAKER"
    INFLUENCER = "INFLUENCER"
    USER = "USER"
    PURCHASING = "PURCHASING"


class DistributionStrategy(str, Enum):
    ROUND_ROBIN = "ROUND_ROBIN"
    FEWEST_OPEN = "FEWEST_OPEN"


class ImportField(str, Enum):
    COMPANY = "COMPANY"
    CONTACT = "CONTACT"
    TITLE = "TITLE"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    PRODUCT_INTEREST = "PRODUCT_INTEREST"
    AMOUNT = "AMOUNT"
    CURRENCY = "CURRENCY"
    NOTES = "NOTES"
    TAX_NUMBER = "TAX_NUMBER"
    ADDRESS = "ADDRESS"
    WEBSITE = "WEBSITE"
    INDUSTRY = "INDUSTRY"
    NOTE = "NOTE"
    IGNORE = "IGNORE"


class ImportMode(str, Enum):
    ALL_OR_NOTHING = "ALL_OR_NOTHING"
    VALID_ROWS = "VALID_ROWS"


class OpportunityOrder(str, Enum):
    CREATED_AT_DESC = "CREATED_AT_DESC"
    CREATED_AT_ASC = "CREATED_AT_ASC"
    EXPECTED_CLOSE_DATE_ASC = "EXPECTED_CLOSE_DATE_ASC"
    EXPECTED_CLOSE_DATE_DESC = "EXPECTED_CLOSE_DATE_DESC"
    UPDATED_AT_DESC = "UPDATED_AT_DESC"


class OpportunityStatus(str, Enum):
    OPEN = "OPEN"
    WON = "WON"
    LOST = "LOST"


class Role(str, Enum):
    REP = "REP"
    MANAGER = "MANAGER"
    ADMIN = "ADMIN"


class SourceCostKind(str, Enum):
    BOOTH_FEE = "BOOTH_FEE"
    TRAVEL = "TRAVEL"
    ADS = "ADS"
    DECORATION = "DECORATION"
    SAMPLES = "SAMPLES"
    STAFF = "STAFF"
    OTHER = "OTHER"


class SourceKind(str, Enum):
    TRADE_SHOW = "TRADE_SHOW"
    EXCHANGE_MEETING = "EXCHANGE_MEETING"
    EXPO = "EXPO"
    OVERSEAS_EXHIBITION = "OVERSEAS_EXHIBITION"
    ONLINE_REGISTRATION = "ONLINE_REGISTRATION"
    REFERRAL = "REFERRAL"
    OTHER = "OTHER"


class StageKind(str, Enum):
    OPEN = "OPEN"
    WON = "WON"
    LOST = "LOST"


class TimelineEntryKind(str, Enum):
    CREATED = "CREATED"
    STAGE_MOVE = "STAGE_MOVE"
    ASSIGNMENT = "ASSIGNMENT"
    CLOSE_DATE = "CLOSE_DATE"
    PROBABILITY = "PROBABILITY"
    ACTIVITY = "ACTIVITY"
    ACCOUNT = "ACCOUNT"

"""Every operation of the gateway's schema, called by each role: the ones a role may not use are
refused with FORBIDDEN before any service is asked; the others are not refused for the role
(they may still fail for other reasons, such as an id that does not exist)."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLType,
    Undefined,
    get_named_type,
)

from gateway.api.schema import build_schema
from servicekit.identity import Identity
from tests.integration.gateway._system import running_system

EVERYONE = {"REP", "MANAGER", "ADMIN"}
MANAGERS = {"MANAGER", "ADMIN"}
ADMINS = {"ADMIN"}

# Who may call each root operation. Object-level rules (a rep's own opportunities, a manager's
# team) are tested separately; a new operation must be added here or the walk fails.
ALLOWED: dict[str, set[str]] = {
    # queries
    "viewer": EVERYONE, "me": EVERYONE, "opportunity": EVERYONE, "opportunities": EVERYONE,
    "users": EVERYONE, "user": EVERYONE, "pipelines": EVERYONE, "pipeline": EVERYONE,
    "sources": EVERYONE, "source": EVERYONE, "notifications": EVERYONE,
    "unreadNotificationCount": EVERYONE, "alertSettings": EVERYONE, "opportunitiesClosingWithin": EVERYONE,
    "failedDeliveries": ADMINS, "repAppraisal": MANAGERS, "overdueReport": MANAGERS,
    "timeInStage": MANAGERS, "sourceValue": MANAGERS, "forecast": MANAGERS, "calibration": MANAGERS,
    "appraisalPolicy": MANAGERS, "appraisalPolicies": ADMINS, "exchangeRates": MANAGERS,
    # mutations
    "createOpportunity": EVERYONE, "updateOpportunity": EVERYONE, "moveOpportunityStage": EVERYONE,
    "reopenOpportunity": EVERYONE, "changeExpectedCloseDate": EVERYONE, "setProbabilityOverride": EVERYONE,
    "createPipeline": ADMINS, "addStage": ADMINS, "updateStage": ADMINS, "reorderStages": ADMINS,
    "retireStage": ADMINS, "updatePipeline": ADMINS, "createSource": ADMINS, "updateSource": ADMINS,
    "createUser": ADMINS, "updateUser": ADMINS, "deactivateUser": ADMINS, "reactivateUser": ADMINS, "chooseLocale": EVERYONE, "setAppraisalPolicy": ADMINS,
    "setExchangeRate": ADMINS, "removeExchangeRate": ADMINS,
    "updateAlertSettings": ADMINS, "markNotificationRead": EVERYONE, "markNotificationsRead": EVERYONE,
    "markAllNotificationsRead": EVERYONE,
    # issue 3: assignment, evidence
    "assignOpportunity": MANAGERS, "assignOpportunities": MANAGERS, "distributeOpportunities": MANAGERS,
    "handOverOpportunities": MANAGERS, "assignmentHistory": EVERYONE, "activities": EVERYONE,
    "attachments": EVERYONE, "stageEvidence": EVERYONE, "logActivity": EVERYONE, "reviseActivity": EVERYONE,
    "completeActivity": EVERYONE,
    "attachFiles": EVERYONE, "setStageEvidence": ADMINS,
    "importOpportunities": MANAGERS, "importJob": MANAGERS,
    "lostReasons": MANAGERS, "addLostReason": ADMINS, "updateLostReason": ADMINS, "retireLostReason": ADMINS,
    # accounts and contacts (which records a role sees is the service's rule, tested apart)
    "account": EVERYONE, "accounts": EVERYONE, "contact": EVERYONE, "contacts": EVERYONE,
    "createAccount": EVERYONE, "updateAccount": EVERYONE, "createContact": EVERYONE, "updateContact": EVERYONE,
    "mergeAccounts": MANAGERS, "mergeContacts": MANAGERS, "linkOpportunityAccount": EVERYONE,
    "attachContactCard": EVERYONE,
    "reportingRebuild": ADMINS, "startReportingRebuild": ADMINS,
    # the product catalogue (admins keep it) and a deal's line items (whoever may edit the deal)
    "product": EVERYONE, "products": EVERYONE, "createProduct": ADMINS, "updateProduct": ADMINS,
    "setLineItems": EVERYONE,
}  # fmt: skip
# Sent as multipart requests, not JSON; their role gates are the ones listed above.
NOT_WALKED_OVER_JSON = {"attachFiles", "importOpportunities", "attachContactCard"}
SUBSCRIPTIONS = {"opportunityChanged": EVERYONE, "myNotifications": EVERYONE}

ROLES = {
    "REP": Identity(user_id="walk-rep", role="REP", team="walk"),
    "MANAGER": Identity(user_id="walk-manager", role="MANAGER", team="walk"),
    "ADMIN": Identity(user_id="walk-admin", role="ADMIN"),
}
SCALARS = {"ID": "no-such-id", "String": "x", "Int": 1, "Boolean": False, "Float": 1.0,
           "Decimal": "1.00", "Date": "2030-01-01", "DateTime": "2030-01-01T00:00:00Z"}  # fmt: skip


def sample(type_: GraphQLType) -> Any:
    """A value of the type that passes GraphQL validation (not necessarily the services' rules)."""
    if isinstance(type_, GraphQLNonNull):
        return sample(type_.of_type)
    if isinstance(type_, GraphQLList):
        return [sample(type_.of_type)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {
            name: sample(field.type)
            for name, field in type_.fields.items()
            if isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined
        }
    assert isinstance(type_, GraphQLScalarType)
    return SCALARS[type_.name]


def operation(kind: str, name: str, field: Any) -> tuple[str, dict[str, Any]]:
    required = {a: arg for a, arg in field.args.items() if isinstance(arg.type, GraphQLNonNull)}
    declared = ", ".join(f"${a}: {arg.type}" for a, arg in required.items())
    arguments = ", ".join(f"{a}: ${a}" for a in required)
    selection = " { __typename }" if isinstance(get_named_type(field.type), GraphQLObjectType) else ""
    header = f"{kind}({declared})" if declared else kind
    call = f"{name}({arguments})" if arguments else name
    return f"{header} {{ {call}{selection} }}", {a: sample(arg.type) for a, arg in required.items()}


def operations() -> list[tuple[str, str, Any]]:
    schema = build_schema()._schema
    listed = []
    for kind, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        assert root is not None
        listed += [(kind, name, field) for name, field in root.fields.items()]
    return listed


def test_every_operation_is_classified():
    schema = build_schema()._schema
    names = {name for _, name, _ in operations()}
    assert names == set(ALLOWED), f"classify: {names ^ set(ALLOWED)}"
    assert schema.subscription_type is not None
    assert set(schema.subscription_type.fields) == set(SUBSCRIPTIONS)


@pytest.fixture(scope="module")
async def system(mongodb_url, amqp_url):
    async with running_system(mongodb_url, amqp_url) as running:
        yield running


@pytest.mark.parametrize("role", list(ROLES))
async def test_each_role_is_refused_exactly_the_operations_it_may_not_use(system, role):
    wrongly_refused, wrongly_allowed = [], []
    for kind, name, field in operations():
        if name in NOT_WALKED_OVER_JSON:
            continue
        document, variables = operation(kind, name, field)
        body = await system.ask(ROLES[role], document, variables)
        codes = {e.get("extensions", {}).get("code") for e in body.get("errors") or []}
        assert "GRAPHQL_VALIDATION_FAILED" not in codes, (name, body)
        assert "INTERNAL_ERROR" not in codes, (name, body)
        refused = "FORBIDDEN" in codes
        if role in ALLOWED[name] and refused:
            wrongly_refused.append(name)
        if role not in ALLOWED[name] and not refused:
            wrongly_allowed.append(name)
    assert not wrongly_refused, f"{role} was refused {wrongly_refused}"
    assert not wrongly_allowed, f"{role} was allowed {wrongly_allowed}"


async def _user(system, name: str, role: str, team: str) -> Identity:
    created = await system.data(
        ROLES["ADMIN"],
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        {"i": {"name": name, "email": f"{name.lower()}@walk.example", "role": role, "team": team}},
    )
    return Identity(user_id=created["createUser"]["id"], role=role, team=team, name=name)


async def _deal(system, owner: Identity) -> str:
    created = await system.data(
        ROLES["ADMIN"],
        "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
        {"i": {"title": f"{owner.name}'s deal", "customerName": "Acme", "amount": "10.00", "currency": "TWD",
               "expectedCloseDate": "2030-01-01", "ownerId": owner.user_id}},
    )  # fmt: skip
    return str(created["createOpportunity"]["id"])


async def test_reps_see_only_their_own_and_managers_only_their_teams(system):
    ann = await _user(system, "Ann", "REP", "east")
    bob = await _user(system, "Bob", "REP", "east")
    dan = await _user(system, "Dan", "REP", "south")
    east_manager = await _user(system, "Eve", "MANAGER", "east")
    anns, bobs, dans = await _deal(system, ann), await _deal(system, bob), await _deal(system, dan)
    listing = "{ opportunities(first: 100) { nodes { id } } }"

    def ids(data):
        return {n["id"] for n in data["opportunities"]["nodes"]}

    assert ids(await system.data(ann, listing)) == {anns}
    assert ids(await system.data(east_manager, listing)) >= {anns, bobs}
    assert dans not in ids(await system.data(east_manager, listing))
    # Asking for someone else's explicitly gives nothing, not their data.
    others = await system.data(
        ann, "query($o: ID) { opportunities(filter: {ownerId: $o}) { nodes { id } } }", {"o": bob.user_id}
    )
    assert others["opportunities"]["nodes"] == []
    one = await system.ask(ann, "query($id: ID!) { opportunity(id: $id) { id } }", {"id": bobs})
    assert one["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_rep_cannot_change_or_create_for_someone_else(system):
    ann = await _user(system, "Ann2", "REP", "east")
    bob = await _user(system, "Bob2", "REP", "east")
    bobs = await _deal(system, bob)
    move = await system.ask(
        ann,
        "mutation($i: UpdateOpportunityInput!) { updateOpportunity(input: $i) { id } }",
        {"i": {"id": bobs, "expectedVersion": 1, "title": "mine now"}},
    )
    assert move["errors"][0]["extensions"]["code"] in {"NOT_FOUND", "FORBIDDEN"}
    create = await system.ask(
        ann,
        "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
        {"i": {"title": "for Bob", "customerName": "Acme", "amount": "1.00", "currency": "TWD",
               "expectedCloseDate": "2030-01-01", "ownerId": bob.user_id}},
    )  # fmt: skip
    assert create["errors"][0]["extensions"]["code"] == "FORBIDDEN"


# Fields of updateOpportunity only some roles may send: (field values, role → the code expected or
# None when allowed). Facts of a win are nobody's to set; difficulty is a manager's, with a reason.
FIELD_RULES: list[tuple[dict[str, Any], dict[str, str | None]]] = [
    ({"isNewCustomer": True}, {"REP": "DERIVED_FACT", "MANAGER": "DERIVED_FACT", "ADMIN": "DERIVED_FACT"}),
    ({"isNewProduct": True}, {"REP": "DERIVED_FACT", "MANAGER": "DERIVED_FACT", "ADMIN": "DERIVED_FACT"}),
    ({"difficulty": "2.0", "difficultyReason": "A long tender"},
     {"REP": "DIFFICULTY_FORBIDDEN", "MANAGER": None, "ADMIN": None}),
]  # fmt: skip


@pytest.mark.parametrize("role", ["REP", "MANAGER", "ADMIN"])
async def test_the_fields_each_role_may_set_on_a_deal(system, role):
    team = f"fields-{role.lower()}"
    rep = await _user(system, f"Rep{role}", "REP", team)
    caller = rep if role == "REP" else await _user(system, f"Caller{role}", role, team)
    for fields, codes in FIELD_RULES:
        deal = await _deal(system, rep)
        answer = await system.ask(
            caller,
            "mutation($i: UpdateOpportunityInput!) { updateOpportunity(input: $i) { version difficulty } }",
            {"i": {"id": deal, "expectedVersion": 1, **fields}},
        )
        expected = codes[role]
        if expected is None:
            assert not answer.get("errors"), answer
            assert answer["data"]["updateOpportunity"] == {"version": 2, "difficulty": fields["difficulty"]}
        else:
            assert answer["errors"][0]["extensions"]["code"] == expected, (fields, role)


# Fields of the appraisal rules and of a deal's appraisal, read by each role: the policy's rules
# are a manager's to read (an administrator's to set, in ALLOWED); a deal's appraisal is read by
# whoever may see the deal, a rep their own.
POLICY_RULES = (
    "{ appraisalPolicy { launchWindowDays difficultyRules { productLines { productLine factor } "
    "segments { segment factor } sizeBands { currency minAmount maxAmount factor } } } }"
)
DEAL_APPRAISAL = (
    "query($id: ID!) { opportunity(id: $id) { appraisal { difficulty difficultySource rules { kind key factor } "
    "newCustomer newProduct newProductReason reward } } }"
)


@pytest.mark.parametrize("role", ["REP", "MANAGER", "ADMIN"])
async def test_the_appraisal_fields_each_role_may_read(system, role):
    team = f"appraisal-{role.lower()}"
    rep = await _user(system, f"Appraised{role}", "REP", team)
    caller = rep if role == "REP" else await _user(system, f"Reader{role}", role, team)
    rules = await system.ask(caller, POLICY_RULES)
    if role == "REP":
        assert rules["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    else:
        assert not rules.get("errors"), rules
        assert rules["data"]["appraisalPolicy"]["difficultyRules"] is not None
    deal = await _deal(system, rep)
    answer = await system.ask(caller, DEAL_APPRAISAL, {"id": deal})
    assert not answer.get("errors"), answer
    assert answer["data"]["opportunity"] == {"appraisal": None}  # open: no appraisal yet

from gateway.domain.access import (
    may_see_opportunity,
    may_see_user,
    opportunity_scope,
)
from servicekit.identity import Identity

ANN = Identity(user_id="ann", role="REP", team="north")
MEI = Identity(user_id="mei", role="MANAGER", team="north")
ROOT = Identity(user_id="root", role="ADMIN")


def test_a_rep_sees_only_their_own_opportunities():
    assert may_see_opportunity(ANN, "ann", "north")
    assert not may_see_opportunity(ANN, "bob", "north")


def test_a_manager_sees_their_teams_opportunities_only():
    assert may_see_opportunity(MEI, "bob", "north")
    assert not may_see_opportunity(MEI, "dan", "south")
    assert not may_see_opportunity(MEI, "dan", None)


def test_an_administrator_sees_everything():
    assert may_see_opportunity(ROOT, "anyone", None)


def test_list_queries_are_narrowed_to_the_role():
    assert opportunity_scope(ANN).owner_id == "ann"
    assert opportunity_scope(MEI).team == "north"
    assert opportunity_scope(ROOT) == opportunity_scope(ROOT).__class__()


def test_a_manager_without_a_team_sees_their_own_as_the_service_decides():
    lone = Identity(user_id="lone", role="MANAGER", team=None)
    assert opportunity_scope(lone) == opportunity_scope(lone).__class__(owner_id="lone")
    assert may_see_opportunity(lone, "lone", None)
    assert not may_see_opportunity(lone, "bob", None)


def test_users_are_visible_to_themselves_their_manager_and_admins():
    assert may_see_user(ANN, "ann", "north")
    assert not may_see_user(ANN, "bob", "north")
    assert may_see_user(MEI, "bob", "north")
    assert not may_see_user(MEI, "dan", "south")
    assert may_see_user(ROOT, "dan", "south")

from graphql import parse

from gateway.api.limits.analysis import measure_operation
from gateway.api.schema import build_schema

SCHEMA = build_schema()._schema


def measure(query: str, variables: dict | None = None, **kwargs):
    return measure_operation(SCHEMA, parse(query), None, variables, **kwargs)


def test_depth_counts_nested_selections_through_fragments():
    query = """
    { opportunities { nodes { ...F } } }
    fragment F on Opportunity { owner { name } }
    """
    assert measure(query).depth == 4


def test_every_alias_is_counted():
    assert measure("{ x: viewer { role } y: viewer { role } z: me { q: name } }").aliases == 4


def test_a_page_multiplies_the_cost_of_what_is_asked_per_item():
    small = measure("{ opportunities(first: 10) { nodes { id owner { name } } } }")
    large = measure("{ opportunities(first: 100) { nodes { id owner { name } } } }")
    assert small.cost == 1 + 10 * (1 + 1 + 2)
    assert large.cost == 1 + 100 * (1 + 1 + 2)
    assert large.largest_page == 100


def test_a_page_size_given_as_a_variable_is_read_from_the_variables():
    result = measure("query($n: Int!) { opportunities(first: $n) { nodes { id } } }", {"n": 500})
    assert result.largest_page == 500
    assert result.cost == 1 + 500 * 2


def test_a_page_size_left_out_counts_as_the_schemas_default():
    # opportunities(first: Int! = 50), User.opportunities(first: Int! = 20)
    implicit = measure("{ opportunities { nodes { owner { opportunities { nodes { id } } } } } }")
    explicit = measure(
        "{ opportunities(first: 50) { nodes { owner { opportunities(first: 20) { nodes { id } } } } } }"
    )
    assert implicit.cost == explicit.cost == 1 + 50 * (1 + 1 + (1 + 20 * 2))
    assert implicit.largest_page == 50


def test_a_variable_left_out_counts_as_its_default_then_the_arguments():
    with_default = measure("query($n: Int! = 90) { opportunities(first: $n) { nodes { id } } }")
    without = measure("query($n: Int) { notifications(first: $n) { items { id } } }")
    assert with_default.largest_page == 90
    assert without.largest_page == 20  # notifications(first: Int! = 20)


def test_page_sizes_are_read_through_fragments_on_their_own_types():
    query = """
    { me { ...Mine } }
    fragment Mine on User { opportunities { nodes { id } } }
    """
    assert measure(query).cost == 1 + (1 + 20 * 2)


def test_the_longest_string_literal_is_found_in_nested_arguments():
    query = '{ opportunities(filter: { search: "%s", team: "north" }) { totalCount } }' % ("x" * 300)
    assert measure(query).longest_string == 300


def test_a_fragment_bomb_stops_the_walk_instead_of_exploding():
    fragments = "\n".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(30))
    query = "{ ...F0 }\n" + fragments + "\nfragment F30 on Query { viewer { role } }"
    result = measure(query, max_fields=1_000)
    assert result.truncated


def test_introspection_fields_cost_nothing():
    assert measure("{ __typename }").cost == 0

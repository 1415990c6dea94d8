from graphql import parse

from gateway.api.limits.analysis import measure_operation


def measure(query: str, variables: dict | None = None, **kwargs):
    return measure_operation(parse(query), None, variables, **kwargs)


def test_depth_counts_nested_selections_through_fragments():
    query = """
    { a { b { ...F } } }
    fragment F on T { c { d } }
    """
    assert measure(query).depth == 4


def test_every_alias_is_counted():
    assert measure("{ x: a y: a z: a { q: b } }").aliases == 4


def test_a_page_multiplies_the_cost_of_what_is_asked_per_item():
    small = measure("{ opportunities(first: 10) { id owner { name } } }")
    large = measure("{ opportunities(first: 100) { id owner { name } } }")
    assert small.cost == 1 + 10 * (1 + 2)
    assert large.cost == 1 + 100 * (1 + 2)
    assert large.largest_page == 100


def test_a_page_size_given_as_a_variable_is_read_from_the_variables():
    result = measure("query($n: Int) { opportunities(first: $n) { id } }", {"n": 500})
    assert result.largest_page == 500
    assert result.cost == 1 + 500


def test_a_fragment_bomb_stops_the_walk_instead_of_exploding():
    fragments = "\n".join(f"fragment F{i} on T {{ ...F{i + 1} ...F{i + 1} }}" for i in range(30))
    query = "{ a { ...F0 } }\n" + fragments + "\nfragment F30 on T { x }"
    result = measure(query, max_fields=1_000)
    assert result.truncated


def test_introspection_fields_cost_nothing():
    assert measure("{ __typename }").cost == 0

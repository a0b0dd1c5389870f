"""Parameters reach FalkorDB the client's own way (``graph.query(q, params)``) and come back
unchanged; values it cannot take are refused before anything is sent."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.store import QueryError, SchemaViolation
from kg.store.falkordb_store import FalkorStore, check_parameter, with_parameters

TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=80)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(2**53), 2**53), TEXT)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.one_of(
        SCALARS,
        st.lists(TEXT, max_size=4),
        st.dictionaries(
            st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True), SCALARS, max_size=3
        ),
    )
)
def test_values_come_back_from_falkordb_unchanged(store: FalkorStore, value: object) -> None:
    assert store.query("RETURN $v AS v", {"v": value}, write=True).rows == [[value]]


def test_floats_round_trip(store: FalkorStore) -> None:
    values = [0.1, 1e-05, 123456.789, -2.5e300]
    assert store.query("RETURN $v AS v", {"v": values}, write=True).rows == [[values]]


@pytest.mark.parametrize("value", [math.nan, math.inf, [1.0, -math.inf], {"x": math.nan}])
def test_numbers_that_cannot_be_stored_are_rejected(store: FalkorStore, value: object) -> None:
    with pytest.raises(SchemaViolation, match="cannot store the number"):
        store.query("RETURN $v AS v", {"v": value})


@pytest.mark.parametrize("key", ["a`b", ""])
def test_map_keys_the_parameter_header_cannot_quote_are_rejected(
    store: FalkorStore, key: str
) -> None:
    with pytest.raises(SchemaViolation, match="map key"):
        store.query("RETURN $v AS v", {"v": {key: 1}})


@pytest.mark.parametrize("value", ["a\x00b", ["ok", "\x00"], {"k": "\x00"}])
def test_text_with_a_nul_is_rejected(store: FalkorStore, value: object) -> None:
    with pytest.raises(SchemaViolation, match="cannot take a NUL"):
        store.query("RETURN $v AS v", {"v": value})


def test_other_python_objects_are_not_parameters() -> None:
    with pytest.raises(SchemaViolation, match="cannot pass a set as a query parameter"):
        check_parameter("v", {1, 2})


def test_parameters_stay_values_and_never_become_query_text(store: FalkorStore) -> None:
    sneaky = '"}) RETURN 1 AS v //'
    assert store.query("RETURN $x AS x", {"x": sneaky}, write=True).rows == [[sneaky]]
    with pytest.raises(QueryError, match=r"\$missing"):
        store.query("RETURN $missing AS x", {}, write=True)


ROW_VALUES = st.one_of(
    st.booleans(),
    st.integers(-(2**53), 2**53),
    # FalkorDB replies with 15 significant digits, so only such floats can come back unchanged
    st.floats(allow_nan=False, allow_infinity=False)
    .map(lambda x: float(f"{x:.15g}"))
    .filter(math.isfinite),
    TEXT,
    st.lists(TEXT, max_size=3),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(TEXT, ROW_VALUES, ROW_VALUES), max_size=4))
def test_load_rows_come_back_from_falkordb_unchanged(
    store: FalkorStore, rows: list[tuple[object, ...]]
) -> None:
    result = store.graph.query("RETURN $rows", {"rows": rows})
    assert result.result_set == [[[list(row) for row in rows]]]


def test_load_rows_with_escapes_and_control_characters_come_back_unchanged(
    store: FalkorStore,
) -> None:
    rows = [("a\\n\n", 1.5, ["x"], True), ("\x01\\u00e9\b\f\r\t", -0.0, [], False)]
    counts = store.write(
        "UNWIND $rows AS row CREATE (:Paper {id: row[0], v: row[1]})", {"rows": rows}
    )
    assert counts.nodes_created == 2
    back = store.query("MATCH (p:Paper) RETURN p.id, p.v ORDER BY p.v DESC", {}).rows
    assert back == [["a\\n\n", 1.5], ["\x01\\u00e9\b\f\r\t", -0.0]]


def test_a_write_encoded_ahead_sends_what_the_client_would(store: FalkorStore) -> None:
    rows = [(text, i) for i, text in enumerate(['"q"', "\\", "a\nb", "\x01", "😀", ""])]
    statement = "UNWIND $rows AS row CREATE (:Paper {id: row[0], n: row[1]})"
    assert with_parameters(statement, {"rows": rows}).startswith("CYPHER rows=[")
    counts = list(
        store.write_many([(statement, {"rows": rows[:3]}), (statement, {"rows": rows[3:]})])
    )
    assert [c.nodes_created for c in counts] == [3, 3]
    back = store.query("MATCH (p:Paper) RETURN p.id, p.n ORDER BY p.n", {}).rows
    assert back == [list(row) for row in rows]


def test_parameter_names_must_be_plain_identifiers() -> None:
    with pytest.raises(SchemaViolation, match="not a plain identifier"):
        with_parameters("RETURN 1", {"a b": 1})

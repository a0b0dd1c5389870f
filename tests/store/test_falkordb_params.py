from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.store.errors import SchemaViolation
from kg.store.falkordb_params import literal, rows_literal, with_parameters
from kg.store.falkordb_store import FalkorStore

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


def test_numbers_that_cannot_be_stored_are_rejected() -> None:
    with pytest.raises(SchemaViolation):
        literal(math.nan)


def test_map_keys_with_backticks_are_rejected() -> None:
    with pytest.raises(SchemaViolation, match="map key"):
        literal({"a`b": 1})


def test_the_header_precedes_the_statement() -> None:
    assert with_parameters("RETURN $x", {"x": 'a"b'}) == 'CYPHER x="a\\"b" RETURN $x'
    assert with_parameters("RETURN 1", {}) == "RETURN 1"


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
    result = store.graph.query(f"CYPHER rows={rows_literal(rows)} RETURN $rows")
    assert result.result_set == [[[list(row) for row in rows]]]


def test_load_rows_are_json_unless_a_string_needs_an_escape_falkordb_lacks() -> None:
    assert rows_literal([("a\\n\n", 1.5, ["x"], True)]) == r'[["a\\n\n",1.5,["x"],true]]'
    assert rows_literal([("\x01",)]) == '[["\x01"]]'

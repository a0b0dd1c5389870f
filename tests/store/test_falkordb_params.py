from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.store.errors import SchemaViolation
from kg.store.falkordb_params import literal, with_parameters
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

"""Lazy package names: imported from their module when first asked for, then kept."""

from __future__ import annotations

import json.decoder
from typing import Any

import pytest

import kg.graph
import kg.store
from kg._lazy import lazy_names


def test_a_name_is_found_in_its_module_and_kept() -> None:
    namespace: dict[str, Any] = {"__all__": ["JSONDecoder"]}
    getattr_, dir_ = lazy_names("json", {"JSONDecoder": "decoder"}, namespace)
    assert getattr_("JSONDecoder") is json.decoder.JSONDecoder
    assert namespace["JSONDecoder"] is json.decoder.JSONDecoder
    assert "JSONDecoder" in dir_()


def test_an_unknown_name_is_an_attribute_error_naming_the_package() -> None:
    getattr_, _dir = lazy_names("json", {}, {})
    with pytest.raises(AttributeError, match="module 'json' has no attribute 'nothing'"):
        getattr_("nothing")


@pytest.mark.parametrize(
    ("package", "name"), [(kg.graph, "read_graphml"), (kg.store, "read_graph")]
)
def test_the_packages_list_and_give_their_lazy_names(package: Any, name: str) -> None:
    assert name in dir(package)
    assert callable(getattr(package, name))
    with pytest.raises(AttributeError, match=f"module '{package.__name__}' has no attribute"):
        package.no_such_name  # noqa: B018

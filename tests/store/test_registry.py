"""Choosing a backend from a URI: the schemes the built-in backends register, unknown schemes,
registering another backend, and the Neo4j driver loaded only for Neo4j URIs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.errors import StoreError
from kg.store import (
    QueryResult,
    StoreSettings,
    WriteCounts,
    backend_for,
    open_store,
    redact,
    register,
    registry,
    schemes,
)
from kg.store.settings import default_home


@pytest.mark.parametrize(
    ("uri", "backend"),
    [
        (None, "embedded"),
        ("", "embedded"),
        ("bolt://localhost:7687", "neo4j"),
        ("neo4j+s://db.example.org", "neo4j"),
        ("bolt+ssc://10.0.0.1:7687", "neo4j"),
        ("NEO4J://upper.case:7687", "neo4j"),
        ("falkor://localhost:6379", "falkordb"),
        ("falkors://localhost:6379", "falkordb"),
        ("redis://localhost:6379", "falkordb"),
        ("rediss://user:pw@host:6380", "falkordb"),
        ("unix:///tmp/redis.sock", "falkordb"),
    ],
)
def test_the_uri_scheme_chooses_the_backend(uri: str | None, backend: str) -> None:
    assert backend_for(uri).name == backend


def test_the_built_in_backends_register_every_documented_scheme() -> None:
    assert schemes() == [
        "bolt",
        "bolt+s",
        "bolt+ssc",
        "falkor",
        "falkors",
        "neo4j",
        "neo4j+s",
        "neo4j+ssc",
        "redis",
        "rediss",
        "unix",
    ]


def test_an_unknown_scheme_lists_the_schemes_there_are() -> None:
    with pytest.raises(StoreError) as caught:
        backend_for("http://localhost:7474")
    known = ", ".join(f"{s}://" for s in schemes())
    assert caught.value.message == (
        f"unsupported database URI 'http://localhost:7474' (use one of {known}, or none)"
    )


def test_an_unknown_scheme_is_rejected_without_showing_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        backend_for("http://me:s3cret@host:7474")
    assert "s3cret" not in str(caught.value)
    assert "http://me:***@host:7474" in str(caught.value)


def test_redact_keeps_uris_without_a_password() -> None:
    assert redact("bolt://localhost:7687") == "bolt://localhost:7687"
    assert redact("redis://:pw@h:1/0") == "redis://:***@h:1/0"


def clear_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KG_HOME", "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)


def test_settings_come_from_a_dotenv_file_and_hide_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clear_env(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(
        "NEO4J_URI=bolt://localhost:7687\nNEO4J_USER=alice\nNEO4J_PASSWORD=s3cret-pw\n"
        "NEO4J_DATABASE=papers\nKG_HOME=~/kg-data\nUNRELATED=1\n"
    )
    settings = StoreSettings()
    assert settings.neo4j_uri == "bolt://localhost:7687"
    assert settings.neo4j_user == "alice"
    assert settings.neo4j_database == "papers"
    assert settings.neo4j_password is not None
    assert settings.neo4j_password.get_secret_value() == "s3cret-pw"
    assert "s3cret-pw" not in repr(settings) and "s3cret-pw" not in str(settings)
    assert settings.home == Path.home() / "kg-data"


def test_the_environment_overrides_the_dotenv_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clear_env(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("NEO4J_USER=alice\n")
    monkeypatch.setenv("NEO4J_USER", "bob")
    assert StoreSettings().neo4j_user == "bob"


def test_defaults_without_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clear_env(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    settings = StoreSettings()
    assert settings.neo4j_uri is None and settings.neo4j_password is None
    assert settings.neo4j_user == "neo4j"
    if default_home() == tmp_path / "xdg" / "kg":  # Linux and other XDG systems
        assert settings.home == tmp_path / "xdg" / "kg"


def test_an_unreachable_neo4j_is_a_clear_error_that_never_shows_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clear_env(monkeypatch)
    monkeypatch.chdir(tmp_path)
    settings = StoreSettings(neo4j_password="s3cret-pw")  # type: ignore[arg-type]
    with pytest.raises(StoreError) as caught:
        open_store("bolt://127.0.0.1:1", settings=settings)
    assert "cannot connect to Neo4j at bolt://127.0.0.1:1" in str(caught.value)
    assert "s3cret-pw" not in str(caught.value)


def test_neo4j_uri_from_the_environment_selects_neo4j(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clear_env(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEO4J_URI", "neo4j://127.0.0.1:1")
    with pytest.raises(StoreError, match=r"cannot connect to Neo4j at neo4j://127\.0\.0\.1:1"):
        open_store(None)


class MemoryStore:
    """A backend as small as the protocol allows."""

    def __init__(self, uri: str | None, graph: str) -> None:
        self.description = f"memory {uri} {graph}"
        self.closed = False

    def ensure_schema(self) -> list[str]:
        return []

    def write(self, statement: str, params: dict[str, Any]) -> WriteCounts:
        return WriteCounts()

    def query(self, statement: str, params: dict[str, Any], *, write: bool = False) -> QueryResult:
        return QueryResult(columns=["uri"], rows=[[self.description]])

    def persist(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def memory_backend() -> Iterator[None]:
    def open_memory(
        uri: str | None, graph: str, settings: StoreSettings, notify: Any
    ) -> MemoryStore:
        return MemoryStore(uri, graph)

    register("memory", open_memory, schemes=["mem"])
    yield
    registry._BACKENDS.pop("memory")


def test_a_registered_backend_opens_its_scheme(memory_backend: None) -> None:
    assert "mem" in schemes()
    store = open_store("mem://here", "papers", StoreSettings())
    assert isinstance(store, MemoryStore)
    assert store.description == "memory mem://here papers"
    with pytest.raises(StoreError, match=r"use one of .*mem://"):
        backend_for("nope://x")


def test_a_scheme_or_the_default_belongs_to_one_backend(memory_backend: None) -> None:
    def opener(uri: str | None, graph: str, settings: StoreSettings, notify: Any) -> MemoryStore:
        return MemoryStore(uri, graph)

    with pytest.raises(ValueError, match="backend 'memory' already serves mem"):
        register("other", opener, schemes=["MEM"])
    with pytest.raises(ValueError, match="backend 'embedded' is already the default"):
        register("other", opener, default=True)
    assert "other" not in {backend.name for backend in registry.backends()}


def loads_neo4j(code: str) -> bool:
    """Whether running ``code`` in a fresh interpreter imports the Neo4j driver."""
    script = f"import sys\n{code}\nprint('neo4j' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return result.stdout.strip().splitlines()[-1] == "True"


def test_the_neo4j_driver_is_imported_only_for_a_neo4j_uri() -> None:
    falkordb = (
        "import kg.store\n"
        "from kg.cli.main import build_parser\n"
        "build_parser()\n"
        "try:\n"
        "    kg.store.open_store('falkor://127.0.0.1:1', settings=kg.store.StoreSettings())\n"
        "except kg.store.StoreError:\n"
        "    pass"
    )
    assert not loads_neo4j(falkordb)
    neo4j = (
        "import kg.store\n"
        "try:\n"
        "    kg.store.open_store('bolt://127.0.0.1:1', settings=kg.store.StoreSettings())\n"
        "except kg.store.StoreError:\n"
        "    pass"
    )
    assert loads_neo4j(neo4j)

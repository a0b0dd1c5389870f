from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.store.connect import Backend, backend_for, open_store, redact
from kg.store.settings import StoreSettings, default_home


@pytest.mark.parametrize(
    ("uri", "backend"),
    [
        (None, Backend.EMBEDDED),
        ("", Backend.EMBEDDED),
        ("bolt://localhost:7687", Backend.NEO4J),
        ("neo4j+s://db.example.org", Backend.NEO4J),
        ("bolt+ssc://10.0.0.1:7687", Backend.NEO4J),
        ("falkor://localhost:6379", Backend.FALKORDB),
        ("redis://localhost:6379", Backend.FALKORDB),
        ("rediss://user:pw@host:6380", Backend.FALKORDB),
    ],
)
def test_the_uri_scheme_chooses_the_backend(uri: str | None, backend: Backend) -> None:
    assert backend_for(uri) == backend


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

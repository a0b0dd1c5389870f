"""Connection settings read from the environment or a ``.env`` file in the working directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_home() -> Path:
    """Where the embedded database keeps its data when ``KG_HOME`` is not set."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "kg"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "kg"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "kg"


class StoreSettings(BaseSettings):
    """``KG_HOME`` and the ``NEO4J_*`` variables; the password is never shown."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    kg_home: Path | None = None
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str | None = None

    @property
    def home(self) -> Path:
        return (self.kg_home or default_home()).expanduser()

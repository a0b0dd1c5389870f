"""User-facing errors. Each carries a short code so messages can be looked up and grepped."""

from __future__ import annotations


class KgError(Exception):
    """An error the user can act on; the CLI prints it without a traceback."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(KgError):
    """An input could not be read (in ``--strict`` mode, the first bad record)."""

    code = "E001"


class OutputError(KgError):
    """An output path cannot be written or an expected output is missing."""

    code = "E002"


class ConfigError(KgError):
    """A configuration file, gazetteer or model option is unusable."""

    code = "E003"


class StoreError(KgError):
    """The graph database is unreachable or rejected a statement."""

    code = "E004"

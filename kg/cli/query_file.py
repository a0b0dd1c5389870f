"""Query files: Cypher preceded by a ``//`` comment block that says what the query answers and
declares its parameters with defaults, e.g. ``// @param dataset = "ImageNet"``; ``--param``
options; and scripts of several statements (such as ``kg export --format cypher`` writes) split
into statements."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError, UsageError

_PARAM = re.compile(r"^@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$")


def parse_value(text: str) -> Any:
    """A JSON value if ``text`` is one (``10``, ``"x"``, ``true``, ``[1]``), else the string."""
    try:
        return json.loads(text)
    except ValueError:
        return text


@dataclass(frozen=True)
class QueryFile:
    path: Path
    description: str
    defaults: dict[str, Any]
    text: str

    def parameters(self, overrides: dict[str, Any]) -> dict[str, Any]:
        """Declared defaults with ``overrides`` applied; an undeclared name is an error."""
        unknown = sorted(set(overrides) - set(self.defaults))
        if unknown:
            declared = ", ".join(self.defaults) or "none"
            raise InputError(
                f"{self.path}: unknown parameter(s) {', '.join(unknown)} (declared: {declared})"
            )
        return self.defaults | overrides


def parse_query_file(path: Path) -> QueryFile:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read query file {path}: {exc.strerror}") from None
    description: list[str] = []
    defaults: dict[str, Any] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            break
        comment = stripped[2:].strip()
        match = _PARAM.match(comment)
        if match:
            defaults[match.group(1)] = parse_value(match.group(2).strip())
        elif comment.startswith("@param"):
            raise InputError(f"{path}: cannot read {comment!r} (write '@param name = value')")
        else:
            description.append(comment)
    return QueryFile(path=path, description=" ".join(description), defaults=defaults, text=text)


def parse_param_option(option: str) -> tuple[str, Any]:
    """``name=value`` from ``--param``; the value is JSON when it parses, else a string."""
    name, sep, value = option.partition("=")
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name.strip()):
        raise UsageError(f"--param {option!r}: expected name=value")
    return name.strip(), parse_value(value)


def split_statements(text: str) -> list[str]:
    """The statements of a script: split at ``;`` outside strings, names and ``//`` comments."""
    statements: list[str] = []
    current: list[str] = []
    quote: str | None = None
    i = 0
    while i < len(text):
        char = text[i]
        if quote is not None:
            current.append(char)
            if char == "\\" and quote != "`" and i + 1 < len(text):
                current.append(text[i + 1])
                i += 1
            elif char == quote:
                quote = None
        elif char in "\"'`":
            quote = char
            current.append(char)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif char == ";":
            statements.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    statements.append("".join(current))
    return [s.strip() for s in statements if s.strip()]

"""Query files: Cypher preceded by a ``//`` comment block that says what the query answers and
declares its parameters with defaults, e.g. ``// @param dataset = "ImageNet"``; ``--param``
options; and scripts of several statements (such as ``kg export --format cypher`` writes) split
into statements.

A ``--param name=value`` value is text unless the parameter's declared default says otherwise:
``// @param limit = 10`` makes ``--param limit=5`` the number 5, a ``true``/``false`` default a
boolean, a list or map default JSON. So ``--param paper=2403.01234`` stays the string arXiv id.
``--param name:TYPE=value`` (``str``, ``int``, ``float``, ``bool``, ``json``) states the type,
for inline queries, which declare nothing."""

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


_TYPES = ("str", "int", "float", "bool", "json")


@dataclass(frozen=True)
class Param:
    """A ``--param`` value as given: its text, and the type stated with ``name:TYPE=``."""

    text: str
    type: str | None = None


def _kind(default: Any) -> str:
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, int):
        return "int"
    if isinstance(default, float):
        return "float"
    if isinstance(default, list | dict):
        return "json"
    return "str"


def typed_value(name: str, param: Param, default: Any = None) -> Any:
    """The value of ``--param name=...``: of its stated type, else of its default's type."""
    kind = param.type or _kind(default)
    text = param.text
    try:
        if kind == "int":
            try:
                return int(text)
            except ValueError:
                return float(text)
        if kind == "float":
            return float(text)
        if kind == "bool":
            if text.lower() not in ("true", "false"):
                raise ValueError(text)
            return text.lower() == "true"
        if kind == "json":
            return json.loads(text)
        if text.startswith('"') and text.endswith('"') and len(text) > 1:
            quoted = json.loads(text)  # a JSON string literal: '"ResNet"' is ResNet
            if isinstance(quoted, str):
                return quoted
    except ValueError:
        raise UsageError(
            f"--param {name}={text!r}: {name} is declared as {kind} (default {default!r}); "
            f"give a {kind} value"
        ) from None
    return text


@dataclass(frozen=True)
class QueryFile:
    path: Path
    description: str
    defaults: dict[str, Any]
    text: str

    def parameters(self, overrides: dict[str, Any]) -> dict[str, Any]:
        """Declared defaults with ``overrides`` applied (a :class:`Param` typed by its
        default); an undeclared name is an error."""
        unknown = sorted(set(overrides) - set(self.defaults))
        if unknown:
            declared = ", ".join(self.defaults) or "none"
            raise InputError(
                f"{self.path}: unknown parameter(s) {', '.join(unknown)} (declared: {declared})"
            )
        typed = {
            name: typed_value(name, value, self.defaults[name])
            if isinstance(value, Param)
            else value
            for name, value in overrides.items()
        }
        return self.defaults | typed


def check_text(where: str, value: Any) -> None:
    """Refuse a value no database can store: text holding a lone surrogate, which is how Python
    keeps bytes of a command-line argument that are not UTF-8 (and what a JSON ``"\\ud800"``
    gives)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(
                f"{where} is not UTF-8 text (at character {exc.start + 1}: bytes that are not "
                "UTF-8, or a lone surrogate); give it as UTF-8"
            ) from None
    elif isinstance(value, list | tuple):
        for item in value:
            check_text(where, item)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(where, key)
            check_text(where, item)


def parse_query_file(path: Path) -> QueryFile:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read query file {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        number = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{number}: invalid UTF-8; save the query file as UTF-8") from None
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


def parse_param_option(option: str) -> tuple[str, Param]:
    """``name=value`` or ``name:TYPE=value`` from ``--param``; the value is typed later, by the
    declared default (:meth:`QueryFile.parameters`) or :func:`typed_value`."""
    name, sep, value = option.partition("=")
    name, _colon, kind = name.strip().partition(":")
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise UsageError(f"--param {option!r}: expected name=value (or name:TYPE=value)")
    if kind and kind not in _TYPES:
        raise UsageError(f"--param {option!r}: TYPE is one of {', '.join(_TYPES)}")
    return name, Param(value, kind or None)


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

"""The renderer: Neo4j's graph visualization library (NVL) as the ``neo4j-viz`` package ships
it. ``kg view`` inlines the package's widget bundle and style sheet into the HTML file, so the
file needs no network; the package is an optional extra (``kg-papers[view]``, GPL-3.0).

Only the package's files are read; its Python code (which pulls in IPython) is not imported.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import ConfigError

PACKAGE = "neo4j-viz"
MODULE = "neo4j_viz"
INSTALL_HINT = "pip install 'kg-papers[view]' (or: pip install neo4j-viz)"

# The bundle is an ES module ending ``export { X as default, ... };``. In the page it becomes
# an inline module that hands its default export to our glue as ``window.__kgRenderer``.
_EXPORT = re.compile(r"export\s*\{([^}]*)\}\s*;?\s*$")
_DEFAULT = re.compile(r"([\w$]+)\s+as\s+default\b")


@dataclass(frozen=True)
class Renderer:
    """The renderer's script (as an inline module) and style sheet, and its version."""

    script: str
    style: str
    version: str


def _resources() -> Path:
    spec = importlib.util.find_spec(MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"kg view draws with {PACKAGE}, which is not installed: {INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "nvl_entrypoint"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError:
        return "unknown"


def _inline_safe(text: str, what: str, closing: str) -> str:
    if closing in text.lower():
        raise ConfigError(f"{PACKAGE}'s {what} contains {closing!r} and cannot be inlined")
    return text


@cache
def renderer() -> Renderer:
    """The installed renderer, ready to inline; a :class:`~kg.errors.ConfigError` when
    ``neo4j-viz`` is missing or its bundle has a shape this version of kg does not know."""
    folder = _resources()
    try:
        bundle = (folder / "widget.js").read_text(encoding="utf-8")
        style = (folder / "style.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"{PACKAGE} is installed but its widget files are missing: {exc}"
        ) from None
    export = _EXPORT.search(bundle)
    default = _DEFAULT.search(export.group(1)) if export else None
    if export is None or default is None:
        raise ConfigError(f"{PACKAGE} {_version()}: its widget bundle has no default export")
    script = bundle[: export.start()] + f"window.__kgRenderer = {default.group(1)};\n"
    return Renderer(
        script=_inline_safe(script, "widget bundle", "</script"),
        style=_inline_safe(style, "style sheet", "</style"),
        version=_version(),
    )

"""kg: research-paper abstracts to a knowledge graph of papers, methods, datasets and code.

The Python API (:mod:`kg.api`): ``kg.build``, ``kg.extract``, ``kg.read_graph``, ``kg.load``
and ``kg.query``. The stages are sub-packages: ``kg.ingest`` → ``kg.extract`` → ``kg.resolve``
→ ``kg.graph`` → ``kg.export`` / ``kg.store``, with ``kg.cli`` on top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.api import build, load, query, read_graph

if TYPE_CHECKING:  # at run time ``kg.extract`` is the stage package, which can be called
    from kg.api import extract

__version__ = "0.1.0"

__all__ = ["__version__", "build", "extract", "load", "query", "read_graph"]


def __getattr__(name: str) -> object:
    # ``kg.extract`` is both the extraction stage (a package) and, called, the API function:
    # the package is loaded on first use, so ``import kg`` does not import spaCy.
    if name == "extract":
        import importlib

        return importlib.import_module("kg.extract")
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

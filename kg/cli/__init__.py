"""Command-line entry point ``kg``."""

from kg.cli.main import main

__all__ = ["main"]

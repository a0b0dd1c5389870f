"""Argument types shared by the commands.

Python keeps the bytes of a command-line argument that are not UTF-8 as lone surrogates, which
no database, HTML page or JSON file can hold. File names may be such bytes (the operating system
takes them back as they were), but text that goes into a query, a graph name or a page may not:
options that take such text use :func:`utf8_text`, so argparse reports the argument and exits
with the usage code instead of a write failing later.
"""

from __future__ import annotations

import argparse


def utf8_text(value: str) -> str:
    """``value`` if it is UTF-8 text; else a usage error naming the place of the bad bytes."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise argparse.ArgumentTypeError(
            f"not UTF-8 text (bytes that are not UTF-8 at character {exc.start + 1}); "
            "give it as UTF-8"
        ) from None
    return value

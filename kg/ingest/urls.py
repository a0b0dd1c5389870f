"""Inputs named by URL (``s3://bucket/papers.jsonl.gz``, ``https://…``, ``memory://…``), read
through fsspec when it is installed (with the package of the URL's scheme, such as ``s3fs``).

fsspec is not a dependency: a URL without it is a bad input like any other, with the reason
and the command that fixes it.
"""

from __future__ import annotations

import io
import re
from typing import Any

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")  # two letters at least: C:\ is a path
NO_FSSPEC = (
    "URLs are read through fsspec, which is not installed: pip install fsspec (and the "
    "package of the URL's scheme, e.g. s3fs for s3://)"
)


class UrlUnreadable(Exception):
    """A URL that cannot be opened; the message is the reason shown to the user."""


def is_url(path: str) -> bool:
    return _URL.match(path) is not None


def _fsspec() -> Any:
    try:
        import fsspec
    except ImportError:
        raise UrlUnreadable(NO_FSSPEC) from None
    return fsspec


def url_exists(url: str) -> bool:
    """Whether ``url`` names something; True when that cannot be told here (no fsspec, an
    unknown scheme, a package missing), so that reading it reports why."""
    try:
        fs, path = _fsspec().core.url_to_fs(url)
        return bool(fs.exists(path))
    except (UrlUnreadable, OSError, ValueError, ImportError):
        return True


def open_url(url: str) -> io.BufferedReader:
    """The bytes at ``url`` as a buffered stream that can peek; the caller closes it."""
    fsspec = _fsspec()
    try:
        handle = fsspec.open(url, "rb").open()
    except FileNotFoundError:
        raise UrlUnreadable("no such file") from None
    except IsADirectoryError:
        raise UrlUnreadable("is a directory, not a file") from None
    except (OSError, ValueError, ImportError) as exc:  # unknown scheme, its package missing
        raise UrlUnreadable(f"cannot open: {exc}") from None
    return io.BufferedReader(handle)

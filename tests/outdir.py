"""What a build's out dir holds, file by file, for tests that compare out dirs."""

from __future__ import annotations

import json
from pathlib import Path

from kg.graph.table_cache import CACHE_NAME, MANIFEST_NAME


def out_dir_files(folder: Path, skip: set[str] | frozenset[str] = frozenset()) -> dict[str, bytes]:
    """Every file under ``folder`` (relative name -> bytes), but ``skip``. The kept tables'
    manifest drops the GraphML's modification time: two builds of the same corpus write the
    same files at different times."""
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_dir() or name in skip or name.split("/")[0] in skip:
            continue
        data = path.read_bytes()
        if name == f"{CACHE_NAME}/{MANIFEST_NAME}":
            manifest = json.loads(data)
            manifest["graphml"].pop("mtime_ns", None)
            data = json.dumps(manifest, sort_keys=True).encode()
        files[name] = data
    return files

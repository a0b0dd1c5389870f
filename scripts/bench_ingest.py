"""Throughput of the ingest stage on generated JSON Lines, listing and CSV inputs.

Usage: python scripts/bench_ingest.py [--records N] [--formats jsonl,listing,csv,arxiv]

Writes N synthetic records (default 1,000,000 for JSON Lines and the arXiv snapshot, a tenth of
that for the other formats) to a temporary directory, reads them with ``read_inputs`` and prints
records per second and peak memory of the process, then reads the JSON Lines file again with
the cycle collector left running (``kg.collector``'s plain path) to show what its pause saves.

``arxiv`` is the streaming test: an arXiv-snapshot-like file in which one record in 1,000 is in
``cs.CL``, read with ``--category cs.CL`` as a tenth of the file and then whole; the peak memory
must not grow with the number of lines (only with the papers kept).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import tempfile
import time
from pathlib import Path

from kg import collector
from kg.ingest import read_inputs
from kg.ingest.filters import RecordFilter

ABSTRACT = (
    "We propose a sparse graph model for node classification. It prunes edges before each "
    "layer. Experiments on Cora and PubMed show gains over GCN. Code is at "
    "https://github.com/example/project."
)


def write_jsonl(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = {"id": f"p{i}", "title": f"Paper {i}", "abstract": ABSTRACT, "year": 2024}
            out.write(json.dumps(record) + "\n")


def write_listing(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("Get trending papers in your email inbox!\nSubscribe\n")
        for i in range(n):
            out.write(f"Sparse Graph Model Number {i}\n{ABSTRACT}\n")


def write_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "title", "abstract", "authors"])
        for i in range(n):
            writer.writerow([f"p{i}", f"Paper {i}", ABSTRACT, "A B; C D"])


def write_arxiv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = {
                "id": f"{2400 + i // 100_000}.{i % 100_000:05d}",
                "submitter": "Ada Lovelace",
                "authors": "A. Lovelace and C. Babbage",
                "title": f"Sparse Graph Model Number {i}",
                "comments": None,
                "journal-ref": None,
                "doi": None,
                "report-no": None,
                "categories": "cs.CL cs.LG" if i % 1000 == 0 else "math.CO",
                "license": None,
                "abstract": ABSTRACT,
                "versions": [{"version": "v1", "created": "Mon, 1 Jan 2024 10:00:00 GMT"}],
                "update_date": "2024-01-02",
                "authors_parsed": [["Lovelace", "Ada", ""], ["Babbage", "Charles", ""]],
            }
            out.write(json.dumps(record) + "\n")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_arxiv(path: Path, n: int) -> None:
    """Read the first tenth, then all of the file, filtered to cs.CL; peak memory after each."""
    tenth = path.with_name("tenth.jsonl")
    with path.open(encoding="utf-8") as full, tenth.open("w", encoding="utf-8") as part:
        for _ in range(max(1, n // 10)):
            part.write(full.readline())
    only_cl = RecordFilter.of(["cs.CL"])
    for name, source, count in (("a tenth", tenth, max(1, n // 10)), ("all", path, n)):
        start = time.perf_counter()
        papers, report = read_inputs([str(source)], filters=only_cl)
        seconds = time.perf_counter() - start
        assert report.read == count and report.filtered == count - len(papers), report.summary()
        print(
            f"arxiv    {count:>9,} lines ({name}) in {seconds:6.1f} s = {count / seconds:>9,.0f} "
            f"lines/s, kept {len(papers):,}, filtered {report.filtered:,}; "
            f"peak memory so far {peak_mb():,.0f} MB"
        )
        del papers


WRITERS = {"jsonl": write_jsonl, "listing": write_listing, "csv": write_csv, "arxiv": write_arxiv}
SUFFIXES = {"jsonl": ".jsonl", "listing": ".txt", "csv": ".csv", "arxiv": ".jsonl"}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--formats", default="jsonl,listing,csv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            n = args.records if fmt in ("jsonl", "arxiv") else max(1, args.records // 10)
            path = Path(tmp) / f"bench-{fmt}{SUFFIXES[fmt]}"
            WRITERS[fmt](path, n)
            if fmt == "arxiv":
                bench_arxiv(path, n)
                path.unlink()
                continue
            start = time.perf_counter()
            papers, report = read_inputs([str(path)])
            seconds = time.perf_counter() - start
            assert len(papers) == n, report.summary()
            print(f"{fmt:8} {n:>9,} records in {seconds:6.1f} s = {n / seconds:>9,.0f} records/s")
            del papers
            if fmt == "jsonl":
                collector.PAUSE = False
                start = time.perf_counter()
                papers, report = read_inputs([str(path)])
                plain = time.perf_counter() - start
                collector.PAUSE = True
                del papers
                print(
                    f"  with the cycle collector running: {plain:6.1f} s, the pause saves "
                    f"{1 - seconds / plain:.0%}"
                )
    print(f"peak memory {peak_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

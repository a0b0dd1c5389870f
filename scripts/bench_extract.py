"""Throughput of the extraction stage against spaCy's blank English tokenizer.

Usage: python scripts/bench_extract.py [FILE.jsonl|FILE.txt ...] [--docs N]

Reads abstracts from the given files (JSON Lines with title/abstract, or listing pages),
by default the shared seed and evaluation files next to the repository, falling back to
the package sample; repeats them to at least N documents (default 20,000); prints docs/s
for the full extraction and for tokenization alone, their ratio, and PASS/FAIL per bar
(exit status 2 when a bar is missed). On a busy machine trust the ratio more than docs/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy

from kg.extract import Extractor
from kg.ingest import read_inputs
from kg.models import Paper

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = [
    *sorted((REPO.parent / "shared" / "seeds").glob("*.txt")),
    REPO.parent / "shared" / "eval" / "scirex_dev.jsonl",
]
SAMPLE_DIR = REPO / "kg" / "data" / "sample"
# the bars: one process, and a small multiple of what tokenizing alone costs on this machine
MIN_DOCS_PER_SECOND = 1_000
MAX_TOKENIZER_RATIO = 4.0


def read_papers(paths: list[Path]) -> list[Paper]:
    papers, _report = read_inputs([str(p) for p in paths])
    return papers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--docs", type=int, default=20_000)
    args = parser.parse_args(argv)
    inputs = args.inputs or [p for p in DEFAULT_INPUTS if p.exists()]
    if not inputs:
        inputs = sorted(SAMPLE_DIR.glob("*"))
    papers = [p for p in read_papers(inputs) if p.text]
    if not papers:
        print("no abstracts found in", [str(p) for p in inputs], file=sys.stderr)
        return 1
    repeats = -(-args.docs // len(papers))
    corpus = (papers * repeats)[: max(args.docs, len(papers))]
    texts = [p.text for p in corpus]
    print(f"{len(corpus)} documents from {len(papers)} abstracts in {len(inputs)} file(s)")

    extractor = Extractor()
    extractor.extract(corpus[:200])  # warm caches
    start = time.perf_counter()
    extractor.extract(corpus)
    extract_seconds = time.perf_counter() - start

    nlp = spacy.blank("en")
    start = time.perf_counter()
    for _ in nlp.tokenizer.pipe(texts, batch_size=256):
        pass
    tokenize_seconds = time.perf_counter() - start

    rate = len(corpus) / extract_seconds
    ratio = extract_seconds / tokenize_seconds
    print(f"extract:  {rate:9.0f} docs/s ({extract_seconds:.2f} s)")
    print(f"tokenize: {len(corpus) / tokenize_seconds:9.0f} docs/s ({tokenize_seconds:.2f} s)")
    print(f"ratio:    {ratio:9.2f}x the tokenizer time")
    checks = [
        (f"throughput >= {MIN_DOCS_PER_SECOND:,} docs/s", rate >= MIN_DOCS_PER_SECOND),
        (f"time <= {MAX_TOKENIZER_RATIO:g}x the tokenizer", ratio <= MAX_TOKENIZER_RATIO),
    ]
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    return 0 if all(ok for _, ok in checks) else 2


if __name__ == "__main__":
    sys.exit(main())

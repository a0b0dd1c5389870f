"""Throughput of the extraction stage against spaCy's blank English tokenizer, and the gain of
several worker processes over one.

Usage: python scripts/bench_extract.py [FILE.jsonl|FILE.txt ...] [--docs N] [--workers W]

Reads abstracts from the given files (JSON Lines with title/abstract, or listing pages),
by default the shared seed and evaluation files next to the repository, falling back to
the package sample; repeats them to at least N documents (default 20,000) and runs, on the same
documents in the same run:

* spaCy's blank tokenizer alone (the peer every ratio is taken against), and beside it the
  tokenizer the pipeline runs (``kg.extract.tokenizer``: the same tokens, its cache not
  switched off by a newline), the stricter peer;
* the whole extraction (hints, name table, findings, JSON Lines: what ``kg extract`` does)
  in one process;
* the same with Python's cycle collector left running (the plain path of the one speed-up
  extraction keeps, ``kg.extract.collector``), to show what the pause saves;
* the same in W worker processes (default 2), and its speed-up over one process;
* a cold pass: one process over as many abstracts never seen before (``scripts/corpus_gen.py``:
  new method, dataset and term names all along), against the tokenizer over those texts.

Prints PASS/FAIL per bar (exit status 2 when one is missed) and the load average. On a busy
machine trust the ratios more than docs/s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy

from kg import collector
from kg.extract import extract_chunks
from kg.extract.tokenizer import cached_tokenizer
from kg.ingest import read_inputs
from kg.models import Paper
from kg.pipeline import extraction_lines

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_gen  # next to this script

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = [
    *sorted((REPO.parent / "shared" / "seeds").glob("*.txt")),
    REPO.parent / "shared" / "eval" / "scirex_dev.jsonl",
]
SAMPLE_DIR = REPO / "kg" / "data" / "sample"
# the bars: one process, a small multiple of what tokenizing alone costs on this machine, and
# the gain of two workers on two cores
MIN_DOCS_PER_SECOND = 1_000
MAX_TOKENIZER_RATIO = 4.0
MIN_WORKER_SPEEDUP = 1.7


def read_papers(paths: list[Path]) -> list[Paper]:
    papers, _report = read_inputs([str(p) for p in paths])
    return papers


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
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

    def extract(workers: int) -> Callable[[], object]:
        # what `kg extract` does: each chunk's JSON Lines, made where the chunk was extracted
        return lambda: sum(1 for _ in extract_chunks(corpus, extraction_lines, workers=workers))

    extract(1)()  # warm caches
    nlp = spacy.blank("en")
    tokenize_s = timed(lambda: sum(1 for _ in nlp.tokenizer.pipe(texts, batch_size=256)))
    ours: Any = cached_tokenizer(spacy.blank("en"))
    ours_s = timed(lambda: sum(1 for _ in ours.pipe(texts, batch_size=256)))
    one_s = timed(extract(1))
    collector.PAUSE = False
    plain_s = timed(extract(1))
    collector.PAUSE = True
    many_s = timed(extract(args.workers))
    unseen = [Paper(**r) for r in corpus_gen.abstracts(len(corpus), start=50_000_000)]
    tokenizer: Any = nlp.tokenizer
    cold_tokenize_s = timed(lambda: list(tokenizer.pipe([p.text for p in unseen], batch_size=256)))
    cold_ours: Any = cached_tokenizer(spacy.blank("en"))
    cold_ours_s = timed(lambda: list(cold_ours.pipe([p.text for p in unseen], batch_size=256)))
    cold_s = timed(lambda: list(extract_chunks(unseen, extraction_lines, workers=1)))

    def rate(seconds: float) -> str:
        return f"{len(corpus) / seconds:9.0f} docs/s ({seconds:.2f} s)"

    print(f"tokenize:                 {rate(tokenize_s)}")
    print(f"  the pipeline's own:     {rate(ours_s)}")
    print(
        f"extract, 1 process:       {rate(one_s)}, {one_s / tokenize_s:.2f}x the tokenizer, "
        f"{one_s / ours_s:.2f}x the pipeline's own"
    )
    print(f"  collector left running: {rate(plain_s)}, the pause saves {1 - one_s / plain_s:.0%}")
    print(
        f"extract, {args.workers} workers:        {rate(many_s)}, {one_s / many_s:.2f}x one process"
    )
    print(
        f"cold pass, unseen text:   {len(unseen) / cold_s:9.0f} docs/s ({cold_s:.2f} s), "
        f"{cold_s / cold_tokenize_s:.2f}x the tokenizer over the same texts, "
        f"{cold_s / cold_ours_s:.2f}x the pipeline's own"
    )
    checks = [
        (
            f"throughput >= {MIN_DOCS_PER_SECOND:,} docs/s",
            len(corpus) / one_s >= MIN_DOCS_PER_SECOND,
        ),
        (
            f"time <= {MAX_TOKENIZER_RATIO:g}x the tokenizer",
            one_s / tokenize_s <= MAX_TOKENIZER_RATIO,
        ),
    ]
    if args.workers >= 2 and (os.cpu_count() or 1) >= args.workers:
        checks.append(
            (
                f"{args.workers} workers >= {MIN_WORKER_SPEEDUP}x one process",
                one_s / many_s >= MIN_WORKER_SPEEDUP,
            )
        )
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    print("load average (1, 5, 15 min): {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg()))
    return 0 if all(ok for _, ok in checks) else 2


if __name__ == "__main__":
    sys.exit(main())

"""``kg build`` end to end on N generated abstracts that were never seen before, against spaCy's
blank tokenizer over the same texts.

Usage: python scripts/bench_scale.py --papers N [--workers 1,2] [--series 10000,100000]
                                     [--profile FILE] [--keep DIR]

For each size (``--papers``, or each of ``--series``) it writes N abstracts from
``scripts/corpus_gen.py`` (new method, dataset and term names all along, so no cache is warmed
by repetition) to a JSON Lines file, then:

* tokenizes the same texts (title and abstract, as extraction reads them) with
  ``spacy.blank("en")`` in this process: the peer every ratio is taken against; and with the
  tokenizer the pipeline runs (``kg.extract.tokenizer``: the same tokens, its cache not switched
  off by the newline after each title), the stricter peer, whose ratio is printed beside;
* runs ``kg build FILE --out DIR --workers K`` in a child process for each K of ``--workers``
  (default 1 and 2), timing the wall clock, sampling the RSS of the child's whole process tree
  (workers included) every 20 ms with psutil, and recording in the child the time of each stage
  (start-up and imports, reading, extraction, resolving and writing extractions, building the
  graph, writing the GraphML with the row tables beside it);
* with ``--profile FILE``, runs the one-process build once more under cProfile, writes the stats
  to FILE and prints the top functions by own time and by cumulative time.

Then prints the issue's targets that the sizes run can decide, PASS or FAIL, and the load
average. On a busy machine trust the ratios more than papers/s.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import itertools
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_gen  # next to this script

# the targets of issue 13, on 2-core machines
MAX_TOKENIZER_RATIO = 1.5  # kg build --workers 2, end to end, against the tokenizer in one process
MIN_TWO_PROCESS_SPEEDUP = 1.8
MAX_RSS_AT_1M = 4 * 1024**3
MAX_SECONDS_AT_1M = 15 * 60
MAX_LINEAR_DRIFT = 1.2  # time per abstract at 1M against 100k


def load() -> str:
    return "load average {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg())


# --- the child: kg build with a stopwatch on each stage ----------------------------------


def child(corpus: str, out: str, workers: int, stages_file: str, profile: str | None) -> int:
    started = time.perf_counter()
    from kg.cli.main import main

    stages: dict[str, float] = defaultdict(float)
    stages["start-up and imports"] = time.perf_counter() - started

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            begin = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stages[name] += time.perf_counter() - begin

        return run

    def chunks(function: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        def run(*args: Any, **kwargs: Any) -> Iterator[Any]:
            parts = function(*args, **kwargs)
            while True:
                begin = time.perf_counter()
                try:
                    part = next(parts)
                except StopIteration:
                    return
                finally:
                    stages["extract (hints, table, findings)"] += time.perf_counter() - begin
                yield part

        return run

    import kg.extract.engines as engines
    import kg.graph.streamed as streamed
    import kg.ingest as ingest
    import kg.pipeline as pipeline

    # the flows import each stage when they run it, from the module that holds it
    for module, name, stage in (
        (ingest, "read_inputs", "read (into the scratch file)"),
        (streamed, "graph_from_rows", "build NetworkX graph"),
        (pipeline, "write_graph_files", "write GraphML and row tables"),
    ):
        setattr(module, name, timed(stage, getattr(module, name)))
    engines.extract_with = chunks(engines.extract_with)
    argv = ["build", corpus, "--out", out, "--workers", str(workers)]
    begin = time.perf_counter()
    if profile:
        profiler = cProfile.Profile()
        status = profiler.runcall(main, argv)
        profiler.dump_stats(profile)
    else:
        status = main(argv)
    build_s = time.perf_counter() - begin
    known = sum(v for k, v in stages.items() if k != "start-up and imports")
    stages["resolve, write extractions and rows, stats"] = max(0.0, build_s - known)
    Path(stages_file).write_text(json.dumps(stages), encoding="utf-8")
    return int(status or 0)


# --- the parent ----------------------------------------------------------------------------


class TreeRSS(threading.Thread):
    """Samples the summed RSS of a process and all its descendants until it ends: every
    ``every`` seconds, finding the descendants anew every tenth sample (a walk of /proc, the
    costly part), so the sampler takes little of the CPU it measures."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak = pid, every, 0
        self.done = threading.Event()

    def run(self) -> None:
        import psutil  # type: ignore[import-untyped, unused-ignore]

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        processes = [root]
        for sample in itertools.count():
            if self.done.is_set():
                return
            if sample % 10 == 0:
                with contextlib.suppress(psutil.Error):
                    processes = [root, *root.children(recursive=True)]
            total = 0
            for process in processes:
                with contextlib.suppress(psutil.Error):
                    total += process.memory_info().rss
            self.peak = max(self.peak, total)
            self.done.wait(self.every)


def run_build(corpus: Path, out: Path, workers: int, profile: str | None = None) -> dict[str, Any]:
    stages_file = out.with_suffix(".stages.json")
    command = [sys.executable, __file__, "--child", str(corpus), str(out), str(workers)]
    command += [str(stages_file), profile or ""]
    begin = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # kg's summary: not ours
    sampler = TreeRSS(process.pid)
    sampler.start()
    status = process.wait()
    wall = time.perf_counter() - begin
    sampler.done.set()
    sampler.join()
    if status != 0:
        raise SystemExit(f"kg build failed with status {status}")
    stages = json.loads(stages_file.read_text(encoding="utf-8"))
    return {"wall": wall, "rss": sampler.peak, "stages": stages}


def tokenize_seconds(texts: list[str], pipelines: bool = False) -> float:
    """Seconds spaCy's blank tokenizer takes over ``texts``; with ``pipelines``, the tokenizer
    the extraction pipeline runs."""
    import spacy

    from kg.extract.tokenizer import cached_tokenizer

    nlp = spacy.blank("en")
    tokenizer: Any = cached_tokenizer(nlp) if pipelines else nlp.tokenizer
    begin = time.perf_counter()
    for _ in tokenizer.pipe(texts, batch_size=256):
        pass
    return time.perf_counter() - begin


def gib(n: float) -> str:
    return f"{n / 1024**3:.2f} GiB"


def verdict(ok: bool, label: str) -> tuple[str, bool]:
    print(f"{'PASS' if ok else 'FAIL'}  {label}")
    return label, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--papers", type=int)
    parser.add_argument("--series", help="sizes, comma-separated: 10000,100000,1000000")
    parser.add_argument("--workers", default="1,2", help="process counts to run (default 1,2)")
    parser.add_argument("--profile", help="cProfile stats file of a one-process build")
    parser.add_argument("--keep", type=Path, help="keep corpora and outputs in this folder")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        corpus, out, workers, stages_file, profile = args.child
        return child(corpus, out, int(workers), stages_file, profile or None)
    if args.series:
        sizes = [int(s) for s in args.series.split(",")]
    elif args.papers:
        sizes = [args.papers]
    else:
        parser.error("give --papers N or --series N,M,...")
    counts = [int(k) for k in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench_scale.") as scratch:
        root = args.keep or Path(scratch)
        root.mkdir(parents=True, exist_ok=True)
        return measure(sizes, counts, root, args.profile)


def measure(sizes: list[int], counts: list[int], root: Path, profile: str | None) -> int:
    results: dict[int, dict[str, Any]] = {}
    checks: list[tuple[str, bool]] = []
    print(f"{os.cpu_count()} cores; {load()}")
    for size in sizes:
        corpus = root / f"corpus-{size}.jsonl"
        begin = time.perf_counter()
        written = corpus_gen.write_jsonl(corpus, size)
        with open(corpus, encoding="utf-8") as handle:
            texts = [f"{r['title']}\n{r['abstract']}" for r in map(json.loads, handle)]
        print(
            f"\n{size:,} papers: {written / 1e6:.1f} MB generated in "
            f"{time.perf_counter() - begin:.1f} s"
        )
        tokenize_s = tokenize_seconds(texts)
        own_s = tokenize_seconds(texts, pipelines=True)
        del texts
        print(
            f"  spaCy blank tokenizer, 1 process: {tokenize_s:7.2f} s  ({size / tokenize_s:,.0f}/s)"
        )
        print(f"  the pipeline's own tokenizer:     {own_s:7.2f} s  ({size / own_s:,.0f}/s)")
        entry: dict[str, Any] = {"tokenize": tokenize_s, "own": own_s, "runs": {}}
        for workers in counts:
            run = run_build(corpus, root / f"out-{size}-w{workers}", workers)
            entry["runs"][workers] = run
            wall = run["wall"]
            print(
                f"  kg build --workers {workers}: {wall:7.2f} s  ({size / wall:,.0f} papers/s), "
                f"{wall / tokenize_s:.2f}x the tokenizer ({wall / own_s:.2f}x the pipeline's own), "
                f"peak RSS of the tree {gib(run['rss'])}; "
                f"{load()}"
            )
            for stage, seconds in sorted(run["stages"].items(), key=lambda kv: -kv[1]):
                print(f"      {stage:38s} {seconds:7.2f} s")
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        print(f"  largest single process so far (RUSAGE_CHILDREN max): {gib(children)}")
        results[size] = entry
        runs = entry["runs"]
        if 2 in runs:
            ratio = runs[2]["wall"] / tokenize_s
            checks.append(
                verdict(
                    ratio <= MAX_TOKENIZER_RATIO,
                    f"{size:,}: build --workers 2 = {ratio:.2f}x the tokenizer "
                    f"(target <= {MAX_TOKENIZER_RATIO}x)",
                )
            )
            checks.append(
                verdict(
                    runs[2]["wall"] / own_s <= MAX_TOKENIZER_RATIO,
                    f"{size:,}: build --workers 2 = {runs[2]['wall'] / own_s:.2f}x the pipeline's "
                    f"own tokenizer (the stricter peer; target <= {MAX_TOKENIZER_RATIO}x)",
                )
            )
        if 1 in runs and 2 in runs:
            speedup = runs[1]["wall"] / runs[2]["wall"]
            checks.append(
                verdict(
                    speedup >= MIN_TWO_PROCESS_SPEEDUP,
                    f"{size:,}: two processes = {speedup:.2f}x one "
                    f"(target >= {MIN_TWO_PROCESS_SPEEDUP}x)",
                )
            )
        if size >= 1_000_000:
            best = min(runs.values(), key=lambda r: r["wall"])
            peak = max(r["rss"] for r in runs.values())
            checks.append(
                verdict(peak <= MAX_RSS_AT_1M, f"{size:,}: peak RSS {gib(peak)} (target <= 4 GiB)")
            )
            checks.append(
                verdict(
                    best["wall"] <= MAX_SECONDS_AT_1M,
                    f"{size:,}: wall {best['wall'] / 60:.1f} min (aim <= 15 min)",
                )
            )
    if 100_000 in results and 1_000_000 in results:
        for workers in counts:
            small = results[100_000]["runs"][workers]["wall"] / 100_000
            big = results[1_000_000]["runs"][workers]["wall"] / 1_000_000
            checks.append(
                verdict(
                    big <= MAX_LINEAR_DRIFT * small,
                    f"--workers {workers}: time per abstract at 1M = {big / small:.2f}x at 100k "
                    f"(target <= {MAX_LINEAR_DRIFT}x)",
                )
            )
    if len(results) > 1:
        print("\nscaling (per paper, against the smallest size):")
        first = min(results)
        for size, entry in sorted(results.items()):
            for workers, run in entry["runs"].items():
                base = results[first]["runs"][workers]
                print(
                    f"  {size:>9,} --workers {workers}: "
                    f"{run['wall'] / size / (base['wall'] / first):.2f}x time per paper, "
                    f"RSS {run['rss'] / base['rss']:.2f}x for {size / first:.0f}x papers"
                )
    if profile:
        size = sizes[0]
        print(f"\nprofile of a one-process build of {size:,} papers -> {profile}")
        run_build(root / f"corpus-{size}.jsonl", root / f"out-{size}-profile", 1, profile)
        stats = pstats.Stats(profile)
        for key in ("tottime", "cumulative"):
            print(f"--- top by {key} ---")
            stats.sort_stats(key).print_stats(18)
    print(load())
    return 0 if all(ok for _, ok in checks) else 2


if __name__ == "__main__":
    sys.exit(main())

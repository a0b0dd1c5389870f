"""Writing GraphML: kg's one-pass writer against NetworkX's ``write_graphml_lxml``, on the same
graph in the same run.

Usage: python scripts/bench_graphml.py [--papers N] [--repeat N] [--graph FILE]

Builds the graph ``kg build`` makes of N generated abstracts (default 5,000; names never seen
before, from ``scripts/corpus_gen.py``), or reads ``--graph FILE`` (a GraphML file or out dir)
into NetworkX, then writes it as GraphML with both writers, alternately, ``--repeat`` times each
(default 3, each writer first in turn): CPU seconds of each (the best of the runs, and
the median), their ratio, MB/s, and whether the two wrote the same bytes. CPU time, not wall
time, so other work on a shared machine matters less; the ratio is what to compare.

A build that does not hold the graph in NetworkX (above 50,000 papers) reads its rows back from
disk for each pass over the graph; NetworkX's writer makes three passes, kg's one (after the
pass that finds the keys, which both need), so there the gain is larger than here.
"""

from __future__ import annotations

import argparse
import filecmp
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_gen  # next to this script


def built_graph(papers: int, folder: Path) -> Any:
    from kg.pipeline import build

    corpus = folder / "corpus.jsonl"
    corpus_gen.write_jsonl(corpus, papers)
    return build([str(corpus)], folder / "out", workers=1, networkx=True).graph


def cpu_seconds(write: Callable[[Any, Path], None], graph: Any, target: Path) -> float:
    begin = time.process_time()
    write(graph, target)
    return time.process_time() - begin


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--graph", type=Path, help="a GraphML file or out dir to write again")
    args = parser.parse_args(argv)

    from kg.export.graphml import graphml_keys, plain_write_graphml, write_graphml
    from kg.graph import read_built_graph

    with tempfile.TemporaryDirectory(prefix="bench_graphml.") as scratch:
        folder = Path(scratch)
        begin = time.perf_counter()
        graph = read_built_graph(args.graph)[0] if args.graph else built_graph(args.papers, folder)
        print(
            f"graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges "
            f"({time.perf_counter() - begin:.1f} s to make)"
        )
        keys = graphml_keys(graph)  # both writers are given the keys: the pass is the same

        def fast(g: Any, target: Path) -> None:
            write_graphml(g, target, keys=keys)

        def plain(g: Any, target: Path) -> None:
            plain_write_graphml(g, target, keys=keys)

        writers = {"kg": fast, "NetworkX": plain}
        times: dict[str, list[float]] = {name: [] for name in writers}
        for turn in range(args.repeat):
            order = list(writers) if turn % 2 == 0 else list(writers)[::-1]
            for name in order:
                times[name].append(cpu_seconds(writers[name], graph, folder / f"{name}.graphml"))
        size = (folder / "kg.graphml").stat().st_size
        for name, runs in times.items():
            print(
                f"  {name:9s} best {min(runs):6.2f} s, median {statistics.median(runs):6.2f} s "
                f"CPU  ({size / 1e6 / min(runs):6.1f} MB/s)"
            )
        ratio = min(times["NetworkX"]) / min(times["kg"])
        same = filecmp.cmp(folder / "kg.graphml", folder / "NetworkX.graphml", shallow=False)
        print(f"kg's writer is {ratio:.2f}x faster; same bytes: {'yes' if same else 'NO'}")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

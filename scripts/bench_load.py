"""Load throughput of the embedded FalkorDB on a synthetic corpus with a long tail of entities.

Usage: python scripts/bench_load.py [--papers N] [--batch-size N] [--home DIR] [--repeat N]
                                    [--no-file] [--baseline REV] [--out DIR]

Builds a graph of N papers (default 100,000), each with about 3 methods, 2 datasets and 0.3
repositories drawn from Zipf-like popularity (a few methods and datasets are everywhere, most
appear once or twice), loads it into the embedded FalkorDB twice and prints rows (nodes plus
relationships) per second and the counts after each load, which must be equal. The bar is
50,000 rows per second; PASS or FAIL is printed for speed and for idempotency, with the load
average, since other work on the machine slows the database. Uses a temporary KG_HOME unless
--home is given, and stops the server.

Then the same graph's row tables, spilled to disk as ``kg load`` reads them, loaded into new
graphs by the bulk path (``GRAPH.BULK``) and by the MERGE statements, alternately, --repeat
times each (default 2; each graph dropped after it is counted, so every load finds the same
server): rows/s of each, their ratio, and whether both store the in-memory load's counts.

Then, unless --no-file, what ``kg load OUT_DIR`` does: the graph is written as GraphML, read into
row tables on disk both ways (one parse, and the two passes that a file interleaving nodes and
edges needs), with rows/s of each and their ratio; ``kg load`` itself and ``kg export --format
neo4j-admin`` run in child processes, first reading the GraphML, then the row tables a build
keeps next to it (``kg load`` both in bulk, its default into a new graph, and with
``--no-bulk``): wall time, rows/s and maximum RSS of each, their ratios, and whether both
exports wrote the same files. The bar of ``kg load`` in bulk from the kept tables is 60,000
rows per second.

With --baseline REV, the neo4j-admin export from the kept tables is also timed against the
writer of git revision REV (kg/export/neo4j_admin.py as it was there), and this writer with two
processes, each in a child process, --repeat times, each way first in turn (the machine may be
shared: compare the ratios and CPU times); rows/s, ratios and whether all write the same files.
--out DIR times only that, on an out dir a build wrote (its graph.graphml and graph.tables/),
with no synthetic graph or load.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from itertools import accumulate
from pathlib import Path

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.graph import GRAPHML_NAME, build_graph, read_graphml, write_graphml
from kg.graph.spilled_tables import SpilledTable, spill_graphml, spill_tables
from kg.graph.table_cache import install_table_cache, keep_tables
from kg.models import (
    DatasetEntity,
    Entity,
    MethodEntity,
    Paper,
    Relation,
    RelType,
    RepositoryEntity,
)
from kg.store import (
    DEFAULT_BATCH_SIZE,
    GraphCounts,
    StoreSettings,
    graph_counts,
    load_graph,
    open_store,
    stop_server,
)
from kg.store.falkordb_store import FalkorStore
from kg.store.loader import load_tables

BAR_ROWS_PER_S = 50_000
BAR_KG_LOAD_BULK_ROWS_PER_S = 60_000
WORDS = ["graph", "sparse", "attention", "residual", "network", "learning", "robust", "vision"]


def zipf_picker(rng: random.Random, size: int, exponent: float = 1.1) -> Callable[[int], set[int]]:
    """A function drawing k distinct ranks in [0, size) with P(rank) ~ 1 / (rank + 1)^exponent."""
    cumulative = list(accumulate(1.0 / (rank + 1) ** exponent for rank in range(size)))

    def pick(k: int) -> set[int]:
        chosen: set[int] = set()
        while len(chosen) < k:
            chosen.update(rng.choices(range(size), cum_weights=cumulative, k=k - len(chosen)))
        return chosen

    return pick


def synthetic_graph(papers: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    n_methods, n_datasets = max(10, papers // 4), max(10, papers // 10)
    pick_method, pick_dataset = zipf_picker(rng, n_methods), zipf_picker(rng, n_datasets)
    paper_records, relations = [], []
    used_methods: set[int] = set()
    used_datasets: set[int] = set()
    repos: list[Entity] = []
    for i in range(papers):
        pid = f"2401.{i:06d}"
        title = " ".join(rng.choices(WORDS, k=6)).capitalize()
        abstract = " ".join(rng.choices(WORDS, k=120))
        paper_records.append(
            Paper(id=pid, title=title, abstract=abstract, authors=["A. Author", "B. Author"])
        )
        methods = sorted(pick_method(rng.choice((2, 3, 3, 4))))
        for j, m in enumerate(methods):
            kind = RelType.PROPOSES if j == 0 and rng.random() < 0.3 else RelType.USES
            relations.append(
                Relation(
                    type=kind,
                    source=pid,
                    target_label="Method",
                    target=f"m{m}",
                    evidence=f"We use method {m}.",
                    confidence=0.8,
                    rule="bench",
                )
            )
        used_methods.update(methods)
        datasets = sorted(pick_dataset(rng.choice((1, 2, 3))))
        for d in datasets:
            relations.append(
                Relation(
                    type=RelType.EVALUATES_ON,
                    source=pid,
                    target_label="Dataset",
                    target=f"d{d}",
                    evidence=f"Results on dataset {d}.",
                    confidence=0.8,
                    rule="bench",
                    introduced=rng.random() < 0.02,
                )
            )
        used_datasets.update(datasets)
        if rng.random() < 0.3:
            ident = f"github.com/lab{i % 5000}/project{i}"
            repos.append(
                RepositoryEntity(
                    id=ident,
                    url=f"https://{ident}",
                    host="github.com",
                    owner=f"lab{i % 5000}",
                    name=f"project{i}",
                )
            )
            relations.append(
                Relation(
                    type=RelType.HAS_CODE,
                    source=pid,
                    target_label="Repository",
                    target=ident,
                    evidence=f"Code: https://{ident}",
                    confidence=1.0,
                    rule="bench",
                )
            )
    entities: list[Entity] = [
        MethodEntity(id=f"m{m}", name=f"Method {m}", aliases=[f"M-{m}"])
        for m in sorted(used_methods)
    ]
    entities += [DatasetEntity(id=f"d{d}", name=f"Dataset {d}") for d in sorted(used_datasets)]
    return build_graph(paper_records, entities + repos, relations)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--home", type=Path, default=None, help="KG_HOME (default: temporary)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="runs of each way: bulk vs MERGE, exports (--baseline)",
    )
    parser.add_argument(
        "--no-file", action="store_true", help="skip the GraphML reading and kg load runs"
    )
    parser.add_argument(
        "--baseline",
        metavar="REV",
        default=None,
        help="also time the neo4j-admin writer of this git revision on the kept tables",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="only the exports, of this built out dir"
    )
    args = parser.parse_args()
    if args.out is not None:
        from kg.graph.table_cache import cached_tables

        tables = cached_tables(args.out / GRAPHML_NAME)
        if tables is None:
            parser.error(f"{args.out} has no row tables kept for its {GRAPHML_NAME}")
        rows = sum(table.count for table in tables)
        print(f"{args.out}: {rows:,} rows in kept tables")
        with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
            export_runs(args.out, Path(tmp), rows, args.baseline, args.repeat)
        return 0

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        home = args.home or Path(tmp)
        started = time.perf_counter()
        graph = synthetic_graph(args.papers)
        rows = graph.number_of_nodes() + graph.number_of_edges()
        print(
            f"synthetic graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} "
            f"relationships ({rows:,} rows) built in {time.perf_counter() - started:.1f} s"
        )
        store = open_store(None, "bench", StoreSettings(kg_home=home))
        try:
            results: list[GraphCounts] = []
            rates: list[float] = []
            for attempt in ("first", "second"):
                began = time.perf_counter()
                summary = load_graph(store, graph, batch_size=args.batch_size)
                seconds = time.perf_counter() - began
                after = graph_counts(store)
                results.append(after)
                rates.append(rows / seconds)
                print(
                    f"{attempt} load: {seconds:.2f} s, {rows / seconds:,.0f} rows/s "
                    f"(bar: {BAR_ROWS_PER_S:,}); {summary.text()}"
                )
                print(f"  counts: nodes {after.nodes}, relationships {after.relationships}")
            same = results[0] == results[1]
            fast = all(rate >= BAR_ROWS_PER_S for rate in rates)
            print(
                f"{verdict(fast)} speed: slowest load {min(rates):,.0f} rows/s "
                f"(bar {BAR_ROWS_PER_S:,})"
            )
            print(f"{verdict(same)} idempotency: counts unchanged by the second load")
            print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
            with tempfile.TemporaryDirectory(prefix="kg-bench-tables-") as scratch:
                tables = spill_tables(
                    graph.nodes(data=True), graph.edges(keys=True, data=True), Path(scratch)
                )
                same = bulk_runs(home, tables, rows, results[0], args.repeat) and same
            if not args.no_file:
                out = Path(tmp) / "out"
                out.mkdir()
                began = time.perf_counter()
                write_graphml(graph, out / GRAPHML_NAME)
                print(f"GraphML written in {time.perf_counter() - began:.1f} s")
                del graph  # the child's kg load reads the file, not this graph
                file_runs(out, home, rows, results[0])
                if args.baseline:
                    export_runs(out, Path(tmp), rows, args.baseline, args.repeat)
        finally:
            store.close()
            stop_server(home, notify=print)
    return 0 if same and fast else 1


def bulk_runs(
    home: Path, tables: list[SpilledTable], rows: int, expected: GraphCounts, repeat: int
) -> bool:
    """Load ``tables`` into new graphs in bulk and by MERGE, alternately: rows/s of each."""
    rates: dict[bool, list[float]] = {True: [], False: []}
    same = True
    for attempt in range(repeat):
        for bulk in (True, False):
            name = f"bench-{'bulk' if bulk else 'merge'}-{attempt}"
            store = open_store(None, name, StoreSettings(kg_home=home))
            try:
                began = time.perf_counter()
                summary = load_tables(store, tables, bulk=bulk)
                seconds = time.perf_counter() - began
                counts = graph_counts(store)
                same = same and counts == expected and summary.bulk == bulk
                if isinstance(store, FalkorStore):
                    store.drop_graph()
            finally:
                store.close()
            rates[bulk].append(rows / seconds)
            print(
                f"tables into a new graph, {'bulk' if bulk else 'MERGE'} #{attempt + 1}: "
                f"{seconds:.2f} s, {rows / seconds:,.0f} rows/s; {summary.text()}"
            )
    for attempt, (bulk_rate, merge_rate) in enumerate(zip(rates[True], rates[False], strict=True)):
        print(f"  ratio bulk / MERGE #{attempt + 1}: {bulk_rate / merge_rate:.2f}")
    print(f"{verdict(same)} bulk and MERGE store the counts of the in-memory load")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    return same


def file_runs(out: Path, home: Path, rows: int, expected: GraphCounts) -> None:
    """Read the GraphML of ``out`` both ways, then run ``kg load`` on it in a child process."""
    rates = {}
    for one_pass in (True, False):
        with tempfile.TemporaryDirectory(prefix="kg-bench-tables-") as scratch:
            began = time.perf_counter()
            tables = spill_graphml(out / GRAPHML_NAME, Path(scratch), one_pass=one_pass)
            seconds = time.perf_counter() - began
        assert sum(table.count for table in tables) == rows
        name = "one parse" if one_pass else "two passes"
        rates[name] = rows / seconds
        print(f"read into tables, {name}: {seconds:.2f} s, {rows / seconds:,.0f} rows/s")
    print(f"  ratio one parse / two passes: {rates['one parse'] / rates['two passes']:.2f}")
    env = dict(os.environ, KG_HOME=str(home))
    graphml_load = _child_load(out, env, "bench-file", home, rows, expected, "GraphML")
    graphml_export = _child_export(out, env, out.parent / "export-graphml")
    # the row tables a build keeps next to its GraphML (written here from the graph read back;
    # a build writes them from the graph it holds)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=out) as scratch:
        graph = read_graphml(out / GRAPHML_NAME)
        install_table_cache(keep_tables(graph, out / GRAPHML_NAME, Path(scratch)), out)
        del graph
    print(f"row tables kept next to the GraphML in {time.perf_counter() - began:.1f} s")
    kept_load = _child_load(out, env, "bench-kept", home, rows, expected, "kept tables")
    merged_load = _child_load(
        out, env, "bench-kept-merge", home, rows, expected, "kept tables, --no-bulk", "--no-bulk"
    )
    kept_export = _child_export(out, env, out.parent / "export-kept")
    same = _same_files(out.parent / "export-graphml", out.parent / "export-kept")
    print(f"  ratio kg load GraphML / kept tables: {graphml_load / kept_load:.2f}")
    print(f"  ratio kg load from the kept tables, bulk / --no-bulk: {merged_load / kept_load:.2f}")
    fast = rows / kept_load >= BAR_KG_LOAD_BULK_ROWS_PER_S
    print(
        f"{verdict(fast)} kg load in bulk from the kept tables: {rows / kept_load:,.0f} rows/s "
        f"(bar {BAR_KG_LOAD_BULK_ROWS_PER_S:,})"
    )
    print(f"  ratio neo4j-admin export GraphML / kept tables: {graphml_export / kept_export:.2f}")
    print(f"{verdict(same)} both exports write the same files")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


_EXPORT = """
import sys, time
from pathlib import Path
from kg.graph.table_cache import cached_tables
out, target, workers, module = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
if module:  # an earlier writer, from its source file, kept out of the format registry
    import importlib.util
    import kg.export.registry as registry
    registry.register = registry.register_tables = lambda *a, **k: lambda f: f
    spec = importlib.util.spec_from_file_location("baseline_admin", module[0])
    writer = importlib.util.module_from_spec(spec)
    sys.modules["baseline_admin"] = writer
    spec.loader.exec_module(writer)
    options = {}
else:
    import kg.export.neo4j_admin as writer
    options = {} if workers == "auto" else {"workers": int(workers)}
tables = cached_tables(Path(out) / "graph.graphml")
assert tables is not None, "no kept tables"
writer.write_neo4j_admin_tables(tables, target, **options)
"""


def export_runs(out: Path, scratch: Path, rows: int, baseline: str | None, repeat: int) -> None:
    """The neo4j-admin export of ``out``'s kept tables by this writer (by default, and with two
    processes) and, given ``baseline``, by that revision's, each in a child process, in turn."""
    source: Path | None = None
    if baseline:
        source = scratch / "baseline_admin.py"
        text = subprocess.run(
            ["git", "show", f"{baseline}:kg/export/neo4j_admin.py"],
            cwd=Path(__file__).resolve().parents[1],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        source.write_text(text, encoding="utf-8")
    ways: dict[str, tuple[str, Path | None]] = {
        "this writer": ("auto", None),
        "this writer, two processes": ("2", None),
    }
    if source is not None:
        ways[f"writer of {baseline}"] = ("auto", source)
    times: dict[str, list[float]] = {name: [] for name in ways}
    for run in range(1, repeat + 1):
        names = list(ways)
        for index in [(run - 1 + i) % len(names) for i in range(len(names))]:  # in turn first
            name = names[index]
            workers, module = ways[name]
            target = scratch / f"export-{index}"
            shutil.rmtree(target, ignore_errors=True)
            command = [sys.executable, "-c", _EXPORT, str(out), str(target), workers]
            seconds, max_rss_mb, cpu = _child(
                command + ([str(module)] if module else []), os.environ
            )
            times[name].append(seconds)
            print(
                f"run {run}, {name}: {seconds:.2f} s, {rows / seconds:,.0f} rows/s, "
                f"CPU {cpu:.2f} s (its workers' too), max RSS {max_rss_mb:,.0f} MB"
            )
        targets = [scratch / f"export-{index}" for index in range(len(ways))]
        same = all(_same_files(targets[0], other) for other in targets[1:])
        print(f"  {verdict(same)} run {run}: every writer wrote the same files")
        print("  load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    for name, runs in times.items():
        print(
            f"{name}: best {min(runs):.2f} s ({rows / min(runs):,.0f} rows/s), "
            f"median {statistics.median(runs):.2f} s"
        )
    first = list(times)
    for other in first[1:]:
        ratios = [b / a for a, b in zip(times[first[0]], times[other], strict=True)]
        print(
            f"  ratio {other} / {first[0]}, run by run: "
            + ", ".join(f"{r:.2f}" for r in ratios)
            + f" (median {statistics.median(ratios):.2f})"
        )


def _kg() -> str:
    return str(Path(sys.executable).with_name("kg"))


def _child_load(
    out: Path,
    env: dict[str, str],
    graph: str,
    home: Path,
    rows: int,
    expected: GraphCounts,
    source: str,
    *options: str,
) -> float:
    """``kg load out`` into a new graph in a child process: its wall time, checked counts."""
    command = [_kg(), "load", str(out), "--graph", graph, "--quiet", *options]
    seconds, max_rss_mb, _cpu = _child(command, env)
    store = open_store(None, graph, StoreSettings(kg_home=home))
    try:
        same = graph_counts(store) == expected
    finally:
        store.close()
    print(
        f"kg load {out.name}/ from the {source} (read and load, child process): {seconds:.2f} s, "
        f"{rows / seconds:,.0f} rows/s, max RSS {max_rss_mb:,.0f} MB"
    )
    print(f"{verdict(same)} kg load stores the counts of the in-memory load")
    return seconds


def _child_export(out: Path, env: dict[str, str], target: Path) -> float:
    """``kg export out --format neo4j-admin`` in a child process: its wall time."""
    command = [_kg(), "export", str(out), "--format", "neo4j-admin", "-o", str(target)]
    seconds, max_rss_mb, _cpu = _child(command, env)
    print(
        f"kg export {out.name}/ --format neo4j-admin: {seconds:.2f} s, max RSS {max_rss_mb:,.0f} MB"
    )
    return seconds


def _child(command: list[str], env: Mapping[str, str]) -> tuple[float, float, float]:
    """Run ``command``: its wall time, its own maximum RSS in MB (not its siblings') and the
    CPU seconds (user and system) of it and the processes it waited for, which other work on
    the machine changes less than the wall time."""
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - began
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command)
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def _same_files(first: Path, second: Path) -> bool:
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    if names != sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file()):
        return False
    # compared a block at a time: reading whole files would swell this process, whose size
    # a child forked from it starts with (in its max RSS)
    return all(filecmp.cmp(first / n, second / n, shallow=False) for n in names)


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


if __name__ == "__main__":
    raise SystemExit(main())

"""Fault injection through the real command (subprocesses): each asserts no traceback, the exit
code of the table in README "When things go wrong", and that nothing written before is lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.errors import EXIT_DATABASE, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OUTPUT
from kg.graph import build_graph, write_graphml
from kg.models import Paper
from kg.scratch import SCRATCH_PREFIX
from kg.store.server import STATE_FILE, ensure_server, stop_server
from tests.outdir import out_dir_files

KG = str(Path(sys.executable).with_name("kg"))
SAMPLE = Path(__file__).resolve().parents[2] / "kg" / "data" / "sample" / "papers.jsonl"
BAD = "\x00\x01\x1b[31m\x08\x0b\ufffe\uffff\ud800\udfff"


def kg(*argv: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_HOME": str(home)}
    env.pop("NEO4J_URI", None)
    done = subprocess.run(
        [KG, *argv],
        env=env,
        capture_output=True,
        encoding="utf-8",
        errors="replace",  # messages may name files whose names are not UTF-8
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "kg-home"
    yield path
    if path.exists():
        stop_server(path, notify=lambda _m: None)


def snapshot(folder: Path, skip: set[str] | frozenset[str] = frozenset()) -> dict[str, bytes]:
    return out_dir_files(folder, skip)


def dirty_inputs(folder: Path) -> list[Path]:
    """The same bad characters in every input format, one paper each (in a text format a
    surrogate is bytes that are not UTF-8, which cost their line: one CSV line shows it)."""
    title, abstract = f"Res{BAD}Net", f"We propose Foo{BAD}Net and evaluate on ImageNet."
    record = {"id": "2403.01234", "title": title, "abstract": abstract}
    controls = BAD[:6]
    arxiv = {
        **record,
        "id": "2403.01237",
        "authors": f"A. Lee{BAD} and B. Kim",
        "categories": "cs.CV",
        "versions": [{"version": "v1", "created": "Mon, 4 Mar 2024 10:00:00 GMT"}],
        "update_date": "2024-03-05",
        "authors_parsed": [["Lee", f"A{BAD}", ""]],
    }
    openalex = {
        "id": "https://openalex.org/W2403",
        "title": title,
        "publication_year": 2024,
        "authorships": [{"author": {"display_name": f"Ann{BAD} Lee"}}],
        "abstract_inverted_index": {"We": [0], f"propose{BAD}": [1], "FooNet.": [2]},
    }
    hf_paper = {"id": "2403.01238", "title": title, "summary": abstract, "publishedAt": "2024"}
    # the text formats hold clean papers too: a few bad characters are text gone bad, many
    # would make the file binary data
    clean = [(f"Clean paper number {i}", "We train a plain network on CIFAR-10.") for i in range(3)]
    files = {
        "a.jsonl": json.dumps(record) + "\n",
        "b.json": json.dumps([{**record, "id": "2403.01235"}]),
        "c.csv": f'id,title,abstract\n2403.01236,"Res{controls}Net","Foo{controls}Net"\n'
        + f'2403.01239,"{title}","{abstract}"\n'  # surrogates: invalid UTF-8, the line is lost
        + "".join(f'c{i},{t},"{a}"\n' for i, (t, a) in enumerate(clean)),
        "d.txt": f"Res{controls}Net Paper Title\n\nWe propose Foo{controls}Net, tested on COCO.\n\n"
        + "".join(f"Listed {t}\n\n{a}\n\n" for t, a in clean),
        "e.jsonl": json.dumps(arxiv) + "\n",
        "f.jsonl": json.dumps(openalex) + "\n",
        "g.json": json.dumps([{"paper": hf_paper, "publishedAt": "2024-03-06T00:00:00Z"}]),
    }
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        paths.append(path)
    return paths


def test_bad_characters_in_every_format_go_through_build_load_export_view(
    tmp_path: Path, home: Path
) -> None:
    out = tmp_path / "out"
    built = kg("build", *map(str, dirty_inputs(tmp_path)), "--out", str(out), home=home)
    assert built.returncode == 0, built.stderr
    assert "cleaned" in built.stderr
    for name in ("arxiv", "openalex", "hf-papers"):
        assert f"as {name}" in built.stderr  # each source dump was read as itself
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["built"] == 13 and report["skipped"] == 1, report
    [problem] = report["problems"]
    assert problem["file"].endswith("c.csv") and problem["line"] == 3
    assert problem["reason"].startswith("invalid UTF-8")
    assert kg("load", str(out), home=home).returncode == 0
    for fmt in ("graphml", "json", "cypher"):
        exported = kg("export", "--from-db", "--format", fmt, "-o", "-", home=home)
        assert exported.returncode == 0 and exported.stdout
    view = kg("view", str(out), "-o", str(tmp_path / "v.html"), home=home)
    assert view.returncode == 0


def test_truncated_graphml_is_an_input_error(tmp_path: Path, home: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", str(SAMPLE), "--out", str(out), home=home).returncode == 0
    path = out / "graph.graphml"
    path.write_bytes(path.read_bytes()[:1000])
    for argv in (
        ["stats", str(out)],
        ["load", str(out)],
        ["export", str(out), "--format", "json", "-o", "-"],
    ):
        done = kg(*argv, home=home)
        assert done.returncode == EXIT_INPUT and "[E001]" in done.stderr


def _mount_tmpfs(where: Path, options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _unmount(where: Path) -> None:
    # lazily: a server that has just exited may still hold it for a moment
    subprocess.run(["umount", "--lazy", str(where)], capture_output=True, check=False)


def test_read_only_kg_home_is_a_database_error(tmp_path: Path) -> None:
    where = tmp_path / "ro"
    if not _mount_tmpfs(where, "ro,size=1m"):
        pytest.skip("cannot mount a read-only tmpfs here")
    try:
        out = tmp_path / "out"
        assert kg("build", str(SAMPLE), "--out", str(out), home=where).returncode == 0
        done = kg("load", str(out), home=where / "home")
        assert done.returncode == EXIT_DATABASE and "cannot use KG_HOME" in done.stderr
    finally:
        _unmount(where)


def test_a_full_disk_under_out_keeps_the_previous_build(tmp_path: Path, home: Path) -> None:
    where = tmp_path / "small"
    if not _mount_tmpfs(where, "size=2m"):
        pytest.skip("cannot mount a small tmpfs here")
    try:
        out = where / "out"
        assert kg("build", str(SAMPLE), "--out", str(out), home=home).returncode == 0
        before = snapshot(out)
        with open(where / "filler", "wb", buffering=0) as filler:  # the rest of the disk
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError:
                pass
        big = tmp_path / "big.jsonl"
        lines = (
            json.dumps({"id": f"p{i}", "title": f"Paper {i}", "abstract": "We use ResNet. " * 40})
            for i in range(400)
        )
        big.write_text("\n".join(lines) + "\n", encoding="utf-8")
        done = kg("build", str(big), "--out", str(out), "--workers", "1", home=home)
        assert done.returncode == EXIT_OUTPUT, done.stderr
        assert "disk is full" in done.stderr and "untouched" in done.stderr
        assert snapshot(out) == before
    finally:
        _unmount(where)


def test_kill_9_of_a_build_keeps_the_previous_build(tmp_path: Path, home: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", str(SAMPLE), "--out", str(out), home=home).returncode == 0
    before = snapshot(out)
    env = {**os.environ, "KG_HOME": str(home)}
    process = subprocess.Popen(
        [KG, "build", str(SAMPLE), "--out", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait()
    left = {k for k in os.listdir(out) if k.startswith(SCRATCH_PREFIX) or k.endswith(".tmp")}
    after = snapshot(out, skip=left)
    assert after == before
    # the next build sweeps the scratch folder the killed one left
    assert kg("build", str(SAMPLE), "--out", str(out), home=home).returncode == 0
    assert not [k for k in os.listdir(out) if k.startswith(SCRATCH_PREFIX)]


@pytest.mark.parametrize(
    ("stop", "workers"), [(signal.SIGINT, "1"), (signal.SIGTERM, "1"), (signal.SIGTERM, "2")]
)
def test_ctrl_c_or_sigterm_of_a_build_exits_130(
    tmp_path: Path, home: Path, stop: signal.Signals, workers: str
) -> None:
    """Ctrl-C, or SIGTERM (kill, timeout, a service manager), in the middle of a build: exit
    130, no file of the build, no temporary file left."""
    env = {**os.environ, "KG_HOME": str(home)}
    source = tmp_path / "many.jsonl"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    with source.open("w", encoding="utf-8") as handle:
        for i in range(600):  # long enough to be interrupted while extracting
            record = json.loads(lines[i % len(lines)])
            record = {
                "id": f"x{i}",
                "title": f"{record['title']} {i}",
                "abstract": record.get("abstract", ""),
            }
            handle.write(json.dumps(record) + "\n")
    out = tmp_path / "o"
    process = subprocess.Popen(
        [KG, "build", str(source), "--out", str(out), "--workers", workers],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    forked = 0 if workers == "1" else int(workers)  # one worker runs in kg's own process

    def started() -> bool:
        # the folder is made once the inputs are read; worker processes are then started (a
        # signal at the instant they are forked is held back until the pool is whole, see
        # tests/extract/test_parallel.py; here it is sent mid-extraction)
        return out.exists() and len(children(process.pid)) >= forked

    while not started() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    process.send_signal(stop)
    _out, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the build finished before the signal")
    assert process.returncode == EXIT_INTERRUPTED and "Traceback" not in err, err
    assert list(out.iterdir()) == []


def children(pid: int) -> list[int]:
    """The processes ``pid`` started and that still run."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(word) for word in text.split()]


def test_record_removed_while_the_server_runs(tmp_path: Path, home: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", str(SAMPLE), "--out", str(out), home=home).returncode == 0
    assert kg("load", str(out), home=home).returncode == 0
    first = json.loads((home / STATE_FILE).read_text())
    (home / STATE_FILE).unlink()
    done = kg("query", "MATCH (n) RETURN count(n) AS n", "--json", home=home)
    assert done.returncode == 0 and json.loads(done.stdout)[0]["n"] > 0
    assert "found the running embedded FalkorDB" in done.stderr
    assert json.loads((home / STATE_FILE).read_text())["pid"] == first["pid"]


def test_kill_9_of_the_server_keeps_the_loaded_graph(tmp_path: Path, home: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", str(SAMPLE), "--out", str(out), home=home).returncode == 0
    assert kg("load", str(out), home=home).returncode == 0  # waits for its snapshot
    assert oct((home / "data" / "kg.rdb").stat().st_mode & 0o777) == "0o600"
    os.kill(json.loads((home / STATE_FILE).read_text())["pid"], signal.SIGKILL)
    time.sleep(0.2)
    done = kg("query", "MATCH (n) RETURN count(n) AS n", "--json", home=home)
    assert done.returncode == 0 and json.loads(done.stdout)[0]["n"] > 0


def test_three_concurrent_loads_share_one_server(tmp_path: Path, home: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", str(SAMPLE), "--out", str(out), home=home).returncode == 0
    env = {**os.environ, "KG_HOME": str(home)}
    env.pop("NEO4J_URI", None)
    loads = [
        subprocess.Popen(
            [KG, "load", str(out)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for process in loads:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and "Traceback" not in err, err
    data = os.path.realpath(home / "data")
    servers = []
    for proc in Path("/proc").iterdir():
        try:
            if os.path.realpath(proc / "cwd") == data:  # redis-server runs in its data dir
                servers.append(proc.name)
        except OSError:
            continue
    assert len(servers) == 1


def fill(disk: Path) -> None:
    """Take the rest of the file system holding ``disk``."""
    with open(disk / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError:
            pass


def count(home: Path, graph: str = "kg") -> int:
    done = kg("query", "MATCH (n) RETURN count(n) AS n", "--json", "--graph", graph, home=home)
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout)[0]["n"])


@contextmanager
def small_disk(tmp_path: Path, size: str) -> Iterator[tuple[Path, Path, Path]]:
    """A tmpfs of ``size`` holding ``KG_HOME``, and a build of the sample outside it: (the disk,
    the home, the build). Afterwards the disk is emptied, so the server can save and stop, and
    unmounted."""
    where = tmp_path / "small"
    if not _mount_tmpfs(where, f"size={size}"):
        pytest.skip("cannot mount a small tmpfs here (needs root and permission to mount)")
    home = where / "home"
    try:
        out = tmp_path / "out"
        assert kg("build", str(SAMPLE), "--out", str(out), home=home).returncode == 0
        yield where, home, out
    finally:
        (where / "filler").unlink(missing_ok=True)
        stop_server(home, notify=lambda _m: None)
        _unmount(where)


def test_a_full_disk_under_kg_home_is_an_error_and_the_server_is_kept(tmp_path: Path) -> None:
    with small_disk(tmp_path, "8m") as (where, home, out):
        assert kg("load", str(out), home=home).returncode == 0
        loaded = count(home)
        record = (home / STATE_FILE).read_text()
        fill(where)
        # a write's snapshot fails; then the server refuses writes, to later loads too
        written = kg("query", "--write", "CREATE (:Paper {id: 'w1'})", "--graph", "w", home=home)
        assert written.returncode == EXIT_DATABASE, written.stderr
        assert "could not write its snapshot" in written.stderr
        for _twice in range(2):
            done = kg("load", str(out), "--graph", "second", home=home)
            assert done.returncode == EXIT_DATABASE, done.stderr
            assert "could not write its snapshot" in done.stderr
            assert f"free on {where}" in done.stderr and "refuses writes" in done.stderr
        status = kg("db", "status", home=home)
        assert status.returncode == EXIT_DATABASE and "refusing writes" in status.stdout
        stop = kg("db", "stop", home=home)  # it cannot save: it keeps running, with the data
        assert stop.returncode == EXIT_DATABASE and "did not stop" in stop.stderr, stop.stderr
        assert "stale" not in status.stderr + done.stderr + stop.stderr
        assert (home / STATE_FILE).read_text() == record  # the same server, still recorded
        assert count(home) == loaded  # and it still answers reads
        (where / "filler").unlink()
        again = kg("load", str(out), "--graph", "second", home=home)
        assert again.returncode == 0, again.stderr
        assert kg("db", "status", home=home).returncode == 0
        assert kg("db", "stop", home=home).returncode == 0
        assert count(home) == loaded and count(home, "second") == loaded  # from the snapshot


def test_a_full_disk_before_the_server_starts_is_a_database_error(tmp_path: Path) -> None:
    with small_disk(tmp_path, "1m") as (where, home, out):
        fill(where)
        done = kg("load", str(out), home=home)
        assert done.returncode == EXIT_DATABASE, done.stderr
        assert f"cannot write {home}" in done.stderr and f"free on {where}" in done.stderr
        (where / "filler").unlink()
        assert kg("load", str(out), home=home).returncode == 0


def many_papers(path: Path, papers: int = 20_000) -> Path:
    """A GraphML file of many papers and nothing else: loaded in small batches it takes long
    enough to be stopped part way."""
    graph = build_graph(
        (Paper(id=f"many{i}", title=f"Paper number {i}") for i in range(papers)), [], []
    )
    write_graphml(graph, path)
    return path


def loading(home: Path, source: Path) -> subprocess.Popen[str]:
    """``kg load SOURCE --graph many`` in small MERGE batches (a bulk load of it is over too
    soon to be stopped), returned once part of it is written (or once it ended)."""
    env = {**os.environ, "KG_HOME": str(home)}
    env.pop("NEO4J_URI", None)
    process = subprocess.Popen(
        [KG, "load", str(source), "--graph", "many", "--batch-size", "10", "--no-bulk"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    info = ensure_server(home, notify=lambda _m: None)
    client = info.client(timeout=5.0)
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if "many" in client.list_graphs():
                rows = client.select_graph("many").ro_query("MATCH (p:Paper) RETURN count(p)")
                if rows.result_set[0][0] > 0:
                    break
            time.sleep(0.01)
    finally:
        client.close()
    return process


def test_kill_9_of_the_server_mid_load(tmp_path: Path, home: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", str(SAMPLE), "--out", str(out), home=home).returncode == 0
    assert kg("load", str(out), home=home).returncode == 0
    loaded = count(home)
    source = many_papers(tmp_path / "many.graphml")
    process = loading(home, source)
    if process.poll() is not None:
        pytest.skip("the load finished before the server could be killed")
    os.kill(json.loads((home / STATE_FILE).read_text())["pid"], signal.SIGKILL)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_DATABASE and "Traceback" not in err, err
    assert "load interrupted after" in err and "Re-run the same command" in err
    assert count(home) == loaded  # the next command starts a server from the last snapshot
    again = kg("load", str(source), "--graph", "many", home=home)
    assert again.returncode == 0, again.stderr
    assert count(home, "many") == 20_000 and count(home) == loaded


def test_kill_9_of_kg_mid_load(tmp_path: Path, home: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", str(SAMPLE), "--out", str(out), home=home).returncode == 0
    assert kg("load", str(out), home=home).returncode == 0
    loaded = count(home)
    server = json.loads((home / STATE_FILE).read_text())["pid"]
    source = many_papers(tmp_path / "many.graphml")
    process = loading(home, source)
    if process.poll() is not None:
        pytest.skip("the load finished before kg could be killed")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    status = kg("db", "status", home=home)
    assert status.returncode == 0 and "stale" not in status.stderr, status.stderr
    assert json.loads((home / STATE_FILE).read_text())["pid"] == server  # the same server
    assert count(home) == loaded
    again = kg("load", str(source), "--graph", "many", home=home)
    assert again.returncode == 0, again.stderr
    assert count(home, "many") == 20_000 and count(home) == loaded


def test_arguments_that_are_not_utf8_are_reported(tmp_path: Path, home: Path) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates: as text for the database or a
    page they are a usage error, as a file name they are fine."""
    bad = os.fsdecode(b"\xff\xfe")
    out = tmp_path / f"out{bad}"
    assert kg("build", str(SAMPLE), "--out", str(out), home=home).returncode == 0
    for argv in (
        ["query", f"MATCH (p:Paper {{id: '{bad}'}}) RETURN p"],
        ["query", "RETURN $x AS x", "--param", f"x={bad}"],
        ["load", str(out), "--graph", bad],
        ["view", str(out), "--title", bad, "-o", str(tmp_path / "v.html")],
    ):
        done = kg(*argv, home=home)
        assert done.returncode == 2 and "not UTF-8 text" in done.stderr, (argv, done.stderr)
    escaped = kg("query", "RETURN $x AS x", "--param", 'x:json="\\ud800"', home=home)
    assert escaped.returncode == EXIT_INPUT and "--param x is not UTF-8" in escaped.stderr
    script = tmp_path / "q.cypher"
    script.write_bytes(b"// a query\nRETURN '\xff' AS x\n")
    done = kg("query", "--file", str(script), home=home)
    assert done.returncode == EXIT_INPUT and f"{script}:2: invalid UTF-8" in done.stderr
    view = kg("view", str(out), "-o", str(tmp_path / "v.html"), home=home)
    assert view.returncode == 0, view.stderr  # its title is the folder's name, cleaned

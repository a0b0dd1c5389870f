"""Fixtures for the explorer: a small graph with nasty strings, the seeds graph (when
../shared/seeds is there) and one headless Chromium with the network blocked."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.graph.build import add_node

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
OUTPUT = Path(__file__).resolve().parent / "output"
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMEDRIVER = "/usr/bin/chromedriver"

NASTY_TITLE = (
    "FooNet: <script>window.__pwned = 1</script> \"quoted\" & 'single' "
    '<img src=x onerror="window.__pwned = 2"> 🚀 </script><!--'
)
EVIDENCE = "We propose FooNet, a network for everything."


def small_graph() -> nx.MultiDiGraph:
    """Two papers, a method each proposes or uses, a dataset and a repository."""
    graph = nx.MultiDiGraph()
    long_abstract = "Filler sentence about nothing much. " * 2800  # about 100 kB
    p1 = add_node(
        graph,
        "Paper",
        {
            "id": "2401.00001",
            "title": NASTY_TITLE,
            "abstract": f"Intro text. {EVIDENCE} We evaluate on BarSet. {long_abstract}",
            "authors": ["Ada Lovelace", "O'Brien <b>bold</b>"],
            "year": 2024,
            "url": "https://arxiv.org/abs/2401.00001",
        },
    )
    p2 = add_node(
        graph,
        "Paper",
        {"id": "2401.00002", "title": "Second paper using FooNet", "abstract": "We use FooNet."},
    )
    m1 = add_node(graph, "Method", {"id": "foonet", "name": "FooNet", "aliases": ["Foo Network"]})
    m2 = add_node(graph, "Method", {"id": "bazformer", "name": "BazFormer"})
    d1 = add_node(graph, "Dataset", {"id": "barset", "name": "BarSet"})
    r1 = add_node(
        graph,
        "Repository",
        {"id": "github.com/o/foonet", "url": "https://github.com/o/foonet", "name": "foonet"},
    )

    def edge(s: str, t: str, kind: str, evidence: str, confidence: float) -> None:
        graph.add_edge(
            s, t, key=kind, label=kind, evidence=evidence, confidence=confidence, rule="test"
        )

    edge(p1, m1, "PROPOSES", EVIDENCE, 0.95)
    edge(p1, d1, "EVALUATES_ON", "We evaluate on BarSet.", 0.8)
    edge(p1, r1, "HAS_CODE", "Code: https://github.com/o/foonet", 0.9)
    edge(p2, m1, "USES", "We use FooNet.", 0.6)
    edge(p2, m2, "USES", "We use FooNet.", 0.3)
    return graph


@pytest.fixture(scope="session")
def seeds_graph(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(f"no seed listings at {SEEDS}")
    import kg

    out = tmp_path_factory.mktemp("seeds-out")
    return kg.build([str(f) for f in files], str(out), workers=1).graph


def _chromium() -> str | None:
    for path in CHROMIUM:
        if Path(path).exists():
            return path
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium driven by the system chromedriver; every request to a network
    scheme is blocked (DevTools), DNS fails and the proxy goes nowhere."""
    binary = _chromium()
    if binary is None or not Path(CHROMEDRIVER).exists():
        pytest.skip("no browser: install Debian's chromium and chromium-driver (.ci/run does)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1500,950",
        "--proxy-server=http://127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--allow-file-access-from-files",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.setBlockedURLs",
        {"urls": ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]},
    )
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT

"""Measure ``kg view``: file size, write time and time to the first drawn frame in headless
Chromium (network blocked) for synthetic graphs of 1k, 10k and 50k nodes (``--nodes``).

    .venv/bin/python scripts/bench_view.py [--nodes 1000 10000 50000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.graph.build import add_node
from kg.view import write_view


def synthetic(nodes: int, seed: int = 7) -> nx.MultiDiGraph:
    """About a third papers, each proposing or using methods, datasets and a repository."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    papers = nodes // 3
    entities = {"Method": nodes * 4 // 10, "Dataset": nodes // 6}
    entities["Repository"] = nodes - papers - sum(entities.values())
    keys: dict[str, list[str]] = {}
    for label, count in entities.items():
        keys[label] = [
            add_node(graph, label, {"id": f"{label.lower()}{i}", "name": f"{label}-{i}"})
            for i in range(count)
        ]
    for i in range(papers):
        abstract = " ".join(f"Sentence {j} of paper {i} about methods." for j in range(8))
        paper = add_node(
            graph, "Paper", {"id": f"p{i}", "title": f"Paper {i}", "abstract": abstract}
        )
        for label, kind in (("Method", "USES"), ("Dataset", "EVALUATES_ON")):
            for _ in range(rng.randint(1, 3)):
                target = keys[label][int(rng.paretovariate(1.2)) % len(keys[label])]
                graph.add_edge(paper, target, key=kind, label=kind, confidence=0.8, rule="b")
        if i < len(keys["Repository"]):
            graph.add_edge(paper, keys["Repository"][i], key="HAS_CODE", label="HAS_CODE")
        graph.add_edge(paper, keys["Method"][i % len(keys["Method"])], key="PROPOSES")
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, nargs="+", default=[1000, 10000, 50000])
    args = parser.parse_args()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1500,950", "--proxy-server=http://127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND"):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*"]})
    driver.set_page_load_timeout(300)
    print(f"{'nodes':>7} {'edges':>7} {'MB':>6} {'write s':>8} {'loaded s':>9} {'drawn s':>8}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.nodes:
                graph = synthetic(n)
                path = Path(tmp) / f"view-{n}.html"
                started = time.perf_counter()
                write_view(graph, path, max_nodes=n)
                written = time.perf_counter() - started
                started = time.perf_counter()
                driver.get(path.as_uri())
                loaded = time.perf_counter() - started
                drawn = None
                while time.perf_counter() - started < 300:
                    if driver.execute_script("return !!(window.kgView && window.kgView.ready)"):
                        drawn = driver.execute_script("return window.kgView.drawnMs") / 1000
                        break
                    time.sleep(0.1)
                size = path.stat().st_size / 1e6
                shown = "—" if drawn is None else f"{drawn:.2f}"
                print(
                    f"{n:>7} {graph.number_of_edges():>7} {size:>6.1f} {written:>8.2f} "
                    f"{loaded:>9.2f} {shown:>8}",
                    flush=True,
                )
    finally:
        driver.quit()


if __name__ == "__main__":
    main()

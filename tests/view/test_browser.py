"""The explorer in a real headless Chromium, network blocked, used as a person would."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.schema import schema
from kg.view import write_view

from .conftest import EVIDENCE, NASTY_TITLE, small_graph

pytestmark = pytest.mark.browser

TIMINGS: dict[str, Any] = {}


def _open(driver: Any, path: Path, timeout: float = 30.0) -> float:
    """Open ``path``, wait for the first drawn frame; returns the draw time in ms."""
    driver.get(path.as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script("return !!(window.kgView && window.kgView.ready)"):
            return float(driver.execute_script("return window.kgView.drawnMs"))
        time.sleep(0.05)
    logs = driver.get_log("browser")
    raise AssertionError(f"nothing drawn within {timeout} s; console: {logs[:5]}")


def _count(driver: Any) -> int:
    return int(driver.find_element("id", "kg-count").get_attribute("data-nodes"))


def _label_pixels(png: bytes) -> dict[str, int]:
    """How many screenshot pixels are (close to) each label's colour."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").reduce(2)
    colours = {
        str(label): tuple(int(spec.style["color"][i : i + 2], 16) for i in (1, 3, 5))
        for label, spec in schema().labels.items()
    }
    counts = dict.fromkeys(colours, 0)
    for n, pixel in image.getcolors(maxcolors=1 << 20) or []:
        for label, rgb in colours.items():
            if sum(abs(a - b) for a, b in zip(pixel, rgb, strict=True)) <= 24:
                counts[label] += n
    return counts


def _canvas_only(driver: Any) -> bytes:
    png: bytes = driver.find_element("id", "kg-canvas").screenshot_as_png
    return png


def _checkbox(driver: Any, element_id: str) -> None:
    driver.find_element("css selector", f"label[for='{element_id}']").click()


@pytest.fixture(scope="module")
def small_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.MultiDiGraph]:
    graph = small_graph()
    path = tmp_path_factory.mktemp("view") / "small.html"
    write_view(graph, path, title="small <graph>")
    return path, graph


def test_small_graph_draws_counts_and_runs_no_script(browser: Any, small_page: Any) -> None:
    path, graph = small_page
    _open(browser, path)
    assert _count(browser) == graph.number_of_nodes()
    assert browser.title == "small <graph>"
    time.sleep(1.0)  # let the layout spread the nodes
    counts = _label_pixels(_canvas_only(browser))
    drawn = {str(d["label"]) for _, d in graph.nodes(data=True)}
    assert drawn and all(counts[label] > 0 for label in drawn), counts
    assert browser.execute_script("return window.__pwned === undefined")
    assert not browser.find_elements("css selector", "#kg-app img, #kg-app script")


def test_search_focuses_and_panel_shows_text(browser: Any, small_page: Any) -> None:
    path, graph = small_page
    _open(browser, path)
    box = browser.find_element("id", "kg-search")
    box.send_keys("foo ne")  # an alias, by prefix, any case
    results = browser.find_elements("css selector", "#kg-results button")
    assert [r.text for r in results][:1] == ["FooNet"]
    box.clear()
    box.send_keys("FOONET\n")  # the exact name first
    assert browser.find_element("id", "kg-panel-title").text == "FooNet"
    assert _count(browser) == 3  # FooNet and the two papers one hop away
    browser.find_element("css selector", "#kg-panel .kg-link").click()  # a paper using it
    title = browser.find_element("id", "kg-panel-title").text
    assert title in {NASTY_TITLE.strip(), "Second paper using FooNet"}
    browser.find_element("id", "kg-whole").click()
    assert _count(browser) == graph.number_of_nodes()
    assert browser.execute_script("return window.__pwned === undefined")


def test_filters_hide_labels_and_thresholds(browser: Any, small_page: Any) -> None:
    path, graph = small_page
    _open(browser, path)
    _checkbox(browser, "kg-label-Dataset")
    assert _count(browser) == graph.number_of_nodes() - 1
    _checkbox(browser, "kg-label-Dataset")
    assert _count(browser) == graph.number_of_nodes()
    confidence = browser.find_element("id", "kg-min-confidence")
    confidence.clear()
    confidence.send_keys("0.5")
    shown = int(browser.find_element("id", "kg-count").get_attribute("data-relationships"))
    assert shown == 4  # the 0.3 USES edge is gone
    degree = browser.find_element("id", "kg-min-degree")
    degree.clear()
    degree.send_keys("2")
    assert _count(browser) == 3  # the papers (3 and 2 links) and FooNet (2)


def test_clicking_a_paper_on_the_canvas_opens_its_panel(browser: Any, small_page: Any) -> None:
    path, _graph = small_page
    _open(browser, path)
    box = browser.find_element("id", "kg-search")
    box.send_keys("2401.00001\n")  # by id; focus on the paper alone:
    for label in ("Method", "Dataset", "Repository"):
        _checkbox(browser, f"kg-label-{label}")
    assert _count(browser) == 1
    browser.find_element("id", "kg-panel-close").click()
    time.sleep(1.0)
    canvas = browser.find_element("id", "kg-canvas")
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).move_to_element(canvas).click().perform()
    title = browser.find_element("id", "kg-panel-title")
    assert title.text == NASTY_TITLE.strip()
    marks = browser.find_elements("css selector", "#kg-panel mark")
    assert EVIDENCE in [m.text for m in marks]
    assert browser.execute_script("return window.__pwned === undefined")


def test_seeds_graph_draws_all_four_colours(
    browser: Any, seeds_graph: nx.MultiDiGraph, output_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "seeds.html"
    started = time.perf_counter()
    write_view(seeds_graph, path, title="kg: seeds")
    TIMINGS["seeds_write_s"] = round(time.perf_counter() - started, 2)
    TIMINGS["seeds_bytes"] = path.stat().st_size
    TIMINGS["seeds_nodes"] = seeds_graph.number_of_nodes()
    TIMINGS["seeds_draw_ms"] = round(_open(browser, path))
    assert _count(browser) == seeds_graph.number_of_nodes() >= 1000
    time.sleep(2.0)  # the layout settles; the screenshot is for people
    png = browser.get_screenshot_as_png()
    (output_dir / "seeds.png").write_bytes(png)
    four = ("Paper", "Method", "Dataset", "Repository")
    others = [str(label) for label in schema().labels if str(label) not in four]
    for label in others:  # the four first labels alone, as papers, methods, data and code
        _checkbox(browser, f"kg-label-{label}")
    time.sleep(2.0)
    (output_dir / "seeds-four-labels.png").write_bytes(browser.get_screenshot_as_png())
    counts = _label_pixels(_canvas_only(browser))
    assert all(counts[label] > 0 for label in four), counts
    for label in others:
        _checkbox(browser, f"kg-label-{label}")
    box = browser.find_element("id", "kg-search")
    box.send_keys("ViT\n")
    assert browser.find_element("id", "kg-panel-title").text == "ViT"
    assert 1 < _count(browser) < seeds_graph.number_of_nodes()
    time.sleep(2.0)
    (output_dir / "seeds-focus.png").write_bytes(browser.get_screenshot_as_png())
    (output_dir / "timings.json").write_text(json.dumps(TIMINGS, indent=2) + "\n")
    print(f"\nseeds graph: {TIMINGS}")

"""The scraped listing pages the project grew from, when they are present next to the repo."""

from pathlib import Path

import pytest

from kg.ingest import read_inputs

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed listings not available")


def test_seed_listings_give_293_distinct_papers() -> None:
    papers, report = read_inputs(sorted(str(p) for p in SEEDS.glob("*.txt")))
    assert report.problems == []
    assert report.read == 305
    assert report.merged == 12
    assert len(papers) == report.built == 293
    assert all(p.title and p.abstract for p in papers)


def test_seed_listing_titles_are_free_of_page_chrome() -> None:
    papers, _ = read_inputs(sorted(str(p) for p in SEEDS.glob("*.txt")))
    titles = {p.title for p in papers}
    assert (
        "AutoInt: Automatic Feature Interaction Learning via Self-Attentive Neural Networks"
        in titles
    )
    assert not any(t.startswith(("Subscribe", "Get trending")) for t in titles)

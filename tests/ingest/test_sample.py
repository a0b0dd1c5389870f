"""The sample shipped with the package reads cleanly and shows merging at work."""

from importlib.resources import files

from kg.ingest import read_inputs

SAMPLE = files("kg").joinpath("data", "sample")


def test_sample_inputs_read_without_problems() -> None:
    paths = [str(SAMPLE.joinpath("listing.txt")), str(SAMPLE.joinpath("papers.jsonl"))]
    papers, report = read_inputs(paths)
    assert report.problems == []
    assert (report.read, report.built, report.merged) == (20, 18, 2)
    assert all(p.title and p.abstract for p in papers)
    assert papers[0].title.startswith("LatticeFormer")


def test_sample_listing_paper_takes_the_id_of_its_record_copy() -> None:
    paths = [str(SAMPLE.joinpath("listing.txt")), str(SAMPLE.joinpath("papers.jsonl"))]
    papers, _ = read_inputs(paths)
    radar = next(p for p in papers if p.title.startswith("Temporal Fusion of Radar"))
    assert radar.id == "2403.01234"
    assert radar.authors == ["Mira Okafor", "Jonas Lindqvist"]
    assert len(radar.sources) == 2

"""The extraction stage end to end, on abstracts written for these tests."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.extract import ExtractConfig, Extractor, explain
from kg.extract.gazetteer import GazetteerEntry, GazetteerMatcher
from kg.models import Finding, Paper, PaperExtraction, RepositoryFinding

GAZETTEER = [
    {"label": "Method", "name": "ZetaNet-50", "aliases": ["ZetaNet50"]},
    {"label": "Dataset", "name": "Quokka-10", "aliases": ["QK-10"]},
    {"label": "Method", "name": "Moth", "aliases": [], "case_sensitive": True},
    {"label": "Method", "name": "Gizmo Network", "aliases": ["GZN"], "generic": True},
]


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    path = tmp_path_factory.mktemp("gaz") / "extra.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in GAZETTEER) + "\n", encoding="utf-8")
    return Extractor(ExtractConfig(gazetteers=[path]))


def _one(extractor: Extractor, title: str, abstract: str) -> PaperExtraction:
    [result] = extractor.extract([Paper(id="p1", title=title, abstract=abstract)])
    return result


def _by_name(result: PaperExtraction, label: str) -> dict[str, Finding]:
    return {f.name: f for f in result.of(label)}  # type: ignore[arg-type]


def test_naming_cue_and_acronym_definition_make_one_proposed_method(extractor: Extractor) -> None:
    result = _one(
        extractor,
        "Learning to fold proteins quickly",
        "We propose a lattice model, called Folding Lattice Transformer (FLT), for proteins. "
        "FLT beats ZetaNet50 on the Quokka-10 dataset.",
    )
    methods = _by_name(result, "Method")
    assert methods["FLT"].role == "proposed"
    assert "Folding Lattice Transformer" in methods["FLT"].aliases
    assert methods["ZetaNet-50"].role == "used"  # a user gazetteer names it
    assert set(_by_name(result, "Dataset")) == {"Quokka-10"}


def test_names_of_a_user_gazetteer_are_shown_by_its_name_and_key(
    extractor: Extractor,
) -> None:
    result = _one(extractor, "", "QK-10 results: ZetaNet50 and ZetaNet50 beat GZNs on QK-10.")
    dataset = _by_name(result, "Dataset")["Quokka-10"]
    assert (dataset.key, dataset.aliases) == ("quokka10", ["QK-10"])
    assert _by_name(result, "Method")["ZetaNet-50"].key == "zetanet50"


def test_title_name_before_colon_is_proposed(extractor: Extractor) -> None:
    result = _one(extractor, "GlimmerNet: Sparse Light Fields", "GlimmerNet renders scenes.")
    assert _by_name(result, "Method")["GlimmerNet"].role == "proposed"


def test_title_benchmark_is_an_introduced_dataset(extractor: Extractor) -> None:
    result = _one(extractor, "OrbitQA: A Benchmark for Orbital Reasoning", "We test models.")
    assert _by_name(result, "Dataset")["OrbitQA"].introduced


def test_dataset_list_before_a_dataset_word(extractor: Extractor) -> None:
    result = _one(
        extractor,
        "",
        "Experiments on the Pelican-7, HeronSet and Ibis benchmarks show gains.",
    )
    assert {"Pelican-7", "HeronSet", "Ibis"} <= set(_by_name(result, "Dataset"))


def test_unnamed_data_and_vague_phrases_are_not_entities(extractor: Extractor) -> None:
    result = _one(
        extractor,
        "",
        "Experiments on four real-world datasets show that our model with an attention "
        "mechanism works well.",
    )
    assert result.findings == []


def test_generic_families_shape_context_but_are_not_reported(extractor: Extractor) -> None:
    result = _one(extractor, "", "A Gizmo Network (GZN) baseline is compared with ZetaNet-50.")
    assert set(_by_name(result, "Method")) == {"ZetaNet-50"}


def test_case_sensitive_entries_match_only_as_written(extractor: Extractor) -> None:
    assert "Moth" in _by_name(_one(extractor, "", "We compare with Moth here."), "Method")
    assert _by_name(_one(extractor, "", "A moth flew by the lamp."), "Method") == {}


def test_task_acronyms_are_suppressed(extractor: Extractor) -> None:
    result = _one(
        extractor, "", "Mean opinion pair score (MOPS) is reported for the ZetaNet-50 outputs."
    )
    assert set(_by_name(result, "Method")) == {"ZetaNet-50"}


def test_name_proven_in_one_paper_is_found_in_another(extractor: Extractor) -> None:
    first = Paper(id="a", title="", abstract="We introduce a solver, dubbed Kestrel, for games.")
    second = Paper(id="b", title="", abstract="Our results improve on Kestrel in all games.")
    result_a, result_b = extractor.extract([first, second])
    assert _by_name(result_a, "Method")["Kestrel"].role == "proposed"
    assert _by_name(result_b, "Method")["Kestrel"].role == "used"


def test_repository_findings_carry_link_parts(extractor: Extractor) -> None:
    result = _one(extractor, "", "Code: https://github.com/acme/Kite/tree/main/src}.")
    [repo] = result.of("Repository")
    assert isinstance(repo, RepositoryFinding)
    assert (repo.url, repo.root, repo.key, repo.owner, repo.name, repo.host) == (
        "https://github.com/acme/Kite/tree/main/src",
        "https://github.com/acme/Kite",
        "github.com/acme/kite",
        "acme",
        "Kite",
        "github.com",
    )


def test_mentions_point_into_the_paper_text(extractor: Extractor) -> None:
    paper = Paper(id="p", title="Moth: fast moths", abstract="Moth uses ZetaNet-50. Moth wins.")
    [result] = extractor.extract([paper])
    for finding in result.findings:
        assert finding.evidence
        for mention in finding.mentions:
            assert paper.text[mention.start : mention.end] == mention.text
            assert mention.text in mention.sentence
    assert len(_by_name(result, "Method")["Moth"].mentions) == 3


def test_one_extraction_per_paper_in_order(extractor: Extractor) -> None:
    papers = [Paper(id=str(i), title="", abstract="Nothing here.") for i in range(5)]
    assert [r.paper.id for r in extractor.extract(papers)] == ["0", "1", "2", "3", "4"]


def test_explain_names_rule_and_offsets(extractor: Extractor) -> None:
    text = explain(_one(extractor, "", "We propose Kestrel, a new solver, using ZetaNet-50."))
    assert "Kestrel" in text and "proposed" in text and "rule " in text and "at " in text


def test_bad_gazetteer_line_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"label": "Method"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.jsonl:1"):
        Extractor(ExtractConfig(gazetteers=[path]))


def test_missing_gazetteer_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        Extractor(ExtractConfig(gazetteers=[tmp_path / "none.jsonl"]))


def test_plural_of_a_known_name_is_written_in_the_singular() -> None:
    entry = GazetteerEntry(label="Method", name="Gizmo Network", aliases=["GZN"])
    assert GazetteerMatcher._written("GZNs", entry) == "GZN"
    assert GazetteerMatcher._written("gizmo networks", entry) == "gizmo network"
    assert GazetteerMatcher._written("Gizmos", entry) == "Gizmos"


def test_extract_leaves_the_cycle_collector_as_it_found_it(extractor: Extractor) -> None:
    assert gc.isenabled()
    _one(extractor, "ZetaNet-50", "We train ZetaNet-50 on Quokka-10.")
    assert gc.isenabled()
    gc.disable()
    try:
        _one(extractor, "ZetaNet-50", "We train ZetaNet-50 on Quokka-10.")
        assert not gc.isenabled()
    finally:
        gc.enable()

"""Entities a source states become findings with rule ``source``, apart from extracted ones."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.given import given_findings, with_given
from kg.graph.build import relation_properties
from kg.models import GivenEntity, MethodFinding, Paper, RepositoryFinding
from kg.resolve.entities import relation_for

LINK = GivenEntity(
    label="Repository",
    source="pwc",
    url="https://github.com/Acme/FooNet/tree/main",
    is_official=True,
    framework="pytorch",
)
ADAM = GivenEntity(label="Method", source="pwc", name="Adam", aliases=("Adam",))
GCN = GivenEntity(
    label="Method", source="pwc", name="GCN", aliases=("Graph Convolutional Network",)
)


def paper(*given: GivenEntity, abstract: str = "We study bars.") -> Paper:
    return Paper(id="p1", title="A Paper", abstract=abstract, given=list(given))


def test_stated_entities_become_source_findings() -> None:
    link, adam, gcn = given_findings(paper(LINK, ADAM, GCN, ADAM))
    assert isinstance(link, RepositoryFinding)
    assert (link.key, link.root, link.owner, link.name) == (
        "github.com/acme/foonet",
        "https://github.com/Acme/FooNet",
        "Acme",
        "FooNet",
    )
    assert (link.is_official, link.framework) == (True, "pytorch")
    assert isinstance(adam, MethodFinding) and adam.aliases == []
    assert gcn.aliases == ["Graph Convolutional Network"]
    for finding in (link, adam, gcn):
        assert (finding.rule, finding.confidence, finding.mentions) == ("source", 1.0, [])
        assert finding.evidence == "stated by the source (pwc)"


def test_links_to_nothing_and_nameless_methods_are_dropped() -> None:
    nothing = GivenEntity(label="Repository", source="hf-papers", url="not a link")
    nameless = GivenEntity(label="Method", source="pwc", name="")
    assert given_findings(paper(nothing, nameless)) == []


def test_relation_carries_is_official_and_framework() -> None:
    (link,) = given_findings(paper(LINK))
    relation = relation_for("p1", link)
    assert (relation.is_official, relation.framework, relation.rule) == (True, "pytorch", "source")
    props = relation_properties(relation)
    assert (props["is_official"], props["framework"]) == (True, "pytorch")


def test_without_stated_entities_findings_are_the_same_list() -> None:
    findings: list[object] = []
    assert with_given(findings, paper()) is findings  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_extractor_adds_them_and_keeps_extracted_findings_with_the_same_key(
    extractor: Extractor,
) -> None:
    text = "We propose FooNet, trained with Adam. Code: https://github.com/acme/foonet ."
    stated = paper(LINK, ADAM, GCN, abstract=text)
    plain = paper(abstract=text)
    [extraction_plain] = extractor.extract([plain])
    [extraction] = extractor.extract([stated])
    extracted = {(f.label, f.key): f for f in extraction_plain.findings}
    found = {(f.label, f.key): f for f in extraction.findings}
    assert set(found) == set(extracted) | {("Method", "gcn")}
    assert found[("Method", "gcn")].rule == "source"
    # found in the text and stated: one finding, the extracted one with the source's word too
    for key in (("Repository", "github.com/acme/foonet"), ("Method", "adam")):
        assert key in extracted, key
        assert found[key].rule == extracted[key].rule != "source"
        assert found[key].mentions == extracted[key].mentions
        assert found[key].evidence == (
            f"{extracted[key].evidence}; also stated by the source (pwc)"
        )
    repo = found[("Repository", "github.com/acme/foonet")]
    assert isinstance(repo, RepositoryFinding)
    assert (repo.is_official, repo.framework) == (True, "pytorch")

from __future__ import annotations

from kg.models import Finding, Paper, PaperExtraction, RelType
from kg.resolve import resolve


def finding(label: str, name: str, key: str, **extra: object) -> Finding:
    return Finding(
        label=label,
        name=name,
        key=key,
        confidence=0.8,
        rule="test",
        evidence=f"about {name}",
        **extra,
    )


def extraction(paper_id: str, *findings: Finding) -> PaperExtraction:
    return PaperExtraction(paper=Paper(id=paper_id, title=paper_id), findings=list(findings))


def test_same_key_across_papers_is_one_entity_named_by_majority() -> None:
    entities, relations = resolve(
        [
            extraction("a", finding("Method", "ResNet-50", "resnet50", role="used")),
            extraction("b", finding("Method", "ResNet50", "resnet50", role="used")),
            extraction(
                "c",
                finding(
                    "Method", "ResNet-50", "resnet50", role="used", aliases=["Residual Network 50"]
                ),
            ),
        ]
    )
    assert len(entities) == 1
    entity = entities[0]
    assert entity.name == "ResNet-50"
    assert entity.aliases == ["Residual Network 50", "ResNet50"]
    assert [r.source for r in relations] == ["a", "b", "c"]


def test_role_and_label_choose_the_relationship_type() -> None:
    _, relations = resolve(
        [
            extraction(
                "p",
                finding("Method", "NewNet", "newnet", role="proposed"),
                finding("Method", "BERT", "bert", role="used"),
                finding("Dataset", "NewSet", "newset", introduced=True),
                finding(
                    "Repository",
                    "https://github.com/a/b",
                    "github.com/a/b",
                    url="https://github.com/a/b",
                    host="github.com",
                    owner="a",
                    repo="b",
                ),
            )
        ]
    )
    types = {r.target: r.type for r in relations}
    assert types == {
        "newnet": RelType.PROPOSES,
        "bert": RelType.USES,
        "newset": RelType.EVALUATES_ON,
        "github.com/a/b": RelType.HAS_CODE,
    }
    introduced = {r.target: r.introduced for r in relations}
    assert introduced["newset"] is True and introduced["bert"] is None


def test_same_name_different_labels_stay_apart() -> None:
    entities, _ = resolve(
        [extraction("p", finding("Method", "X", "x"), finding("Dataset", "X", "x"))]
    )
    assert sorted(e.label for e in entities) == ["Dataset", "Method"]


def test_duplicate_finding_in_one_paper_gives_one_relation() -> None:
    _, relations = resolve(
        [extraction("p", finding("Method", "BERT", "bert"), finding("Method", "Bert", "bert"))]
    )
    assert len(relations) == 1

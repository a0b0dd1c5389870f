from __future__ import annotations

from pydantic import TypeAdapter

from kg.models import Finding, Paper, PaperExtraction, RelType, ResultFinding
from kg.resolve import Resolver, resolve

FINDING: TypeAdapter[Finding] = TypeAdapter(Finding)


def finding(label: str, shown: str, key: str, **extra: object) -> Finding:
    fields = {"label": label, "key": key, "confidence": 0.8, "rule": "test"}
    if label != "Repository":
        fields["name"] = shown
    else:
        fields["root"] = shown
    return FINDING.validate_python({**fields, "evidence": f"about {shown}", **extra})


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
                    url="https://github.com/a/b/tree/main",
                    host="github.com",
                    owner="a",
                    name="b",
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


def test_repository_entity_is_the_root_with_its_name() -> None:
    entities, _ = resolve(
        [
            extraction(
                "p",
                finding(
                    "Repository",
                    "https://github.com/a/b",
                    "github.com/a/b",
                    url="https://github.com/a/b/blob/main/x.py",
                    host="github.com",
                    owner="a",
                    name="b",
                ),
            )
        ]
    )
    [repo] = entities
    assert repo.model_dump() == {
        "label": "Repository",
        "id": "github.com/a/b",
        "url": "https://github.com/a/b",
        "host": "github.com",
        "owner": "a",
        "name": "b",
    }


def test_resolvers_of_parts_merge_into_the_resolver_of_the_whole() -> None:
    papers = [
        extraction("a", finding("Method", "ResNet-50", "resnet50", aliases=["RN50"])),
        extraction("b", finding("Method", "ResNet50", "resnet50"), finding("Dataset", "X", "x")),
        extraction("c", finding("Method", "ResNet50", "resnet50", generic=True)),
        extraction("d", finding("Dataset", "X-set", "x")),
    ]
    first, second = Resolver(), Resolver()
    for paper in papers[:2]:
        first.add(paper)
    for paper in papers[2:]:
        second.add(paper)
    merged = first.merge(second)
    assert merged.result() == resolve(papers)
    method = next(e for e in merged.entities() if e.label == "Method")
    assert (method.name, method.aliases) == ("ResNet50", ["ResNet-50", "RN50"])


def test_a_metric_entity_is_best_at_its_lowest_when_most_findings_say_so() -> None:
    entities, _ = resolve(
        [
            extraction("a", finding("Metric", "WER", "worderrorrate", lower_is_better=True)),
            extraction(
                "b", finding("Metric", "word error rate", "worderrorrate", lower_is_better=True)
            ),
            extraction("c", finding("Metric", "BLEU", "bleu")),
        ]
    )
    directions = {e.id: getattr(e, "lower_is_better", None) for e in entities}
    assert directions == {"worderrorrate": True, "bleu": False}


def test_chunks_taken_one_by_one_give_the_entities_and_rows_of_the_whole() -> None:
    papers = [
        extraction("a", finding("Method", "ResNet-50", "resnet50", aliases=["RN50"])),
        extraction("b", finding("Method", "ResNet50", "resnet50"), finding("Dataset", "X", "x")),
        extraction("c", finding("Method", "ResNet50", "resnet50", generic=True)),
        extraction("d", finding("Dataset", "X-set", "x")),
    ]
    corpus = Resolver()
    relations = []
    for chunk in (papers[:1], papers[1:3], papers[3:]):
        part = Resolver()
        for paper in chunk:
            part.add(paper)
        results, taken = corpus.take(part)
        assert results == []
        relations.extend(taken)
    entities, whole = resolve(papers)
    assert corpus.named_entities() == entities
    assert relations == whole
    assert list(corpus.relations()) == []  # handed back, not kept


def test_released_entities_are_the_named_ones_in_order_and_leave_the_resolver_empty() -> None:
    papers = [
        extraction("a", finding("Dataset", "X", "x"), finding("Method", "Net", "net")),
        extraction(
            "b",
            finding("Method", "Net-v2", "netv2"),
            finding(
                "Repository",
                "https://github.com/o/r",
                "github.com/o/r",
                url="https://github.com/o/r",
                host="github.com",
                owner="o",
                name="r",
            ),
        ),
        extraction("c", finding("Task", "parsing", "parsing"), finding("Dataset", "X", "x")),
    ]
    resolver = Resolver()
    for paper in papers:
        resolver.add(paper)
    named = resolver.named_entities()
    assert [e.id for e in named] == ["x", "net", "netv2", "github.com/o/r", "parsing"]
    assert resolver.release_entities() == named
    assert resolver.named_entities() == []


def test_streamed_entities_count_the_edges_that_end_at_them() -> None:
    def result(value: float) -> ResultFinding:
        return ResultFinding(
            value=value,
            metric="accuracy",
            metric_key="accuracy",
            dataset="Moth-5",
            dataset_key="moth5",
            method="GlowNet",
            method_key="glownet",
            evidence=f"GlowNet reaches {value}% accuracy on Moth-5.",
        )

    first = extraction("a", finding("Dataset", "Moth-5", "moth5"), finding("Task", "parsing", "p"))
    second = extraction(
        "b",
        finding("Method", "GlowNet", "glownet", role="proposed"),
        finding("Dataset", "Moth 5", "moth5"),
        finding("Metric", "accuracy", "accuracy"),
    )
    second.results = [result(91.0), result(93.5)]  # two stated results, both about Moth-5
    chunks = [Resolver(), Resolver()]
    chunks[0].add(first)
    chunks[1].add(second)
    resolver = Resolver().merge(chunks[0]).merge(chunks[1])  # counts add up across chunks
    streamed = [(entity.id, links) for entity, links in resolver.stream_entities()]
    assert streamed == [("moth5", 4), ("p", 1), ("glownet", 3), ("accuracy", 3)]
    assert resolver.named_entities() == []

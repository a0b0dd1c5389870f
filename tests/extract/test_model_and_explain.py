"""The optional spaCy model adds hints; ``explain`` accounts for every finding end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from kg.errors import ConfigError
from kg.extract import ExtractConfig, Extractor, explain
from kg.models import Paper

ABSTRACT = "We tune the Quill Engine for speed on small boards."


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blank pipeline whose entity ruler knows one product name, saved like a model."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PRODUCT", "pattern": "Quill Engine"}])  # type: ignore[attr-defined]
    path = tmp_path_factory.mktemp("model") / "quill"
    nlp.to_disk(path)
    return path


def _methods(extractor: Extractor) -> dict[str, str]:
    [result] = extractor.extract([Paper(id="q", title="", abstract=ABSTRACT)])
    return {f.name: f.rule for f in result.of("Method")}


def test_model_entities_become_findings(model_dir: Path) -> None:
    assert _methods(Extractor(ExtractConfig(model=str(model_dir)))) == {
        "Quill Engine": "model:PRODUCT"
    }


def test_without_the_model_the_plain_words_are_not_a_name() -> None:
    assert _methods(Extractor()) == {}


def test_missing_model_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot load spaCy model"):
        Extractor(ExtractConfig(model=str(tmp_path / "no-such-model")))


def test_explain_walks_through_one_paper() -> None:
    paper = Paper(
        id="p7",
        title="Kestrel: Fast Solvers for Games",
        abstract="We propose Kestrel. Kestrel beats ResNet-50 on CIFAR-10. "
        "Code: https://github.com/acme/kestrel.",
    )
    [result] = Extractor().extract([paper])
    assert explain(result).splitlines() == [
        "p7: Kestrel: Fast Solvers for Games",
        "  Method 'Kestrel' [proposed]",
        "    rule title, confidence 0.90, key kestrel",
        "    type by title, role by title",
        "    evidence: Kestrel: Fast Solvers for Games",
        "    at 0-7 'Kestrel' by title",
        "    at 43-50 'Kestrel' by cue:proposal",
        "    at 52-59 'Kestrel' by repeat",
        "  Method 'ResNet-50'",
        "    rule gazetteer:ResNet-50, confidence 0.85, key resnet50",
        "    type by gazetteer:ResNet-50, role by no_proposal_cue",
        "    evidence: Kestrel beats ResNet-50 on CIFAR-10.",
        "    at 66-75 'ResNet-50' by gazetteer:ResNet-50",
        "  Dataset 'CIFAR-10'",
        "    rule gazetteer:CIFAR-10, confidence 0.85, key cifar10",
        "    type by gazetteer:CIFAR-10, role by no_release_cue",
        "    evidence: Kestrel beats ResNet-50 on CIFAR-10.",
        "    at 79-87 'CIFAR-10' by gazetteer:CIFAR-10",
        "  Repository 'https://github.com/acme/kestrel'",
        "    rule link, confidence 0.90, key github.com/acme/kestrel",
        "    type by link",
        "    evidence: Code: https://github.com/acme/kestrel.",
        "    at 95-126 'https://github.com/acme/kestrel' by link",
    ]


@pytest.mark.parametrize(
    ("abstract", "name", "decided"),
    [
        (
            "We propose GullNet for birds.",
            "GullNet",
            "type by default_method, role by cue:proposal",
        ),
        (
            "Results on the Tern-4 dataset are good.",
            "Tern-4",
            "type by cue:dataset_word_after, role by no_release_cue",
        ),
        (
            "Our method, called PloverNet, is known as a PloverNet elsewhere.",
            "PloverNet",
            "role by cue:",
        ),
    ],
)
def test_explain_says_which_rule_decided_type_and_role(
    abstract: str, name: str, decided: str
) -> None:
    [result] = Extractor().extract([Paper(id="d", title="", abstract=abstract)])
    lines = explain(result).splitlines()
    headline = next(i for i, line in enumerate(lines) if repr(name) in line)
    assert decided in lines[headline + 2]


def test_explain_says_when_nothing_was_found() -> None:
    [result] = Extractor().extract([Paper(id="e", title="", abstract="nothing to see")])
    assert explain(result) == "e: (no title)\n  nothing found"

"""Task phrases and metric names, on sentences written for these rules."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.metrics import metric_lexicon, metric_spans
from kg.extract.tasks import elided_conjuncts, task_spans, title_purposes
from kg.models import Paper


def _tasks(text: str) -> list[str]:
    return [text[s:e] for s, e in task_spans(text, [0])]


def _metrics(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], name) for s, e, name in metric_spans(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The loss gives a 12% relative reduction in error.", []),
        ("We see a 3x reduction of memory and a 10x compression of the weights.", []),
        ("It brings a 0.8 point absolute reduction of the word error rate.", []),
        ("Our model needs no dimensionality reduction step.", ["dimensionality reduction"]),
        (
            "We study 4x image super-resolution and relative pose estimation.",
            ["image super-resolution", "relative pose estimation"],
        ),
        ("Results improve 2x super-resolution.", ["super-resolution"]),
    ],
)
def test_an_amount_of_change_is_no_task(sentence: str, expected: list[str]) -> None:
    assert _tasks(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We study object detection in cluttered scenes.", ["object detection"]),
        ("Results on neural machine translation improve.", ["neural machine translation"]),
        (
            "It helps part-of-speech tagging and dependency parsing.",
            ["part-of-speech tagging", "dependency parsing"],
        ),
        ("Semantic segmentation remains hard.", ["Semantic segmentation"]),
        ("Visual Question Answering needs both modalities.", ["Visual Question Answering"]),
        (
            "We track 3D human pose estimation quality in crowded scenes.",
            ["3D human pose estimation"],
        ),
    ],
)
def test_task_phrases_are_read_back_from_the_head(sentence: str, expected: list[str]) -> None:
    assert _tasks(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a dataset name is no modifier of the task
        ("It reaches new highs on ImageNet classification.", ["classification"]),
        # evaluative adjectives, verbs and adverbs end the phrase
        ("We obtain accurate segmentation quickly.", ["segmentation"]),
        ("This directly improves image captioning.", ["image captioning"]),
        # a capitalised name that goes on is a method, not a task
        ("We build on the Detection Transformer of prior work.", []),
        ("Deep Residual Learning eases training.", []),
        # heads that need a modifier
        ("Learning is hard; few-shot learning is harder.", ["few-shot learning"]),
    ],
)
def test_task_phrases_stop_at_what_is_not_a_task_word(sentence: str, expected: list[str]) -> None:
    assert _tasks(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We evaluate on the machine reading task.", ["machine reading"]),
        ("It transfers to several NLP problems and vision tasks.", ["NLP problems", "vision"]),
        ("The graph partition problem is NP-hard.", ["graph partition"]),
        ("We view it as a sequential decision problem.", ["sequential decision"]),
        # a phrase already ending in a task word is read from its head
        ("It helps image classification tasks.", ["image classification"]),
        # nothing names the task: an evaluative word, a determiner
        ("This is a challenging task; the task is new.", []),
        ("It remains a crucial problem and a representative task.", []),
    ],
)
def test_a_task_noun_names_the_phrase_before_it(sentence: str, expected: list[str]) -> None:
    assert _tasks(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Our method helps the VQA task.", ["VQA task"]),
        ("Gains carry over to three ASR problems.", ["ASR problems"]),
        # a capitalised name or a plain word before the noun is no acronym
        ("We solve the Wikipedia task.", []),
        ("Both MT tasks improved; the task is new.", ["MT tasks"]),
    ],
)
def test_an_acronym_before_a_task_noun_names_a_task_with_it(
    sentence: str, expected: list[str]
) -> None:
    assert _tasks(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Recommender systems rank items for users.", ["Recommender systems"]),
        ("Modern dialogue systems answer in turns.", ["dialogue systems"]),
        # a phrase ending in a task word keeps its head; a bare noun names nothing
        ("Speech recognition systems improved.", ["Speech recognition"]),
        ("These systems are fast; our system is faster.", []),
    ],
)
def test_a_system_noun_names_an_area_of_work_with_it(sentence: str, expected: list[str]) -> None:
    assert _tasks(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We study prediction of vertex positions on meshes.", ["prediction of vertex positions"]),
        ("Estimation of human pose is hard.", ["Estimation of human pose"]),
        ("It needs classification of images, then more.", ["classification of images"]),
        # the object ends at a function word, a capitalised name or a verb form
        ("It allows detection of the objects.", ["detection"]),
        ("It improves segmentation of ImageNet photos.", ["segmentation"]),
        ("Reconstruction of is no phrase.", []),
    ],
)
def test_a_bare_head_takes_the_object_of_its_of_phrase(sentence: str, expected: list[str]) -> None:
    assert _tasks(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "We learn a word embedding from raw text.",
        "Batch normalization speeds up training.",
        "The image embedding of each photo is fixed.",
    ],
)
def test_what_a_method_builds_or_does_is_no_task(sentence: str) -> None:
    assert _tasks(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Progress in NLP has been fast.", ["NLP"]),
        ("We report results for NER and SRL.", ["NER", "SRL"]),
        # only whole words in their own case
        ("The NLPX toolkit and nlp scripts.", []),
    ],
)
def test_the_fields_undefined_task_acronyms_are_tasks(sentence: str, expected: list[str]) -> None:
    assert _tasks(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A network for detecting faces in crowds.", ["detecting faces"]),
        ("It is capable of generating realistic images quickly.", ["generating realistic images"]),
        ("Estimating head pose is hard.", ["Estimating head pose"]),
        ("Detecting Small Objects: a study", ["Detecting Small Objects"]),
        # not a purpose or a subject, or no object of its own
        ("We win by detecting faces first.", []),
        ("A network for detecting the faces.", []),
        ("Using shared weights, we win.", []),
    ],
)
def test_a_task_verb_and_its_object_name_a_task(sentence: str, expected: list[str]) -> None:
    assert _tasks(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Aligning noisy captions with video frames is a difficult problem.",
            ["Aligning noisy captions with video frames"],
        ),
        (
            "Accurately forecasting traffic in large cities remains an open challenge.",
            ["forecasting traffic in large cities"],
        ),
        (
            "Segmenting thin vessels in retinal images has long been a central problem.",
            ["Segmenting thin vessels in retinal images"],
        ),
        (
            "Counting people in dense crowds has many applications.",
            ["Counting people in dense crowds"],
        ),
        ("Tracking small objects, which move fast, is hard.", ["Tracking small objects"]),
        # the predicate does not call it hard or important, or the opening is no gerund
        ("Sharing weights across layers is cheap and simple.", []),
        ("During training the loss is a key signal.", []),
        ("Shuffling papers by length is what most systems did in the past.", []),
    ],
)
def test_a_gerund_subject_called_hard_or_important_is_a_task(
    sentence: str, expected: list[str]
) -> None:
    assert _tasks(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We test it for speech and object recognition.", [("speech", "speech recognition")]),
        (
            "Results on part-of-speech and morphological tagging.",
            [("part-of-speech", "part-of-speech tagging")],
        ),
        (
            "It covers sentiment or topic classification.",
            [("sentiment", "sentiment classification")],
        ),
        # two whole phrases, or nothing that modifies a task before "and"
        ("It does object detection and 6D pose estimation.", []),
        ("We train the model and object recognition.", []),
        ("It helps and object recognition gains.", []),
    ],
)
def test_the_first_of_two_phrases_sharing_a_head_is_a_task(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    spans = task_spans(sentence, [0])
    found = elided_conjuncts(sentence, [0], spans)
    assert [(sentence[s:e], name) for s, e, name in found] == expected


def test_an_elided_task_is_keyed_by_its_whole_phrase() -> None:
    paper = Paper(
        id="p", abstract="We study speech and object recognition. Speech recognition is hard."
    )
    (extraction,) = Extractor().extract([paper])
    keys = sorted(f.key for f in extraction.findings if f.label == "Task")
    assert keys == ["objectrecognition", "speechrecognition"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Memory Networks for Reading Long Documents\nWe read.", ["Reading Long Documents"]),
        ("FluxNet for Object Skeletons in the Wild\nWe find them.", ["Object Skeletons"]),
        (
            "Graph Nets For Detection and Tracking of Cells\nAbstract.",
            ["Detection and Tracking of Cells"],
        ),
        # only in the title, and not what a determiner or an evaluative word opens
        ("A study of nets\nWe build nets for Reading Long Documents.", []),
        ("Methods for the Masses\nAbstract.", []),
        ("Fast Solvers for Games\nAbstract.", []),  # one word says too little
        ("Tools for Efficient Training\nAbstract.", []),
    ],
)
def test_what_a_title_says_its_method_is_for_is_a_task(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in title_purposes(text, [])] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Question answering models read the passage.", []),
        ("We train an object detection network end to end.", []),
        ("A speech recognition system and its loss are described.", ["speech recognition"]),
        ("Object detection methods rely on anchors.", []),
        ("Recently machine learning based models took over.", []),
        ("We build a speech recognition solution for clinics.", []),
    ],
)
def test_a_task_phrase_before_a_method_noun_describes_the_method(
    sentence: str, expected: list[str]
) -> None:
    assert _tasks(sentence) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # a title glued to the abstract's first word: "We" opens a sentence
        ("Sparse Attention for Sequence Prediction We study", ["Sequence Prediction"]),
        ("Fast Multi-Person Pose Estimation In The Wild", ["Multi-Person Pose Estimation"]),
        # a capitalised phrase before "for"/"via" and a capitalised task is the method
        ("Camera Style Adaptation for Person Re-identification", ["Person Re-identification"]),
        ("Hard Positive Generation via Adversary", []),
        (
            "Learning Fine-Grained Image Classification from Noisy Labels",
            ["Fine-Grained Image Classification"],
        ),
    ],
)
def test_capitalised_task_phrases_in_titles(title: str, expected: list[str]) -> None:
    assert _tasks(title) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It halves the inference speed cost.", [("inference speed", "speed")]),
        (
            "We improve robustness and generalization.",
            [("robustness", "robustness"), ("generalization", "generalization")],
        ),
        (
            "Samples of higher quality and diversity.",
            [("quality", "quality"), ("diversity", "diversity")],
        ),
        ("It lowers the computational complexity.", [("computational complexity", "complexity")]),
    ],
)
def test_qualities_papers_evaluate_are_metrics(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert _metrics(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We rely on high precision arithmetic throughout.", []),
        ("Low quality scans are common in archives.", []),
        ("High Quality Object Detection with Cascades", []),
        ("The fused kernel gives a tenfold speed up.", []),
        # a measure: the degree word is a predicate, or no noun follows
        ("It reaches high accuracy on both sets.", [("accuracy", "accuracy")]),
        (
            "Both have low complexity and high recall.",
            [("complexity", "complexity"), ("recall", "recall")],
        ),
        ("It keeps high accuracy compared to larger models.", [("accuracy", "accuracy")]),
        ("We trade speed for memory.", [("speed", "speed")]),
    ],
)
def test_a_metric_word_inside_a_modifier_is_no_measure(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert _metrics(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "We rank outputs with a perceptual distance metric.",
            [("perceptual distance metric", "")],
        ),
        ("The model emits calibrated confidence scores.", [("calibrated confidence scores", "")]),
        ("It optimises a task-specific score directly.", [("task-specific score", "")]),
        # the lexicon's name wins; a determiner or an evaluative word names nothing
        ("A BLEU score of 30 and a new metric.", [("BLEU score", "BLEU")]),
        ("These scores are high.", []),
    ],
)
def test_a_metric_noun_names_the_phrase_before_it(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert _metrics(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It reaches 84.3% top-1 accuracy.", [("top-1 accuracy", "top-1 accuracy")]),
        (
            "A rank-1 accuracy of 95.4% for re-identification.",
            [("rank-1 accuracy", "rank-1 accuracy")],
        ),
        ("We report ROC AUC and AUROC alike.", [("ROC AUC", "ROC-AUC"), ("AUROC", "ROC-AUC")]),
        ("The mAP@0.5 and the AP50 agree.", [("mAP@0.5", "AP50"), ("AP50", "AP50")]),
        (
            "A BLEU score of 28.4 and higher ROUGE-L.",
            [("BLEU score", "BLEU"), ("ROUGE-L", "ROUGE-L")],
        ),
        (
            "Lower perplexity and word error rate.",
            [("perplexity", "perplexity"), ("word error rate", "word error rate")],
        ),
        # a task word specialises a metric word: the phrase is the name
        ("It improves classification accuracy.", [("classification accuracy", "")]),
    ],
)
def test_metric_lexicon_finds_variants_with_their_canonical_name(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert _metrics(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ensemble reaches 4.1% error on the test images.", [("error", "error")]),
        ("It lowers error to 12 % error overall.", [("error", "error")]),
        # without a stated value the word names a mistake, not a measure
        ("Errors pile up and segmentation errors remain.", []),
        (
            "A 3% error budget and top-5 error both fall.",
            [("error", "error"), ("top-5 error", "top-5 error")],
        ),
    ],
)
def test_error_after_a_percentage_is_a_metric(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert _metrics(sentence) == expected


def test_a_defined_acronym_of_a_longer_metric_name_is_a_metric_not_a_method() -> None:
    paper = Paper(
        id="m",
        abstract="We report the Weighted Reconstruction Error (WRE) on faces. The WRE drops.",
    )
    (extraction,) = Extractor().extract([paper])
    metrics = {f.display: f.aliases for f in extraction.findings if f.label == "Metric"}
    methods = {f.display for f in extraction.findings if f.label == "Method"}
    assert metrics["Weighted Reconstruction Error"] == ["WRE"]
    assert not methods & {"WRE", "Weighted Reconstruction Error"}


def test_frame_rate_is_a_speed_metric() -> None:
    assert _metrics("It runs at interactive frame rates.") == [("frame rates", "throughput")]


def test_information_retrieval_writes_mean_average_precision_in_capitals() -> None:
    assert _metrics("MAP rises by 3 points.") == [("MAP", "mAP")]


def test_lower_case_words_do_not_match_capitalised_metrics() -> None:
    assert _metrics("We map each word to a vector; the ap is small.") == []


def test_extraction_reports_tasks_and_metrics_not_false_methods() -> None:
    paper = Paper(
        id="p1",
        title="",
        abstract=(
            "We address Neural Machine Translation (NMT) with a new model, FooNet. "
            "FooNet reaches a BLEU of 30.1 and a higher ROC-AUC than AUROC-tuned baselines. "
            "NMT remains hard."
        ),
    )
    (extraction,) = Extractor().extract([paper])
    tasks = [f for f in extraction.findings if f.label == "Task"]
    metrics = [f for f in extraction.findings if f.label == "Metric"]
    methods = {f.display for f in extraction.findings if f.label == "Method"}
    assert [t.display for t in tasks] == ["Neural Machine Translation"]
    assert "NMT" in tasks[0].aliases
    assert {m.key for m in metrics} == {"bleu", "rocauc"}
    assert "FooNet" in methods
    assert not methods & {"NMT", "BLEU", "ROC-AUC", "Neural Machine Translation"}


@pytest.mark.parametrize(
    ("surface", "lower"),
    [
        ("word error rate", True),
        ("WER", True),
        ("perplexity", True),
        ("FID", True),
        ("frame classification error rate", True),  # a phrase ending in a metric
        ("top-1 accuracy", False),
        ("BLEU", False),
        ("tagging accuracy", False),
    ],
)
def test_the_lexicon_says_which_metrics_are_best_at_their_lowest(surface: str, lower: bool) -> None:
    assert metric_lexicon().lower_is_better(surface) is lower


def test_a_metric_finding_carries_its_direction() -> None:
    paper = Paper(id="p", abstract="It lowers the word error rate and raises the accuracy.")
    (extraction,) = Extractor().extract([paper])
    directions = {f.name: f.lower_is_better for f in extraction.findings if f.label == "Metric"}
    assert directions == {"word error rate": True, "accuracy": False}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We study grammatical error correction in essays.", ["grammatical error correction"]),
        ("Speech enhancement helps hearing aids.", ["Speech enhancement"]),
        ("The correction is small.", []),  # a bare head that needs a modifier
    ],
)
def test_correction_and_enhancement_name_tasks_with_a_modifier(
    sentence: str, expected: list[str]
) -> None:
    assert _tasks(sentence) == expected

"""Synthetic research abstracts whose vocabulary keeps growing with their number, for benchmarks
that must not be flattered by caches warmed on repeated text.

Each abstract recombines sentence templates written here (problem, proposal, method detail,
reuse of earlier methods, evaluation, result, code link) with slots filled from word lists, and
brings names never seen before: a new method in every paper, a new dataset every few papers and
a new technical term in every paper, all spelled from syllables by the paper's index (bijective
base numbering, so no two indexes give the same name). Earlier invented names are reused as
baselines and benchmarks, as real papers do, so the number of distinct entities grows linearly
with the corpus while every text is new.

``abstracts(n, start=0, seed=0)`` yields JSON-ready records (id, title, abstract, authors, year);
``start`` shifts the indexes, so two ranges share no invented name.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ra",
    "ve",
    "zu",
    "ti",
    "no",
    "sa",
    "be",
    "fi",
    "go",
    "hu",
    "ja",
    "ke",
    "li",
    "mo",
    "nu",
    "pa",
    "qui",
    "ro",
    "si",
    "ta",
    "vo",
    "wa",
    "xe",
    "yo",
    "zo",
    "bra",
    "cle",
    "dri",
    "fla",
    "gro",
    "ple",
    "tri",
    "sto",
)
METHOD_SUFFIXES = ("Net", "Former", "GAN", "BERT", "Flow", "Mix", "Seg", "Diff", "RL", "")
DATASET_SUFFIXES = ("Bench", "QA", "-1K", "Set", "Corpus", "-X", "Scenes", "Eval")
KNOWN_METHODS = (
    "BERT",
    "RoBERTa",
    "ResNet-50",
    "ViT",
    "GPT-2",
    "T5",
    "LSTM",
    "U-Net",
    "PointNet++",
    "DGCNN",
    "Transformer",
    "CLIP",
    "XGBoost",
    "GCN",
    "GraphSAGE",
    "YOLOv5",
    "Faster R-CNN",
    "wav2vec 2.0",
    "Whisper",
    "LayerNorm",
    "Adam",
)
KNOWN_DATASETS = (
    "ImageNet",
    "CIFAR-10",
    "SQuAD",
    "GLUE",
    "COCO",
    "LibriSpeech",
    "ModelNet40",
    "MNIST",
    "WikiText-103",
    "Cityscapes",
    "ScanObjectNN",
    "MS MARCO",
)
TOPICS = (
    "named entity recognition",
    "image segmentation",
    "speech recognition",
    "graph classification",
    "question answering",
    "point cloud registration",
    "machine translation",
    "time series forecasting",
    "recommendation",
    "protein structure prediction",
    "dialogue state tracking",
    "anomaly detection",
    "few-shot learning",
    "3D reconstruction",
    "code generation",
    "text summarisation",
)
ADJECTIVES = (
    "robust",
    "efficient",
    "scalable",
    "lightweight",
    "sparse",
    "hierarchical",
    "contrastive",
    "adaptive",
    "uncertainty-aware",
    "multilingual",
    "self-supervised",
    "differentiable",
    "calibrated",
    "modular",
)
NOUNS = (
    "encoder",
    "decoder",
    "attention",
    "module",
    "objective",
    "regulariser",
    "curriculum",
    "memory",
    "bank",
    "tokenizer",
    "sampler",
    "adapter",
    "prior",
    "loss",
    "kernel",
    "graph",
    "prompt",
)
FIRST_NAMES = (
    "Ana",
    "Jonas",
    "Mei",
    "Ravi",
    "Elena",
    "Tobias",
    "Mira",
    "Kofi",
    "Lucia",
    "Sven",
    "Aiko",
    "Omar",
    "Ines",
    "Pavel",
)
LAST_NAMES = (
    "Ruiz",
    "Brandt",
    "Chen",
    "Natarajan",
    "Popescu",
    "Okafor",
    "Lindqvist",
    "Sato",
    "Haddad",
    "Novak",
    "Silva",
)

PROBLEM = (
    "{Topic} remains difficult when labelled data is scarce and inputs are noisy.",
    "Existing approaches to {topic} rely on {adj} {noun}s that scale poorly with input length.",
    "Most {topic} systems ignore the {term} structure that real data exhibits.",
    "Recent work on {topic} reports large gains, yet these gains vanish under distribution shift.",
    "State-of-the-art models for {topic} are expensive to train and hard to deploy on devices.",
)
PROPOSAL = (
    "We propose {method}, a {adj} {noun} for {topic} that exploits {term} regularities.",
    "We introduce {method}, which replaces the standard {noun} with a {adj} {term} {noun}.",
    "In this paper we present {method}, a {adj} approach to {topic} built around a {term} {noun}.",
    "This work proposes {method}, a {adj} framework that learns {term} representations.",
)
DETAIL = (
    "{Method} combines a {adj} {noun} with a {term} {noun2} trained end to end.",
    "The key idea is to align the {noun} with a learned {term} prior at every layer.",
    "A {adj} {noun2} estimates the {term} score of each input and routes it accordingly.",
    "Training uses a {adj} objective that penalises {term} drift between views.",
    "Unlike prior work, {method} needs neither extra labels nor a {adj} {noun2}.",
)
REUSE = (
    "We build on {used} and compare against {baseline}.",
    "Our implementation starts from a pretrained {used} backbone.",
    "Plugged into {used} and {baseline}, the {noun} adds less than 2% parameters.",
    "We use {used} as the teacher and distil it into a smaller student.",
)
EVALUATION = (
    "Experiments on {dataset} and {dataset2} show that {method} outperforms {baseline} by "
    "{gain} points.",
    "On the {dataset} benchmark, {method} improves accuracy by {gain}% over strong baselines.",
    "We evaluate on {dataset}, where {method} reaches {score} F1, and on {dataset2}.",
    "Results on {dataset} show a {gain}% relative reduction in error compared with {baseline}.",
)
INTRODUCED = (
    "We also release {new_dataset}, a new dataset of {size} annotated examples for {topic}.",
    "To measure {term} robustness we collect {new_dataset}, a benchmark of {size} samples.",
)
CLOSING = (
    "Code is available at https://github.com/{owner}/{repo}.",
    "Our code and models are publicly available at https://github.com/{owner}/{repo}.",
    "Ablations confirm that the {term} {noun} accounts for most of the improvement.",
    "We discuss limitations of {method} on long inputs and outline future work.",
)


def spelled(index: int, parts: int = 2) -> str:
    """A pronounceable word unique to ``index`` (bijective base-len(SYLLABLES) numbering),
    at least ``parts`` syllables long."""
    base = len(SYLLABLES)
    syllables: list[str] = []
    n = index + sum(base**k for k in range(1, parts))  # skip the shorter words
    while True:
        n, digit = divmod(n, base)
        syllables.append(SYLLABLES[digit])
        if n == 0:
            break
        n -= 1
    return "".join(reversed(syllables))


def method_name(index: int) -> str:
    return spelled(index).capitalize() + METHOD_SUFFIXES[index % len(METHOD_SUFFIXES)]


def dataset_name(index: int) -> str:
    stem = spelled(index * 7 + 3).capitalize()
    return stem + DATASET_SUFFIXES[index % len(DATASET_SUFFIXES)]


def technical_term(index: int) -> str:
    return "hyper" + spelled(index * 13 + 5, parts=3)


def abstracts(n: int, start: int = 0, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` records for the paper indexes ``start`` to ``start + n - 1``."""
    rng = random.Random(seed * 1_000_003 + start)
    methods: list[str] = list(KNOWN_METHODS)
    datasets: list[str] = list(KNOWN_DATASETS)
    terms: list[str] = ["spectral", "causal", "topological"]
    for index in range(start, start + n):
        method = method_name(index)
        term = technical_term(index)
        new_dataset = dataset_name(index // 4) if index % 4 == 0 else None
        topic = rng.choice(TOPICS)
        # recent names are reused more, as a field's newest baselines are
        recent = methods[-200:]
        slots = {
            "method": method,
            "Method": method,
            "topic": topic,
            "Topic": topic[0].upper() + topic[1:],
            "adj": rng.choice(ADJECTIVES),
            "noun": rng.choice(NOUNS),
            "noun2": rng.choice(NOUNS),
            "term": rng.choice([term, *rng.sample(terms, min(2, len(terms)))]),
            "used": rng.choice(recent),
            "baseline": rng.choice(methods),
            "dataset": rng.choice(datasets[-100:]),
            "dataset2": rng.choice(datasets),
            "new_dataset": new_dataset or "",
            "gain": f"{rng.uniform(0.3, 15):.1f}",
            "score": f"{rng.uniform(40, 95):.1f}",
            "size": f"{rng.randrange(1, 500) * 1000:,}",
            "owner": spelled(index * 3 + 1),
            "repo": method.lower(),
        }
        sentences = [*rng.sample(PROBLEM, rng.randint(1, 2)), rng.choice(PROPOSAL)]
        sentences += rng.sample(DETAIL, rng.randint(2, 4))
        sentences += rng.sample(REUSE, rng.randint(1, 2))
        sentences += rng.sample(EVALUATION, rng.randint(1, 2))
        if new_dataset:
            sentences.append(rng.choice(INTRODUCED))
        sentences += rng.sample(CLOSING, rng.randint(1, 2))
        abstract = " ".join(s.format(**slots) for s in sentences)
        title = f"{method}: {slots['adj'].capitalize()} {term.capitalize()} Learning for {topic}"
        authors = [
            f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(rng.randint(1, 5))
        ]
        yield {
            "id": f"gen.{index:08d}",
            "title": title,
            "abstract": abstract,
            "authors": authors,
            "year": 2015 + index % 11,
        }
        methods.append(method)
        terms.append(term)
        if new_dataset:
            datasets.append(new_dataset)


def write_jsonl(path: Path, n: int, start: int = 0, seed: int = 0) -> int:
    """Write ``n`` records to ``path`` as JSON Lines; returns the number of bytes written."""
    with open(path, "w", encoding="utf-8") as handle:
        for record in abstracts(n, start, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size

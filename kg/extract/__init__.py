"""Extraction stage: papers in, methods, datasets and code links (with evidence) out.

Extraction is three public steps, so each can be sharded, spilled to disk or run elsewhere:

1. **hints** (map): :meth:`Extractor.hints` runs the spaCy pipeline built from
   ``kg/data/extract.cfg`` (blank English plus the project's registered components) over each
   paper's text and keeps plain :class:`PaperHints`;
2. **name table** (reduce): :meth:`Extractor.table` collects the names strong cues proved in
   any paper into a :class:`NameTable`; tables of parts of a corpus merge;
3. **findings** (map): :meth:`Extractor.findings` groups one paper's hints, with the table,
   into one ``Finding`` per entity.

:func:`extract_papers` runs the three in order, in one process or several;
:func:`extract_chunks` does too and hands each chunk's extractions to a function of yours
(which runs in the workers, so only its result crosses back).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Field
from spacy.language import Language
from spacy.tokens import Doc

from kg import collector
from kg.extract.assemble import build_findings, name_table
from kg.extract.batching import batches
from kg.extract.candidates import SHAPE, TEXT, Candidate
from kg.extract.explain import explain
from kg.extract.gazetteer import Gazetteer, GazetteerMatcher
from kg.extract.given import with_given
from kg.extract.hints import PaperHints, add_candidates, hints_of
from kg.extract.pipeline import build_pipeline, load_model
from kg.extract.results import stated_results
from kg.extract.runs import ExtractRun
from kg.extract.table import CorpusNames, NameTable, SettledNames
from kg.models import Paper, PaperExtraction

__all__ = [
    "CorpusNames",
    "ExtractConfig",
    "ExtractRun",
    "Extractor",
    "NameTable",
    "PaperHints",
    "SettledNames",
    "explain",
    "extract_chunks",
    "extract_papers",
]

OnProgress = Callable[[str, int], None]
"""Called as ``on_progress(pass, papers)`` when ``papers`` more are through a pass
(:data:`HINTS_PASS` or :data:`FINDINGS_PASS`): a progress display, never the results."""
HINTS_PASS = "extract:hints"
FINDINGS_PASS = "extract:findings"

T = TypeVar("T")
BATCH_SIZE = 256
MODEL_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "LAW", "FAC"})


class ExtractConfig(BaseModel):
    """Options of the extraction stage."""

    gazetteers: list[Path] = Field(default_factory=list)
    model: str | None = None
    config: Path | None = None


class Extractor:
    """Finds methods, datasets and repositories in papers; build once, call many times."""

    def __init__(self, config: ExtractConfig | None = None) -> None:
        self.config = config or ExtractConfig()
        self.nlp: Language = build_pipeline(self.config.config, self.config.gazetteers)
        self.model: Language | None = load_model(self.config.model) if self.config.model else None
        self.gazetteer = Gazetteer()
        self.emit_generic = False
        if "kg_gazetteer" in self.nlp.pipe_names:
            matcher = self.nlp.get_pipe("kg_gazetteer")
            assert isinstance(matcher, GazetteerMatcher)
            self.gazetteer, self.emit_generic = matcher.gazetteer, matcher.emit_generic

    def _docs(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Tokenized docs that carry their text, so components never rebuild it."""
        for text in texts:
            doc = self.nlp.make_doc(text)
            doc.user_data[TEXT] = text
            yield doc

    def hints(self, texts: Iterable[str]) -> Iterator[PaperHints]:
        """Step 1: the pipeline's plain hints for each text, in order."""
        for batch in batches(texts, BATCH_SIZE):
            with collector.collector_paused():
                docs = self.nlp.pipe(self._docs(batch), batch_size=BATCH_SIZE)
                found = [hints_of(doc) for doc in docs]
                if self.model is not None:
                    model_docs = self.model.pipe(batch, batch_size=64)
                    found = [
                        add_candidates(hints, _model_candidates(doc))
                        for hints, doc in zip(found, model_docs, strict=True)
                    ]
            yield from found

    def table(self, hints: Iterable[PaperHints]) -> NameTable:
        """Step 2: the name table of the papers whose hints are given."""
        with collector.collector_paused():
            return name_table(hints, self.gazetteer)

    def findings(self, paper: Paper, hints: PaperHints, table: CorpusNames) -> PaperExtraction:
        """Step 3: one paper's findings from its hints and the corpus name table."""
        findings = build_findings(
            paper.text, hints, self.gazetteer, table, emit_generic=self.emit_generic
        )
        results = stated_results(paper.text, findings, list(hints.sentence_starts))
        return PaperExtraction(paper=paper, findings=with_given(findings, paper), results=results)

    def findings_of(
        self, papers: Iterable[Paper], hints: Iterable[PaperHints], table: CorpusNames
    ) -> Iterator[PaperExtraction]:
        """Step 3 for many papers (with their hints, in the same order), batch by batch."""
        pairs = zip(papers, hints, strict=True)
        for batch in batches(pairs, BATCH_SIZE):
            with collector.collector_paused():
                done = [self.findings(paper, paper_hints, table) for paper, paper_hints in batch]
            yield from done

    def extract(self, papers: Sequence[Paper]) -> list[PaperExtraction]:
        """All three steps in this process: one extraction per paper, in the order given."""
        hints = list(self.hints(paper.text for paper in papers))
        return list(self.findings_of(papers, hints, self.table(hints)))


def _model_candidates(doc: Doc) -> list[Candidate]:
    return [
        Candidate(e.start_char, e.end_char, e.text, f"model:{e.label_}", SHAPE)
        for e in doc.ents
        if e.label_ in MODEL_LABELS
    ]


def extract_chunks(
    papers: Iterable[Paper],
    reduce: Callable[[list[PaperExtraction]], T],
    config: ExtractConfig | None = None,
    workers: int = 1,
    prior: NameTable | None = None,
    on_table: Callable[[NameTable], None] | None = None,
    on_progress: OnProgress | None = None,
    *,
    run: ExtractRun | None = None,
) -> Iterator[T]:
    """``reduce`` of the extractions of each chunk of papers, chunk by chunk, in order.

    ``prior`` is the name table of papers extracted before (an earlier build): the papers'
    own table is merged into a copy of it. ``on_table`` receives the table used, once it is
    complete (a build keeps it for later updates). ``on_progress`` is told how many papers
    are through each pass, as they are. ``run`` gives all the options at once
    (and the scratch folder and chunk size); the other arguments are then ignored.

    The papers are read a chunk at a time, twice (:mod:`kg.extract.parallel`): memory holds a
    few chunks, not the corpus. With ``workers`` > 1 both per-paper steps, and ``reduce``, run
    in worker processes, so only what ``reduce`` returns (lines of JSON, a resolver of the
    chunk, ...) comes back; it must then be a picklable function (defined at module level, or a
    ``functools.partial`` of one). The result is the same for any number of workers.
    """
    from kg.extract.parallel import extract_streamed

    if run is None:
        run = ExtractRun(
            config=config,
            workers=workers,
            prior=prior,
            on_table=on_table,
            on_progress=on_progress,
        )
    yield from extract_streamed(papers, reduce, run)


def extract_papers(
    papers: Iterable[Paper], config: ExtractConfig | None = None, workers: int = 1
) -> Iterator[PaperExtraction]:
    """Extract every paper, in order, in ``workers`` processes (1: this process).

    The output is the same whatever the number of workers.
    """
    for chunk in extract_chunks(papers, list, config, workers):
        yield from chunk


class _CallableStage(types.ModuleType):
    """The ``kg.extract`` package, which can be called as the API function
    :func:`kg.api.extract`: ``kg.extract(["papers.jsonl"])``."""

    def __call__(self, inputs: Sequence[str | Path], **options: Any) -> Iterator[PaperExtraction]:
        from kg.api import extract

        return extract(inputs, **options)


sys.modules[__name__].__class__ = _CallableStage

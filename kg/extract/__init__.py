"""Extraction stage: papers in, methods, datasets and code links (with evidence) out.

Extraction is three public steps, so each can be sharded, spilled to disk or run elsewhere:

1. **hints** (map): :meth:`Extractor.hints` runs the spaCy pipeline built from
   ``kg/data/extract.cfg`` (blank English plus the project's registered components) over each
   paper's text and keeps plain :class:`PaperHints`;
2. **name table** (reduce): :meth:`Extractor.table` collects the names strong cues proved in
   any paper into a :class:`NameTable`; tables of parts of a corpus merge;
3. **findings** (map): :meth:`Extractor.findings` groups one paper's hints, with the table,
   into one ``Finding`` per entity.

:func:`extract_papers` runs the three in order, in one process or several.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pydantic import BaseModel, Field
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from kg.extract.assemble import build_findings, name_table
from kg.extract.candidates import SHAPE, TEXT, Candidate
from kg.extract.explain import explain
from kg.extract.gazetteer import Gazetteer
from kg.extract.hints import PaperHints, add_candidates, hints_of
from kg.extract.pipeline import build_pipeline, load_model
from kg.extract.table import NameTable
from kg.models import Paper, PaperExtraction

__all__ = [
    "ExtractConfig",
    "Extractor",
    "NameTable",
    "PaperHints",
    "explain",
    "extract_papers",
]

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
            self.gazetteer, self.emit_generic = matcher.gazetteer, matcher.emit_generic

    def _docs(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Tokenized docs that carry their text, so components never rebuild it."""
        for text in texts:
            doc = self.nlp.make_doc(text)
            doc.user_data[TEXT] = text
            yield doc

    def hints(self, texts: Iterable[str]) -> Iterator[PaperHints]:
        """Step 1: the pipeline's plain hints for each text, in order."""
        for batch in minibatch(texts, BATCH_SIZE):
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
        return name_table(hints, self.gazetteer)

    def findings(self, paper: Paper, hints: PaperHints, table: NameTable) -> PaperExtraction:
        """Step 3: one paper's findings from its hints and the corpus name table."""
        findings = build_findings(
            paper.text, hints, self.gazetteer, table, emit_generic=self.emit_generic
        )
        return PaperExtraction(paper=paper, findings=findings)

    def extract(self, papers: Sequence[Paper]) -> list[PaperExtraction]:
        """All three steps in this process: one extraction per paper, in the order given."""
        hints = list(self.hints(paper.text for paper in papers))
        table = self.table(hints)
        return [self.findings(p, h, table) for p, h in zip(papers, hints, strict=True)]


def _model_candidates(doc: Doc) -> list[Candidate]:
    return [
        Candidate(e.start_char, e.end_char, e.text, f"model:{e.label_}", SHAPE)
        for e in doc.ents
        if e.label_ in MODEL_LABELS
    ]


def extract_papers(
    papers: Sequence[Paper], config: ExtractConfig | None = None, workers: int = 1
) -> Iterator[PaperExtraction]:
    """Extract every paper, in order, in ``workers`` processes (1: this process).

    The output is the same whatever the number of workers.
    """
    from kg.extract.parallel import extract_in_processes

    if workers <= 1:
        extractor = Extractor(config)
        hints = list(extractor.hints(paper.text for paper in papers))
        table = extractor.table(hints)
        hints.reverse()  # popped from the end, in paper order: each paper's hints go when done
        for paper in papers:
            yield extractor.findings(paper, hints.pop(), table)
        return
    yield from extract_in_processes(papers, config or ExtractConfig(), workers)

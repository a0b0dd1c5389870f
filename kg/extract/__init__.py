"""Extraction stage: papers in, methods, datasets and code links (with evidence) out.

``Extractor`` runs a spaCy pipeline built from ``kg/data/extract.cfg`` (blank English plus
the project's registered components), then groups what the components found into one
``Finding`` per entity and paper. Names proven by a strong cue in one paper are recognised
in every other paper of the same ``extract()`` call.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel, Field
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.assemble import DocHints, build_findings, corpus_names
from kg.extract.candidates import (
    CANDIDATES,
    SENTENCE_STARTS,
    SHAPE,
    SUPPRESSED,
    TEXT,
    Candidate,
)
from kg.extract.explain import explain
from kg.extract.gazetteer import Gazetteer
from kg.extract.pipeline import build_pipeline, load_model
from kg.models import Paper, PaperExtraction

__all__ = ["ExtractConfig", "Extractor", "explain"]

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

    def _hints(self, papers: Sequence[Paper]) -> list[DocHints]:
        """The pipeline's hints per paper; texts are made as the docs are, not all kept."""
        hints: list[DocHints] = []
        surfaces: dict[str, str] = {}
        texts = (paper.text for paper in papers)
        for doc in self.nlp.pipe(self._docs(texts), batch_size=BATCH_SIZE):
            data = doc.user_data
            hints.append(
                DocHints(
                    candidates=_shared_surfaces(data.get(CANDIDATES, []), surfaces),
                    suppressed=data.get(SUPPRESSED, set()),
                    sentence_starts=data.get(SENTENCE_STARTS, [0]),
                    title_end=max(0, data[TEXT].find("\n")),
                )
            )
        if self.model is not None:
            texts = (paper.text for paper in papers)
            for doc, doc_hints in zip(self.model.pipe(texts, batch_size=64), hints, strict=True):
                doc_hints.candidates.extend(
                    Candidate(e.start_char, e.end_char, e.text, f"model:{e.label_}", SHAPE)
                    for e in doc.ents
                    if e.label_ in MODEL_LABELS
                )
        return hints

    def extract(self, papers: Sequence[Paper]) -> list[PaperExtraction]:
        """One extraction per paper, in the order given."""
        with _cycle_collector_paused():
            return list(self.iter_extract(papers))

    def iter_extract(self, papers: Sequence[Paper]) -> Iterator[PaperExtraction]:
        """``extract`` one paper at a time: a caller that writes each extraction away holds
        the findings of one paper only, and each paper's hints are freed once it is done."""
        with _cycle_collector_paused():
            hints = self._hints(papers)
            corpus = corpus_names(hints, self.gazetteer)
        hints.reverse()  # popped from the end, in paper order
        for paper in papers:
            doc_hints = hints.pop()
            with _cycle_collector_paused():
                findings = build_findings(
                    paper.text, doc_hints, self.gazetteer, corpus, emit_generic=self.emit_generic
                )
                extraction = PaperExtraction(paper=paper, findings=findings)
            del doc_hints  # its candidates go before the collector resumes
            yield extraction


def _shared_surfaces(candidates: list[Candidate], surfaces: dict[str, str]) -> list[Candidate]:
    """Candidates of one surface form share one string: names recur from paper to paper, and
    the candidates of every paper are kept until the corpus names are known."""
    for candidate in candidates:
        candidate.text = surfaces.setdefault(candidate.text, candidate.text)
        if candidate.written is not None:
            candidate.written = surfaces.setdefault(candidate.written, candidate.written)
    return candidates


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Extraction makes millions of small objects and no reference cycles; without the pause
    Python's cycle collector would scan all the live ones again and again as they pile up."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

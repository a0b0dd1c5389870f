"""Per-paper hints: what the pipeline found in one paper, as plain values.

The first step of extraction (map) turns each paper's text into :class:`PaperHints`; the
second (reduce) builds the corpus name table from all hints; the third (map) turns a paper, its
hints and the table into findings. Hints hold only tuples, strings and numbers, so they cross
process boundaries (``nlp.pipe(n_process=...)`` or any executor) and can be spilled to disk.

The ``kg_hints`` component, always last in the pipeline, leaves them in ``doc.user_data`` under
:data:`HINTS` and removes the components' working state.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.batching import BatchComponent
from kg.extract.candidates import CANDIDATES, SENTENCE_STARTS, SUPPRESSED, TEXT, Candidate
from kg.extract.tokens import TOKENS

HINTS = "kg_hints"
COMPONENT = "kg_hints"
_WORKING_STATE = (CANDIDATES, SUPPRESSED, SENTENCE_STARTS, TEXT, TOKENS)


@dataclass(frozen=True, slots=True)
class PaperHints:
    """One paper's candidates (as :meth:`Candidate.row` tuples) and the facts the findings step
    needs about its text: forms it defines as something else, sentence starts, title end."""

    candidates: tuple[tuple[Any, ...], ...]
    suppressed: tuple[str, ...] = ()
    sentence_starts: tuple[int, ...] = (0,)
    title_end: int = 0  # offset of the first line break: a title mention marks the paper's own

    def plain(self) -> tuple[Any, ...]:
        """The hints as one tuple of tuples, strings and numbers: what pickle, msgpack and JSON
        hold (the last two give lists back, which :meth:`from_plain` accepts)."""
        return (self.candidates, self.suppressed, self.sentence_starts, self.title_end)

    @classmethod
    def from_plain(cls, data: list[Any] | tuple[Any, ...]) -> PaperHints:
        candidates, suppressed, starts, title_end = data
        if isinstance(candidates, tuple):  # made in this process: already in shape
            return cls(candidates, suppressed, starts, title_end)
        return cls(
            candidates=tuple(
                (*row[:-1], tuple(row[-1]) if row[-1] is not None else None) for row in candidates
            ),
            suppressed=tuple(suppressed),
            sentence_starts=tuple(starts),
            title_end=int(title_end),
        )

    def candidate_objects(self) -> list[Candidate]:
        """Fresh, mutable candidates for the findings step."""
        return [Candidate.from_row(row) for row in self.candidates]


def hints_of(doc: Doc) -> PaperHints:
    """The hints the ``kg_hints`` component left on ``doc``."""
    data = doc.user_data.get(HINTS)
    if data is None:
        raise ValueError(f"doc has no {HINTS!r}: the pipeline must end with {COMPONENT!r}")
    return PaperHints.from_plain(data)


def add_candidates(hints: PaperHints, extra: Iterable[Candidate]) -> PaperHints:
    """``hints`` with more candidates (e.g. a trained model's entities)."""
    rows = tuple(candidate.row() for candidate in extra)
    if not rows:
        return hints
    return PaperHints(
        hints.candidates + rows, hints.suppressed, hints.sentence_starts, hints.title_end
    )


@Language.factory(COMPONENT)
def make_hints_collector(nlp: Language, name: str) -> HintsCollector:
    return HintsCollector()


class HintsCollector(BatchComponent):
    """Turns the candidates of the other components into plain :class:`PaperHints` values."""

    def __call__(self, doc: Doc) -> Doc:
        data = doc.user_data
        text = data.get(TEXT)
        if text is None:
            text = doc.text
        candidates: list[Candidate] = data.get(CANDIDATES, [])
        hints = PaperHints(
            candidates=tuple(candidate.row() for candidate in candidates),
            suppressed=tuple(sorted(data.get(SUPPRESSED, ()))),
            sentence_starts=tuple(data.get(SENTENCE_STARTS, (0,))),
            title_end=max(0, text.find("\n")),
        )
        for key in _WORKING_STATE:
            data.pop(key, None)
        data[HINTS] = hints.plain()
        return doc


def iter_hints(docs: Iterable[Doc]) -> Iterator[PaperHints]:
    """The hints of each doc of a pipeline's output."""
    for doc in docs:
        yield hints_of(doc)

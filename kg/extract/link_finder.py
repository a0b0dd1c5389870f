"""Pipeline component that adds every code or project link as a Repository candidate."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.batching import BatchComponent
from kg.extract.candidates import STRONG, Candidate, candidates_of, text_of
from kg.extract.links import find_links


@Language.factory("kg_links")
def make_link_finder(nlp: Language, name: str) -> LinkFinder:
    return LinkFinder()


class LinkFinder(BatchComponent):
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = candidates_of(doc)
        for start, end, link in find_links(text):
            found.append(
                Candidate(
                    start=start,
                    end=end,
                    text=text[start:end],
                    rule="link",
                    strength=STRONG,
                    label="Repository",
                    name=link.url,
                    link=link,
                )
            )
        return doc

"""Corpus-level resolution: per-paper findings become shared entities and typed relations.

Findings from different papers that carry the same ``(label, key)`` are one entity. The display
name is the surface form used most often (ties go to the first seen), every other form becomes an
alias, so ``ResNet50`` in one paper and ``ResNet-50`` in another end up as one ``Method`` node.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from kg.models import Entity, EntityLabel, Finding, PaperExtraction, Relation, RelType


@dataclass
class _Pending:
    """What is known of one entity while findings are still streaming in."""

    label: EntityLabel
    key: str
    names: Counter[str] = field(default_factory=Counter)
    aliases: dict[str, None] = field(default_factory=dict)
    generic_votes: int = 0
    findings: int = 0
    # the first finding's repository fields (not the finding, which holds all its mentions)
    link: tuple[str | None, str | None, str | None, str | None] | None = None

    def add(self, finding: Finding) -> None:
        self.names[finding.name] += 1
        for alias in finding.aliases:
            self.aliases.setdefault(alias, None)
        self.generic_votes += finding.generic
        self.findings += 1
        if self.link is None:
            self.link = (finding.url, finding.host, finding.owner, finding.repo)

    def entity(self) -> Entity:
        name = self.names.most_common(1)[0][0]
        aliases = [a for a in {**dict.fromkeys(self.names), **self.aliases} if a != name]
        assert self.link is not None
        url, host, owner, repo = self.link
        return Entity(
            label=self.label,
            id=self.key,
            name=name,
            aliases=sorted(aliases, key=str.casefold),
            generic=self.generic_votes * 2 > self.findings,
            url=url,
            host=host,
            owner=owner,
            repo=repo,
        )


class _RelationFields(NamedTuple):
    """What a ``Relation`` holds, in a tenth of the record's memory, until the graph takes it."""

    type: RelType
    source: str
    target_label: EntityLabel
    target: str
    evidence: str
    confidence: float
    rule: str
    introduced: bool | None


def _relation_fields(paper_id: str, finding: Finding) -> _RelationFields:
    if finding.label == "Method":
        rel_type = RelType.PROPOSES if finding.role == "proposed" else RelType.USES
    elif finding.label == "Dataset":
        rel_type = RelType.EVALUATES_ON
    else:
        rel_type = RelType.HAS_CODE
    return _RelationFields(
        type=rel_type,
        source=paper_id,
        target_label=finding.label,
        target=finding.key,
        evidence=finding.evidence,
        confidence=finding.confidence,
        rule=finding.rule,
        introduced=finding.introduced if finding.label == "Dataset" else None,
    )


def relation_for(paper_id: str, finding: Finding) -> Relation:
    """The relationship a finding implies between its paper and its entity."""
    return Relation(**_relation_fields(paper_id, finding)._asdict())


class Resolver:
    """Merges findings paper by paper, so the papers' extractions need not all be kept."""

    def __init__(self) -> None:
        self.pending: dict[tuple[str, str], _Pending] = {}
        self.relation_fields: list[_RelationFields] = []

    def add(self, extraction: PaperExtraction) -> None:
        """Take in the findings of one paper."""
        seen: set[tuple[str, str]] = set()
        for finding in extraction.findings:
            ident = (finding.label, finding.key)
            if ident in seen:
                continue
            seen.add(ident)
            entry = self.pending.get(ident)
            if entry is None:
                entry = self.pending[ident] = _Pending(label=finding.label, key=finding.key)
            entry.add(finding)
            self.relation_fields.append(_relation_fields(extraction.paper.id, finding))

    def entities(self) -> list[Entity]:
        """The entities of every paper added so far."""
        return [entry.entity() for entry in self.pending.values()]

    def relations(self) -> Iterator[Relation]:
        """The relations of every paper added so far, made one at a time as they are read."""
        for fields in self.relation_fields:
            yield Relation(**fields._asdict())

    def result(self) -> tuple[list[Entity], list[Relation]]:
        """The entities and relations of every paper added so far."""
        return self.entities(), list(self.relations())


def resolve(extractions: Iterable[PaperExtraction]) -> tuple[list[Entity], list[Relation]]:
    """Merge findings across papers into entities and one relation per paper and entity."""
    resolver = Resolver()
    for extraction in extractions:
        resolver.add(extraction)
    return resolver.result()

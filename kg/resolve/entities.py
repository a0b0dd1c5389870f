"""Corpus-level resolution: per-paper findings become shared entities and typed relations.

Findings from different papers that carry the same ``(label, key)`` are one entity. The display
name is the surface form used most often (ties go to the first seen), every other form becomes an
alias, so ``ResNet50`` in one paper and ``ResNet-50`` in another end up as one ``Method`` node.
The relationship type of each finding comes from the schema (label and role).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.models import (
    DatasetEntity,
    DatasetFinding,
    Entity,
    Finding,
    MethodEntity,
    MetricEntity,
    PaperExtraction,
    Relation,
    RepositoryEntity,
    RepositoryFinding,
    ResultEntity,
    ResultFinding,
    TaskEntity,
)
from kg.schema import EntityLabel, RelType, relation_type


@dataclass(slots=True)
class _Pending:
    """What is known of one entity while findings are still streaming in (about 235 bytes: a
    big corpus holds millions of them, most named once, by one surface form)."""

    label: EntityLabel
    key: str
    # the surface forms and how often each was shown: while there is only one, just that form
    # (each finding so far showed it), a Counter from the second on
    names: str | Counter[str] = ""
    aliases: tuple[str, ...] = ()  # in the order first given
    generic_votes: int = 0
    lower_votes: int = 0  # metrics: findings whose best value is the lowest
    findings: int = 0  # papers naming it: one finding per paper
    result_links: int = 0  # stated results about it (each an edge that ends at it too)
    # the first finding's repository fields, url, host, owner and name (not the finding, which
    # holds all its mentions, nor a model, which takes four times the memory)
    repository: tuple[str, str, str | None, str | None] | None = None

    def add(self, finding: Finding) -> None:
        self._add_names(finding.display, 1)
        self._add_aliases(finding.aliases)
        self.generic_votes += finding.label == "Method" and finding.generic
        self.lower_votes += finding.label == "Metric" and finding.lower_is_better
        self.findings += 1
        if isinstance(finding, RepositoryFinding) and self.repository is None:
            self.repository = (finding.root, finding.host, finding.owner, finding.name)

    def merge(self, other: _Pending) -> None:
        self._add_names(other.names, other.findings)
        self._add_aliases(other.aliases)
        self.generic_votes += other.generic_votes
        self.lower_votes += other.lower_votes
        self.findings += other.findings
        self.result_links += other.result_links
        self.repository = self.repository or other.repository

    def _add_names(self, names: str | Counter[str], findings: int) -> None:
        """Count ``names`` (one form shown by ``findings`` findings, or a Counter of forms)
        before ``self.findings`` counts those findings."""
        if isinstance(names, str) and names == self.names:
            return  # still one form
        if not self.names:
            self.names = names if isinstance(names, str) else Counter(names)
            return
        if isinstance(self.names, str):
            self.names = Counter({self.names: self.findings})
        self.names.update({names: findings} if isinstance(names, str) else names)

    def _add_aliases(self, aliases: Iterable[str]) -> None:
        new = [a for a in dict.fromkeys(aliases) if a not in self.aliases]
        if new:
            self.aliases = (*self.aliases, *new)

    def _forms(self) -> tuple[str, list[str]]:
        """The display name (the form shown most, of equals the first) and the forms in the
        order first seen."""
        if isinstance(self.names, str):
            return self.names, [self.names]
        return self.names.most_common(1)[0][0], list(self.names)

    def entity(self) -> Entity:
        if self.repository is not None:
            url, host, owner, name = self.repository
            return RepositoryEntity(id=self.key, url=url, host=host, owner=owner, name=name)
        name, forms = self._forms()
        aliases = [a for a in dict.fromkeys([*forms, *self.aliases]) if a != name]
        aliases.sort(key=str.casefold)
        if self.label == "Dataset":
            return DatasetEntity(id=self.key, name=name, aliases=aliases)
        if self.label == "Task":
            return TaskEntity(id=self.key, name=name, aliases=aliases)
        if self.label == "Metric":
            lower = self.lower_votes * 2 > self.findings
            return MetricEntity(id=self.key, name=name, aliases=aliases, lower_is_better=lower)
        return MethodEntity(
            id=self.key,
            name=name,
            aliases=aliases,
            generic=self.generic_votes * 2 > self.findings,
        )


def relation_for(paper_id: str, finding: Finding) -> Relation:
    """The relationship a finding implies between its paper and its entity."""
    return Relation(
        type=relation_type(finding.label, finding.role),
        source=paper_id,
        target_label=finding.label,
        target=finding.key,
        evidence=finding.evidence,
        confidence=finding.confidence,
        rule=finding.rule,
        introduced=finding.introduced if isinstance(finding, DatasetFinding) else None,
        is_official=finding.is_official if isinstance(finding, RepositoryFinding) else None,
        framework=finding.framework if isinstance(finding, RepositoryFinding) else None,
    )


def result_id(paper_id: str, number: int) -> str:
    """The id of a paper's ``number``-th stated result (1-based)."""
    return f"{paper_id}#{number}"


def _result_ends(result: ResultFinding) -> list[tuple[RelType, EntityLabel, str]]:
    """Each entity a stated result is about: the relationship to it, its label and its key."""
    ends: list[tuple[RelType, EntityLabel, str | None]] = [
        (RelType.ON, "Dataset", result.dataset_key),
        (RelType.IN_TERMS_OF, "Metric", result.metric_key),
        (RelType.FOR, "Task", result.task_key),
        (RelType.OF, "Method", result.method_key),
    ]
    return [(rel, label, key) for rel, label, key in ends if key is not None]


def result_relations(result_ident: str, paper_id: str, result: ResultFinding) -> list[Relation]:
    """REPORTS from the paper, then ON, IN_TERMS_OF and (when stated) FOR and OF."""
    relations = [
        Relation(
            type=RelType.REPORTS,
            source=paper_id,
            target_label="Result",
            target=result_ident,
            evidence=result.evidence,
            confidence=result.confidence,
            rule=result.rule,
        )
    ]
    for rel, label, key in _result_ends(result):
        relations.append(
            Relation(
                type=rel,
                source=result_ident,
                source_label="Result",
                target_label=label,
                target=key,
                evidence=result.evidence,
                confidence=result.confidence,
                rule=result.rule,
            )
        )
    return relations


class Resolver:
    """Groups findings into entities paper by paper, so extractions need not all be kept.

    Resolvers of parts of a corpus merge (``a.merge(b)``) into the resolver of the whole.
    """

    def __init__(self) -> None:
        self.pending: dict[tuple[str, str], _Pending] = {}
        self._relations: list[Relation] = []
        self._results: list[ResultEntity] = []

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
            self._relations.append(relation_for(extraction.paper.id, finding))
        for number, result in enumerate(extraction.results, start=1):
            rid = result_id(extraction.paper.id, number)
            self._results.append(
                ResultEntity(
                    id=rid,
                    value=result.value,
                    unit=result.unit,
                    delta=result.delta,
                    evidence=result.evidence,
                )
            )
            self._relations.extend(result_relations(rid, extraction.paper.id, result))
            for _, label, key in _result_ends(result):
                about = self.pending.get((label, key))
                if about is not None:
                    about.result_links += 1

    def _merge_entities(self, other: Resolver) -> None:
        for ident, theirs in other.pending.items():
            ours = self.pending.get(ident)
            if ours is None:
                self.pending[ident] = theirs
            else:
                ours.merge(theirs)

    def merge(self, other: Resolver) -> Resolver:
        """Add what ``other`` took in (a later part of the corpus); returns ``self``."""
        self._merge_entities(other)
        self._relations.extend(other._relations)
        self._results.extend(other._results)
        return self

    def take(self, other: Resolver) -> tuple[list[ResultEntity], list[Relation]]:
        """Merge the entities of ``other`` (the next chunk of the corpus), and hand back its
        result entities and relations instead of keeping them: a streaming build writes those
        out as rows, so memory holds the corpus's distinct entities only. Taking every chunk
        in order gives the entities :meth:`merge` would, and the rows in the same order."""
        self._merge_entities(other)
        return other._results, other._relations

    def named_entities(self) -> list[Entity]:
        """The entities (not the results) taken in so far, in the order first found."""
        return [entry.entity() for entry in self.pending.values()]

    def stream_entities(self) -> Iterator[tuple[Entity, int]]:
        """:meth:`named_entities` one by one, each with the number of edges that end at it (one
        per paper naming it, one per stated result about it); each entry is let go of as its
        entity is made, so a caller that writes them out holds no more than the entries left.
        The resolver is empty after."""
        entries: list[_Pending | None] = list(self.pending.values())
        self.pending = {}
        for index, entry in enumerate(entries):
            assert entry is not None
            entries[index] = None
            yield entry.entity(), entry.findings + entry.result_links

    def release_entities(self) -> list[Entity]:
        """:meth:`named_entities`, the resolver emptied as they are made."""
        return [entity for entity, _ in self.stream_entities()]

    def entities(self) -> list[Entity]:
        """The entities of every paper added so far."""
        found: list[Entity] = [entry.entity() for entry in self.pending.values()]
        return found + list(self._results)

    def relations(self) -> Iterator[Relation]:
        """The relations of every paper added so far, in the order the papers came."""
        return iter(self._relations)

    def result(self) -> tuple[list[Entity], list[Relation]]:
        return self.entities(), list(self._relations)


def resolve(extractions: Iterable[PaperExtraction]) -> tuple[list[Entity], list[Relation]]:
    """Merge findings across papers into entities and one relation per paper and entity."""
    resolver = Resolver()
    for extraction in extractions:
        resolver.add(extraction)
    return resolver.result()

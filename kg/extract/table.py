"""The corpus name table: names that strong cues proved somewhere in the corpus.

Built from every paper's hints (the reduce step between the two per-paper steps), it lets a
weak hint elsewhere (the same name, capitalised or name-shaped) count as a finding. Tables of
parts of a corpus merge (``a.merge(b)``) into the table of the whole, in corpus order, so a
corpus split over processes or machines gives the table one process would.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from kg.schema import EntityLabel, entity_label


class CorpusNames(Protocol):
    """What the findings step reads of the corpus's names."""

    def label(self, key: str) -> EntityLabel | None:
        """The label the corpus gives the name ``key``, or None for a name it never proved."""
        ...

    def __contains__(self, key: object) -> bool: ...


class NameTable:
    """Neutral name key -> label votes, in the order the corpus first showed each label."""

    __slots__ = ("votes",)

    def __init__(self, votes: dict[str, dict[EntityLabel, int]] | None = None) -> None:
        self.votes: dict[str, dict[EntityLabel, int]] = votes if votes is not None else {}

    def add(self, key: str, label: EntityLabel) -> None:
        """One strong-cue sighting of the name ``key`` as a ``label``."""
        by_label = self.votes.get(key)
        if by_label is None:
            self.votes[key] = {label: 1}
        else:
            by_label[label] = by_label.get(label, 0) + 1

    def add_all(self, sightings: Iterable[tuple[str, EntityLabel]]) -> NameTable:
        for key, label in sightings:
            self.add(key, label)
        return self

    def merge(self, other: NameTable) -> NameTable:
        """Add the sightings of ``other`` (a later part of the corpus); returns ``self``."""
        for key, theirs in other.votes.items():
            ours = self.votes.get(key)
            if ours is None:
                self.votes[key] = dict(theirs)
            else:
                for label, count in theirs.items():
                    ours[label] = ours.get(label, 0) + count
        return self

    def copy(self) -> NameTable:
        return NameTable({key: dict(by_label) for key, by_label in self.votes.items()})

    def label(self, key: str) -> EntityLabel | None:
        """The label most sightings gave the name (of equals, the one the corpus showed first),
        or None for a name it never proved: one early paper does not decide for all."""
        by_label = self.votes.get(key)
        return _winner(by_label) if by_label else None

    def __contains__(self, key: object) -> bool:
        return key in self.votes

    def settled(self) -> SettledNames:
        """Each name's label, decided once: all the findings step reads, in a third of the
        memory (every worker holds a copy; a million abstracts prove over a million names)."""
        return SettledNames({key: _winner(votes) for key, votes in self.votes.items() if votes})

    def __len__(self) -> int:
        return len(self.votes)

    def __iter__(self) -> Iterator[str]:
        return iter(self.votes)

    def __eq__(self, other: object) -> bool:
        """Equal sightings in equal order (the order decides a name's label)."""
        if not isinstance(other, NameTable):
            return NotImplemented
        return _ordered(self.votes) == _ordered(other.votes)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def plain(self) -> dict[str, Any]:
        """JSON-ready form (order kept)."""
        return {"votes": self.votes}

    @classmethod
    def from_plain(cls, data: dict[str, Any]) -> NameTable:
        votes = data["votes"]
        return cls(
            {str(k): {entity_label(lb): int(n) for lb, n in d.items()} for k, d in votes.items()}
        )


def _winner(by_label: dict[EntityLabel, int]) -> EntityLabel:
    """The label with the most votes; of equals, the first (``max`` keeps the first)."""
    return max(by_label, key=by_label.__getitem__)


def _ordered(
    votes: dict[str, dict[EntityLabel, int]],
) -> list[tuple[str, list[tuple[EntityLabel, int]]]]:
    return [(key, list(by_label.items())) for key, by_label in votes.items()]


class SettledNames:
    """The labels a :class:`NameTable` decided, name by name: what findings are made with."""

    __slots__ = ("labels",)

    def __init__(self, labels: dict[str, EntityLabel]) -> None:
        self.labels = labels

    def label(self, key: str) -> EntityLabel | None:
        return self.labels.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self.labels

    def __len__(self) -> int:
        return len(self.labels)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SettledNames):
            return NotImplemented
        return self.labels == other.labels

    __hash__ = None  # type: ignore[assignment]  # mutable

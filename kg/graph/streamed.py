"""The graph of a build as rows on disk, for corpora whose NetworkX graph would not fit.

A streaming build hands each chunk's result entities and relations to :class:`GraphRows`, which
writes them as the graph's node and edge rows (key and properties, as :mod:`kg.graph.build`
makes them) to files of the scratch folder, and counts what ``kg stats`` shows; after the last
chunk the named entities follow, one by one out of the resolver, so that memory never holds
them all as models. The papers stay in their own store. :class:`StreamedGraph` reads it all
back in the order a ``MultiDiGraph`` built from the same records iterates (papers, entities,
results; each node's out-edges in the order they came, paper edges before result edges), which
is all the GraphML writer reads, so the file is the one NetworkX would write, byte for byte.
:func:`graph_from_rows` builds that ``MultiDiGraph`` itself when it fits.
"""

from __future__ import annotations

import bisect
import contextlib
import pickle
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kg.graph.build import paper_properties, relation_properties
from kg.models import Entity, Paper, Relation, entity_properties
from kg.schema import NodeLabel, node_key, schema

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph.stats import GraphStats

NodeRow = tuple[str, dict[str, Any]]
EdgeRow = tuple[str, str, str, dict[str, Any]]

_ENTITIES = "entities.pickle"
_RESULTS = "results.pickle"
_PAPER_EDGES = "paper-edges.pickle"
_RESULT_EDGES = "result-edges.pickle"
BATCH = 4096  # entity rows pickled together


def node_row(label: str, props: dict[str, Any]) -> NodeRow:
    """A node's key and properties, as :func:`kg.graph.build.add_node` stores them."""
    return node_key(label, props["id"]), {"label": label, "labels": f":{label}", **props}


def paper_row(paper: Paper) -> NodeRow:
    return node_row(str(NodeLabel.PAPER), paper_properties(paper))


def entity_row(entity: Entity) -> NodeRow:
    return node_row(str(entity.label), entity_properties(entity))


def edge_row(relation: Relation) -> EdgeRow:
    source = node_key(relation.source_label, relation.source)
    target = node_key(relation.target_label, relation.target)
    return source, target, str(relation.type), relation_properties(relation)


def _read_all(path: Path) -> Iterator[Any]:
    """The rows of a file of pickled lists, in order."""
    with open(path, "rb") as handle:
        while True:
            try:
                rows = pickle.load(handle)
            except EOFError:
                return
            yield from rows


@dataclass
class ChunkRows:
    """One chunk's result nodes and edges, already in the form :class:`GraphRows` writes
    (pickled lists of rows, ``b""`` when a list is empty), with their counts. A build's workers
    make them for the chunks they extract, so the one process that writes the build only
    appends bytes: turning every relation into a row there made it the bottleneck of the
    findings pass."""

    blobs: tuple[bytes, bytes, bytes]  # result nodes, paper edges, result edges
    relationships: Counter[str]
    results: int

    @classmethod
    def of(cls, results: Iterable[Entity], relations: Iterable[Relation]) -> ChunkRows:
        nodes = [entity_row(result) for result in results]
        paper_edges: list[EdgeRow] = []
        result_edges: list[EdgeRow] = []
        counts: Counter[str] = Counter()
        for relation in relations:
            row = edge_row(relation)
            (paper_edges if relation.source_label == "Paper" else result_edges).append(row)
            counts[row[2]] += 1
        blobs = tuple(
            pickle.dumps(rows, pickle.HIGHEST_PROTOCOL) if rows else b""
            for rows in (nodes, paper_edges, result_edges)
        )
        return cls((blobs[0], blobs[1], blobs[2]), counts, len(nodes))


class GraphRows:
    """The result nodes and the edges of a build, written chunk by chunk to ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._files: dict[str, IO[bytes]] = {
            name: open(self.folder / name, "wb")  # noqa: SIM115  # closed by close()
            for name in (_ENTITIES, _RESULTS, _PAPER_EDGES, _RESULT_EDGES)
        }
        self.relationships: Counter[str] = Counter()
        self.results = 0
        self.entities: Counter[str] = Counter()  # label -> named entities

    def add(self, results: Iterable[Entity], relations: Iterable[Relation]) -> None:
        """Write one chunk's result entities and relations."""
        self.add_rows(ChunkRows.of(results, relations))

    def add_rows(self, chunk: ChunkRows) -> None:
        """Write one chunk's rows, made by :meth:`ChunkRows.of` (perhaps in another process)."""
        for name, blob in zip((_RESULTS, _PAPER_EDGES, _RESULT_EDGES), chunk.blobs, strict=True):
            if blob:
                self._files[name].write(blob)
        self.relationships.update(chunk.relationships)
        self.results += chunk.results

    def add_entities(self, entities: Iterable[tuple[Entity, int]]) -> None:
        """Write the named entities, each with the number of edges that end at it (one per
        source: :meth:`kg.resolve.Resolver.stream_entities`), once the last chunk is in."""
        batch: list[tuple[str, dict[str, Any], int]] = []
        for entity, links in entities:
            batch.append((*entity_row(entity), links))
            self.entities[str(entity.label)] += 1
            if len(batch) == BATCH:
                pickle.dump(batch, self._files[_ENTITIES], pickle.HIGHEST_PROTOCOL)
                batch = []
        if batch:
            pickle.dump(batch, self._files[_ENTITIES], pickle.HIGHEST_PROTOCOL)

    def entity_links(self) -> Iterator[tuple[str, dict[str, Any], int]]:
        """Each named entity's key, properties and edges ending at it, in the order written."""
        self._files[_ENTITIES].flush()
        return _read_all(self.folder / _ENTITIES)

    def entity_nodes(self) -> Iterator[NodeRow]:
        return ((key, props) for key, props, _ in self.entity_links())

    def flush(self) -> None:
        """Put every row written so far on disk (before another process reads the files)."""
        for handle in self._files.values():
            handle.flush()

    def close(self) -> None:
        """Close the files (they are scratch: what a full disk kept from them was reported by
        the write that failed)."""
        for handle in self._files.values():
            with contextlib.suppress(OSError):
                handle.close()

    def result_nodes(self) -> Iterator[NodeRow]:
        self._files[_RESULTS].flush()
        return _read_all(self.folder / _RESULTS)

    def edges(self) -> Iterator[EdgeRow]:
        """Every edge in the order the graph iterates them: by source node, paper edges first."""
        for name in (_PAPER_EDGES, _RESULT_EDGES):
            self._files[name].flush()
            yield from _read_all(self.folder / name)


class StreamedGraph:
    """What the GraphML writer reads of a ``MultiDiGraph``, read from the papers and the rows
    on disk each time it is asked (so it may be read several times)."""

    def __init__(self, papers: Iterable[Paper], rows: GraphRows) -> None:
        self.graph: dict[str, Any] = {}
        self._papers = papers
        self._rows = rows

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def nodes(self, data: bool = False) -> Iterator[Any]:
        rows = self._node_rows()
        if data:
            yield from rows
        else:
            yield from (key for key, _ in rows)

    def _node_rows(self) -> Iterator[NodeRow]:
        yield from (paper_row(paper) for paper in self._papers)
        yield from self._rows.entity_nodes()
        yield from self._rows.result_nodes()

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[tuple[Any, ...]]:
        for source, target, key, props in self._rows.edges():
            head = (source, target, key) if keys else (source, target)
            yield (*head, props) if data else head


def graph_from_rows(graph: StreamedGraph) -> nx.MultiDiGraph:
    """The NetworkX graph of the rows: what :func:`kg.graph.build_graph` makes of the records."""
    import networkx as nx

    built = nx.MultiDiGraph()
    for key, props in graph.nodes(data=True):
        built.add_node(key, **props)
    for source, target, key, props in graph.edges(keys=True, data=True):
        for end in (source, target):
            if end not in built:
                raise KeyError(f"relation {key} refers to unknown node {end!r}")
        built.add_edge(source, target, key=key, **props)
    return built


def rows_stats(papers: int, rows: GraphRows, limit: int) -> GraphStats:
    """:func:`kg.graph.graph_stats` of the streamed graph, from the counts kept while writing
    (each source links to an entity once, so the edges ending at an entity are the distinct
    sources linking to it); one pass over the entity rows keeps the best ``limit`` per label."""
    from kg.graph.stats import GraphStats, Ranked, rank_order

    spec = schema()
    nodes = Counter({str(NodeLabel.PAPER): papers, "Result": rows.results})
    nodes.update(rows.entities)
    known_labels = [str(label) for label in spec.labels]
    known_types = [str(rel) for rel in spec.relationships]
    ranked_labels = {
        label.label: label
        for label in spec.entity_labels
        if label.extraction_key and label.stats_title
    }
    # per label, the best ``limit`` so far, in rank order (most entities rank below the last)
    best: dict[str, list[Ranked]] = {name: [] for name in ranked_labels}
    for key, props, links in rows.entity_links():
        label = ranked_labels.get(props["label"])
        if label is None:
            continue
        kept = best[label.label]
        if len(kept) == limit and links < kept[-1].papers:
            continue  # cannot rank (the cheap test that settles nearly every entity)
        ranked = Ranked(id=str(props["id"]), name=label.display_name(props) or key, papers=links)
        if len(kept) < limit or rank_order(ranked) < rank_order(kept[-1]):
            bisect.insort(kept, ranked, key=rank_order)
            del kept[limit:]
    top = {str(label.extraction_key): best[name] for name, label in ranked_labels.items()}
    return GraphStats(
        nodes={label: nodes.get(label, 0) for label in known_labels}
        | {k: v for k, v in nodes.items() if k not in known_labels and v},
        relationships={rel: rows.relationships.get(rel, 0) for rel in known_types}
        | {k: v for k, v in rows.relationships.items() if k not in known_types},
        top=top,
    )

"""The neo4j-admin bulk import files, read back the way ``neo4j-admin database import full``
reads them: RFC 4180 CSV with the delimiter, quote and array delimiter that ``import.sh``
passes, fields spanning lines, an unquoted empty field meaning no property, the header of each
group in a file of its own, ids in one id space per label. Neo4j itself cannot run here."""

from __future__ import annotations

import re
import shlex
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import OutputError
from kg.export import export_graph, writer
from kg.export import neo4j_admin as admin
from kg.export.neo4j_admin import ARRAY_DELIMITERS, write_neo4j_admin
from kg.graph.tables import SchemaViolation, Table, graph_tables

AWKWARD = [
    'He said "hi", then left.',
    "comma, semicolon; pipe | caret ^ tilde ~",
    "line one\nline two\r\nline three\rend",
    "emoji 🧪🔬 and ünïcödé, 中文",
    '""',
    "",
    " leading and trailing spaces ",
    "a\ttab",
    '\\"backslash quote\\"',
]


def awkward_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    abstract = ('A long abstract, with "quotes"; and lines.\n' * 2500)[:100_000]
    graph.add_node(
        "paper:p1",
        label="Paper",
        labels=":Paper",
        id="p1",
        title=AWKWARD[0],
        abstract=abstract,
        authors=["Doe, J.", 'O"Brien', "Ng; K.", "Lee | M."],
        year=2024,
        categories=["cs.CL", "cs.LG"],
    )
    for i, text in enumerate(AWKWARD):
        graph.add_node(f"paper:x{i}", label="Paper", labels=":Paper", id=f'x,{i}\n"', title=text)
    graph.add_node("paper:big", label="Paper", labels=":Paper", id="big", year=2**40)
    graph.add_node(
        "method:m1",
        label="Method",
        labels=":Method",
        id="m1",
        name="Foo;Net",
        aliases=["Foo;Net", "Foo|Net", "Foo^Net", "Foo~Net", "F🧪N"],
        generic=False,
    )
    graph.add_node("method:m2", label="Method", labels=":Method", id="m2", name="Bar", aliases=[])
    graph.add_node("dataset:d", label="Dataset", labels=":Dataset", id="d", name="SQuAD")
    graph.add_node(
        "repository:r",
        label="Repository",
        labels=":Repository",
        id="github.com/a/b",
        url="https://github.com/a/b",
        host="github.com",
    )
    graph.add_edge(
        "paper:p1",
        "method:m1",
        key="PROPOSES",
        label="PROPOSES",
        evidence=AWKWARD[2],
        confidence=0.85,
        rule="r1",
    )
    graph.add_edge("paper:p1", "method:m2", key="USES", label="USES", confidence=1 / 3)
    graph.add_edge("paper:x0", "method:m2", key="USES", label="USES", evidence=AWKWARD[3])
    graph.add_edge(
        "paper:p1",
        "dataset:d",
        key="EVALUATES_ON",
        label="EVALUATES_ON",
        confidence=0.5,
        introduced=True,
    )
    graph.add_edge(
        "paper:p1",
        "repository:r",
        key="HAS_CODE",
        label="HAS_CODE",
        is_official=False,
        framework="pytorch",
        confidence=1e-7,
    )
    return graph


# --- a reader that does what neo4j-admin does with these files ---------------------------


def parse_csv(text: str, delimiter: str, quote: str) -> list[list[tuple[str, bool]]]:
    """RFC 4180 records of ``text``: each field as (value, whether it was quoted)."""
    records: list[list[tuple[str, bool]]] = []
    record: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == quote:
            value, i = [], i + 1
            while True:
                j = text.index(quote, i)
                value.append(text[i:j])
                if j + 1 < n and text[j + 1] == quote:
                    value.append(quote)
                    i = j + 2
                else:
                    i = j + 1
                    break
            field = ("".join(value), True)
        else:
            j = i
            while j < n and text[j] not in (delimiter, "\n"):
                j += 1
            assert quote not in text[i:j], f"a bare quote in an unquoted field: {text[i:j]!r}"
            field, i = (text[i:j], False), j
        record.append(field)
        if i >= n or text[i] == "\n":
            records.append(record)
            record = []
        else:
            assert text[i] == delimiter, f"junk after a field at {i}: {text[i : i + 20]!r}"
        i += 1
    return records


def read(path: Path) -> str:
    """A file's text with its line breaks as written (``\r`` kept)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


SCALARS: dict[str, Any] = {
    "string": str,
    "int": int,
    "long": int,
    "double": float,
    "boolean": lambda v: {"true": True, "false": False}[v],
}


def import_command(directory: Path) -> tuple[dict[str, str], list[tuple[str, list[Path]]]]:
    """The options of import.sh and its --nodes/--relationships file lists, in order."""
    script = (directory / "import.sh").read_text(encoding="utf-8")
    command = script[script.index("database import full") :]
    words = shlex.split(command.replace("\\\n", " ").replace("$HERE", str(directory)))
    options: dict[str, str] = {}
    groups: list[tuple[str, list[Path]]] = []
    for word in words:
        match = re.fullmatch(r"--([a-z-]+)=(.*)", word, re.S)
        if match is None:
            continue
        name, value = match.groups()
        if name in ("nodes", "relationships"):
            groups.append((name, [Path(p) for p in value.split(",")]))
        else:
            options[name] = value
    return options, groups


def read_import(directory: Path) -> tuple[dict[tuple[str, str], dict[str, Any]], list[Any]]:
    """Nodes by (id space, id) with their labels and properties, and relationships, as the
    importer would create them from the files import.sh names."""
    options, groups = import_command(directory)
    assert options["delimiter"] == "," and options["quote"] == '"'
    assert options["legacy-style-quoting"] == "false" and options["id-type"] == "string"
    array = options["array-delimiter"]
    assert len(array) == 1
    nodes: dict[tuple[str, str], dict[str, Any]] = {}
    relationships: list[Any] = []
    for kind, files in groups:
        header, *parts = files
        (columns,) = parse_csv(read(header), ",", '"')
        names = [name for name, _ in columns]
        for part in parts:
            text = read(part)
            if options["multiline-fields"] == "false":
                assert "\r" not in text
            for record in parse_csv(text, ",", '"'):
                assert len(record) == len(names)
                element: dict[str, Any] = {}
                properties: dict[str, Any] = {}
                for column, (value, quoted) in zip(names, record, strict=True):
                    name, _, kind_text = column.partition(":")
                    if not quoted and value == "":
                        continue  # no property
                    match = re.fullmatch(r"(ID|START_ID|END_ID)\((\w+)\)", kind_text)
                    if match:
                        element[match.group(1)] = (match.group(2), value)
                        if name:
                            properties[name] = value
                    elif kind_text in ("LABEL", "TYPE"):
                        element[kind_text] = value.split(array)
                    elif kind_text.endswith("[]"):
                        properties[name] = [SCALARS[kind_text[:-2]](v) for v in value.split(array)]
                    else:
                        properties[name] = SCALARS[kind_text or "string"](value)
                if kind == "nodes":
                    key = element["ID"]
                    assert key not in nodes, f"duplicate node {key}"
                    nodes[key] = {"labels": element["LABEL"], **properties}
                else:
                    relationships.append(
                        (element["START_ID"], element["TYPE"][0], element["END_ID"], properties)
                    )
    return nodes, relationships


def expected(graph: nx.MultiDiGraph) -> tuple[dict[tuple[str, str], dict[str, Any]], list[Any]]:
    """What the database should hold: empty lists and Nones are no property."""

    def props(data: dict[str, Any], meta: set[str]) -> dict[str, Any]:
        return {k: v for k, v in data.items() if k not in meta and v is not None and v != []}

    nodes = {
        (d["label"], d["id"]): {
            "labels": [d["label"]],
            "id": d["id"],
            **props(d, {"label", "labels", "id"}),
        }
        for _, d in graph.nodes(data=True)
    }
    ends = {n: (d["label"], d["id"]) for n, d in graph.nodes(data=True)}
    relationships = [
        (ends[s], key, ends[t], props(d, {"label"}))
        for s, t, key, d in graph.edges(keys=True, data=True)
    ]
    return nodes, relationships


def ordered(relationships: list[Any]) -> list[Any]:
    return sorted(relationships, key=repr)


# --- tests ------------------------------------------------------------------------------


def test_it_is_registered_as_a_folder_writer() -> None:
    spec = writer("neo4j-admin")
    assert spec.directory and spec.kind == "graph"


def test_headers_name_id_spaces_labels_and_schema_types(tmp_path: Path) -> None:
    out = tmp_path / "import"
    export_graph(awkward_graph(), "neo4j-admin", out)
    header = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*/*.header.csv")}
    assert header["Paper.header.csv"] == (
        "id:ID(Paper),:LABEL,title:string,abstract:string,authors:string[],year:long,"
        "categories:string[]\n"
    )
    assert header["Method.header.csv"] == (
        "id:ID(Method),:LABEL,name:string,aliases:string[],generic:boolean\n"
    )
    assert header["Paper-USES-Method.header.csv"] == (
        ":START_ID(Paper),:END_ID(Method),:TYPE,evidence:string,confidence:double\n"
    )
    assert header["Paper-EVALUATES_ON-Dataset.header.csv"] == (
        ":START_ID(Paper),:END_ID(Dataset),:TYPE,confidence:double,introduced:boolean\n"
    )
    assert header["Paper-HAS_CODE-Repository.header.csv"] == (
        ":START_ID(Paper),:END_ID(Repository),:TYPE,confidence:double,is_official:boolean,"
        "framework:string\n"
    )
    assert sorted(header) == [
        "Dataset.header.csv",
        "Method.header.csv",
        "Paper-EVALUATES_ON-Dataset.header.csv",
        "Paper-HAS_CODE-Repository.header.csv",
        "Paper-PROPOSES-Method.header.csv",
        "Paper-USES-Method.header.csv",
        "Paper.header.csv",
        "Repository.header.csv",
    ]


def test_a_year_that_fits_32_bits_is_an_int(tmp_path: Path) -> None:
    graph = awkward_graph()
    graph.remove_node("paper:big")
    write_neo4j_admin(graph, tmp_path / "out")
    text = (tmp_path / "out" / "nodes" / "Paper.header.csv").read_text(encoding="utf-8")
    assert ",year:int," in text


def test_the_files_read_back_as_the_graph_with_awkward_text(tmp_path: Path) -> None:
    graph = awkward_graph()
    result = write_neo4j_admin(graph, tmp_path / "out")
    # ; | ^ ~ occur in list values: the first free candidate is taken
    assert result.array_delimiter == "`" == ARRAY_DELIMITERS[4]
    assert result.multiline
    assert (result.nodes, result.relationships) == (15, 5)
    nodes, relationships = read_import(tmp_path / "out")
    want_nodes, want_relationships = expected(graph)
    assert nodes == want_nodes
    assert ordered(relationships) == ordered(want_relationships)
    assert len(nodes[("Paper", "p1")]["abstract"]) == 100_000
    assert nodes[("Paper", 'x,4\n"')]["title"] == '""'
    assert nodes[("Paper", 'x,5\n"')]["title"] == ""  # an empty string is kept, quoted
    assert nodes[("Method", "m1")]["aliases"][0] == "Foo;Net"
    assert "aliases" not in nodes[("Method", "m2")]  # an empty list is no property


def test_relationships_reference_only_ids_of_the_node_files(tmp_path: Path) -> None:
    write_neo4j_admin(awkward_graph(), tmp_path / "out")
    nodes, relationships = read_import(tmp_path / "out")
    for start, _rel, end, _props in relationships:
        assert start in nodes and end in nodes


def test_files_are_split_into_parts_of_at_most_max_rows(tmp_path: Path) -> None:
    graph = awkward_graph()
    for i in range(23):
        graph.add_node(
            f"dataset:n{i}", label="Dataset", labels=":Dataset", id=f"n{i}", name=f"N{i}"
        )
        graph.add_edge("paper:p1", f"dataset:n{i}", key="EVALUATES_ON", label="EVALUATES_ON")
    result = write_neo4j_admin(graph, tmp_path / "out", max_rows=5)
    groups = {Path(header).name: parts for _kind, header, parts in result.groups}
    assert [Path(p).name for p in groups["Dataset.header.csv"]] == [
        f"Dataset.{i:04d}.csv" for i in range(1, 6)
    ]  # 24 rows: 5, 5, 5, 5, 4
    for parts in groups.values():
        for part in parts:
            records = parse_csv(read(tmp_path / "out" / part), ",", '"')
            assert 1 <= len(records) <= 5
    nodes, relationships = read_import(tmp_path / "out")
    assert (nodes, ordered(relationships)) == (
        expected(graph)[0],
        ordered(expected(graph)[1]),
    )


def test_import_sh_holds_the_exact_command_and_constraints_follow(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_neo4j_admin(awkward_graph(), out, max_rows=3)
    script = (out / "import.sh").read_text(encoding="utf-8")
    assert script.startswith("#!/bin/sh\n")
    assert (out / "import.sh").stat().st_mode & 0o111
    assert 'exec "${NEO4J_ADMIN:-neo4j-admin}" database import full "$DATABASE" \\\n' in script
    for option in (
        "--delimiter=','",
        "--array-delimiter='`'",
        "--quote='\"'",
        "--multiline-fields=true",
        "--legacy-style-quoting=false",
        "--id-type=string",
    ):
        assert f"    {option} \\\n" in script
    assert '    --nodes="$HERE/nodes/Method.header.csv,$HERE/nodes/Method.0001.csv" \\\n' in script
    paper = '--nodes="$HERE/nodes/Paper.header.csv,' + ",".join(
        f"$HERE/nodes/Paper.{i:04d}.csv" for i in range(1, 5)
    )
    assert paper + '"' in script  # 11 Paper rows in parts of 3
    assert script.rstrip().endswith('"$@"')
    # every file written is named once in the command
    _options, groups = import_command(out)
    named = sorted(p for _kind, files in groups for p in files)
    assert named == sorted(out.glob("*/*.csv"))
    assert [kind for kind, _ in groups] == ["nodes"] * 4 + ["relationships"] * 4
    assert "cypher-shell" in script and "constraints.cypher" in script
    assert (out / "constraints.cypher").read_text(encoding="utf-8").splitlines()[1:] == [
        f"CREATE CONSTRAINT {label.lower()}_id_unique IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE;"
        for label in ("Dataset", "Method", "Paper", "Repository")
    ]


def test_without_line_breaks_multiline_fields_stay_off(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("method:m", label="Method", labels=":Method", id="m", name='A "b", c')
    result = write_neo4j_admin(graph, tmp_path / "out")
    assert not result.multiline and result.array_delimiter == ";"
    assert "--multiline-fields=false" in (tmp_path / "out" / "import.sh").read_text(
        encoding="utf-8"
    )
    assert read_import(tmp_path / "out")[0] == expected(graph)[0]


def test_every_candidate_taken_is_an_error(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("method:m", label="Method", labels=":Method", id="m", aliases=[ARRAY_DELIMITERS])
    with pytest.raises(OutputError, match="no array delimiter is free"):
        write_neo4j_admin(graph, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_value_of_another_type_than_the_schema_says_is_refused(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("paper:p", label="Paper", labels=":Paper", id="p", year="2020")
    with pytest.raises(OutputError, match="'year' is int in the schema but holds str"):
        write_neo4j_admin(graph, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []  # nothing left behind
    graph.nodes["paper:p"]["year"] = float("nan")
    with pytest.raises(SchemaViolation):
        write_neo4j_admin(graph, tmp_path / "out")


def test_an_earlier_export_is_replaced_other_folders_are_not(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_neo4j_admin(awkward_graph(), out, max_rows=2)
    small = nx.MultiDiGraph()
    small.add_node("dataset:d", label="Dataset", labels=":Dataset", id="d", name="D")
    write_neo4j_admin(small, out)
    assert sorted(p.name for p in out.rglob("*.csv")) == ["Dataset.0001.csv", "Dataset.header.csv"]
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="not empty"):
        write_neo4j_admin(small, other)
    assert (other / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other", "out"]


def test_standard_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="writes a folder"):
        export_graph(awkward_graph(), "neo4j-admin", "-")


# --- a built graph exported from its tables, never held in NetworkX -----------------------


def folder_files(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def test_a_built_graph_streams_into_the_same_files_as_its_networkx_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.graph import read_graphml, write_graphml
    from kg.pipeline import export_built_graph

    built = tmp_path / "graph.graphml"
    write_graphml(awkward_graph(), built)
    write_neo4j_admin(read_graphml(built), tmp_path / "from-networkx")

    def no_networkx(*_args: Any) -> None:
        raise AssertionError("the built graph was read into NetworkX")

    monkeypatch.setattr("kg.graph.read_built_graph", no_networkx)
    monkeypatch.setattr("kg.graph.graphml.read_built_graph", no_networkx)
    result = export_built_graph("neo4j-admin", tmp_path / "streamed", built)
    streamed = folder_files(tmp_path / "streamed")
    assert streamed == folder_files(tmp_path / "from-networkx")
    assert any(name.startswith("relationships/") for name in streamed)
    graph = read_graphml(built)
    assert (result.nodes, result.relationships) == (
        graph.number_of_nodes(),
        graph.number_of_edges(),
    )


def test_spilled_tables_are_split_into_parts_as_tables_in_memory(tmp_path: Path) -> None:
    from kg.export.neo4j_admin import write_neo4j_admin_tables
    from kg.graph import read_graphml, write_graphml
    from kg.graph.graphml import iter_graphml_edges, iter_graphml_nodes
    from kg.graph.spilled_tables import spill_tables
    from kg.graph.tables import graph_tables

    built = tmp_path / "graph.graphml"
    write_graphml(awkward_graph(), built)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    spilled = spill_tables(iter_graphml_nodes(built), iter_graphml_edges(built), scratch)
    write_neo4j_admin_tables(spilled, tmp_path / "spilled", max_rows=2)
    write_neo4j_admin_tables(graph_tables(read_graphml(built)), tmp_path / "memory", max_rows=2)
    files = folder_files(tmp_path / "spilled")
    assert files == folder_files(tmp_path / "memory")
    assert "nodes/Paper.0002.csv" in files


def test_a_built_graph_is_not_exported_to_standard_output(tmp_path: Path) -> None:
    from kg.graph import write_graphml
    from kg.pipeline import export_built_graph

    built = tmp_path / "graph.graphml"
    write_graphml(awkward_graph(), built)
    with pytest.raises(OutputError, match="folder"):
        export_built_graph("neo4j-admin", "-", built)


def test_the_table_writer_is_registered_beside_the_graph_writer() -> None:
    from kg.export.neo4j_admin import write_neo4j_admin_tables

    assert writer("neo4j-admin").write_tables is write_neo4j_admin_tables
    assert writer("graphml").write_tables is None


# --- the column-at-a-time encoder against the value-by-value one ---------------------------

# text that quoting, line breaks, delimiters and the column encoder's separator make awkward
AWKWARD_TEXT = st.text(
    alphabet=st.sampled_from(list('ab ",;|^~`\n\r\t\\\x00é🧪'))
    | st.characters(exclude_categories=["Cs"]),  # no surrogates: UTF-8 has none
    max_size=12,
)


def _encode_both(table: Table, delimiter: str) -> tuple[Any, Any, Any, Any]:
    """The fast and the plain lines of ``table``'s rows (or the error each raised), each from a
    fresh layout, and what each left in its state and columns."""
    outcomes = []
    for encode in (admin.fast_lines, admin.plain_lines):
        state = admin._State(delimiter)
        (layout,) = admin.layouts([table], state)
        try:
            lines: Any = encode(layout, table.rows)
        except OutputError as exc:
            lines = exc
        columns = tuple((c.name, c.kind, c.wide, c.header()) for c in layout.columns)
        outcomes.append((lines, (state.multiline, state.clash), columns))
    (fast, fast_state, fast_columns), (plain, plain_state, plain_columns) = outcomes
    return fast, plain, (fast_state, fast_columns), (plain_state, plain_columns)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            AWKWARD_TEXT,
            AWKWARD_TEXT,
            st.lists(AWKWARD_TEXT, max_size=3),
            st.integers(min_value=-(2**40), max_value=2**40),
            st.floats(allow_nan=False) | st.integers(min_value=-(2**40), max_value=2**40),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    ),
    delimiter=st.sampled_from(ARRAY_DELIMITERS),
)
def test_a_block_encoded_by_columns_is_the_block_encoded_value_by_value(
    rows: list[tuple[Any, ...]], delimiter: str
) -> None:
    # title (schema string), authors (string[]), year (integer), and two properties outside the
    # schema whose types the first value says
    table = Table("nodes", ("Paper",), ("title", "authors", "year", "score", "flag"), rows)
    fast, plain, fast_after, plain_after = _encode_both(table, delimiter)
    strings = [r[0] for r in rows] + [r[1] for r in rows]  # the ids and titles
    mixed = len({type(r[4]) for r in rows}) > 1 and isinstance(rows[0][4], int)
    if mixed:  # a float in a column that its first value, an int, made int
        assert fast is None
        assert isinstance(plain, OutputError)
    elif any("\x00" in text for text in strings):  # the separator in a string value
        assert fast is None
        assert isinstance(plain, str)
    else:
        assert isinstance(plain, str)
        assert fast == plain
        assert fast_after == plain_after


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(AWKWARD_TEXT, AWKWARD_TEXT, st.floats(allow_nan=False), AWKWARD_TEXT),
        min_size=1,
        max_size=6,
    )
)
def test_relationship_blocks_encode_alike_both_ways(rows: list[tuple[Any, ...]]) -> None:
    table = Table("relationships", ("Paper", "USES", "Method"), ("confidence", "evidence"), rows)
    table = Table(table.kind, table.names, table.properties, [r[:4] for r in rows])
    fast, plain, fast_after, plain_after = _encode_both(table, ";")
    if not any("\x00" in text for r in rows for text in (r[0], r[1], r[3])):
        assert (fast, fast_after) == (plain, plain_after)


def test_a_block_with_anything_but_plain_values_is_left_to_the_plain_path() -> None:
    good = ("p", "Title", ["A. B."], 2020)
    for bad in (
        ("p", None, ["A. B."], 2020),  # a missing value
        ("p", "Title", ["A. B."], "2020"),  # a value of another type
        ("p", "Title", ["A. B."], True),  # a bool is not an int here
        ("p", "Title", ("A. B.", 3), 2020),  # an element of another type
        ("p", "Title", ["A. B."]),  # a short row
    ):
        table = Table("nodes", ("Paper",), ("title", "authors", "year"), [good, bad])
        (layout,) = admin.layouts([table], admin._State(";"))
        assert admin.fast_lines(layout, table.rows) is None
        assert layout.columns[0].kind == "string" and not layout.state.multiline
    table = Table("nodes", ("Paper",), ("title", "authors", "year"), [good, good])
    (layout,) = admin.layouts([table], admin._State(";"))
    assert admin.fast_lines(layout, table.rows) == admin.plain_lines(layout, table.rows)


def _plain_only() -> Any:
    """A patch that makes every block take the value-by-value path."""
    return mock.patch.object(admin, "fast_lines", lambda _layout, _rows: None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    papers=st.lists(
        st.tuples(AWKWARD_TEXT.filter(bool), st.lists(AWKWARD_TEXT.filter(bool), max_size=3)),
        min_size=1,
        max_size=5,
    )
)
def test_any_text_reads_back_and_both_paths_write_the_same_bytes(
    papers: list[tuple[str, list[str]]],
) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("method:m", label="Method", labels=":Method", id="m", name="M")
    for i, (title, authors) in enumerate(papers):
        key = f"paper:{i}"
        graph.add_node(key, label="Paper", labels=":Paper", id=f"{i}", title=title, authors=authors)
        graph.add_edge(key, "method:m", key="USES", label="USES", evidence=title, confidence=0.5)
    choice = admin.array_delimiter(graph_tables(graph))
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        result = write_neo4j_admin(graph, root / "fast")
        assert result.array_delimiter == choice  # the guess, or the choice when it is taken
        with _plain_only():
            write_neo4j_admin(graph, root / "plain")
        assert folder_files(root / "fast") == folder_files(root / "plain")
        nodes, relationships = read_import(root / "fast")
    want_nodes, want_relationships = expected(graph)
    assert nodes == want_nodes
    assert ordered(relationships) == ordered(want_relationships)


def test_the_rows_are_read_once_unless_an_element_holds_the_guess(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = awkward_graph()  # its lists hold ; | ^ and ~
    result = write_neo4j_admin(graph, tmp_path / "awkward")
    assert result.array_delimiter == "`" == admin.array_delimiter(graph_tables(graph))

    def not_read_again(_tables: Any) -> str:
        raise AssertionError("the rows were read again to choose the array delimiter")

    monkeypatch.setattr(admin, "array_delimiter", not_read_again)
    plain = nx.MultiDiGraph()
    plain.add_node("method:m", label="Method", labels=":Method", id="m", aliases=["a|b", "c"])
    assert write_neo4j_admin(plain, tmp_path / "plain").array_delimiter == ";"
    with pytest.raises(AssertionError, match="read again"):
        write_neo4j_admin(graph, tmp_path / "again")


def test_no_free_delimiter_is_said_before_a_wrong_value(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("method:m", label="Method", labels=":Method", id="m", aliases=[ARRAY_DELIMITERS])
    graph.add_node("paper:p", label="Paper", labels=":Paper", id="p", year="2020")
    with pytest.raises(OutputError, match="no array delimiter is free"):
        write_neo4j_admin(graph, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def _spilled(graph: nx.MultiDiGraph, folder: Path) -> list[Any]:
    from kg.graph import write_graphml
    from kg.graph.graphml import iter_graphml_edges, iter_graphml_nodes
    from kg.graph.spilled_tables import spill_tables

    folder.mkdir()
    built = folder / "graph.graphml"
    write_graphml(graph, built)
    return spill_tables(iter_graphml_nodes(built), iter_graphml_edges(built), folder)


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_worker_processes_write_the_files_one_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    import multiprocessing

    from kg.export.neo4j_admin import write_neo4j_admin_tables

    if start not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start} here")
    tables = _spilled(awkward_graph(), tmp_path / "tables")
    one = write_neo4j_admin_tables(tables, tmp_path / "one", max_rows=2, workers=1)
    monkeypatch.setattr(admin, "_context", lambda: multiprocessing.get_context(start))
    two = write_neo4j_admin_tables(tables, tmp_path / "two", max_rows=2, workers=2)
    assert folder_files(tmp_path / "one") == folder_files(tmp_path / "two")
    assert (two.nodes, two.relationships, two.multiline) == (one.nodes, one.relationships, True)
    assert [g[1:] for g in two.groups] == [g[1:] for g in one.groups]


def test_an_error_in_a_worker_is_the_error_one_process_gives(tmp_path: Path) -> None:
    from kg.export.neo4j_admin import write_neo4j_admin_tables
    from kg.graph.spilled_tables import spill_tables

    # a property outside the schema is typed by its first value: a later one of another type
    nodes = [
        ("paper:a", {"label": "Paper", "id": "a", "score": 1}),
        ("paper:b", {"label": "Paper", "id": "b", "score": "high"}),
        ("method:m", {"label": "Method", "id": "m", "name": "M"}),
    ]
    (tmp_path / "tables").mkdir()
    tables = spill_tables(nodes, [], tmp_path / "tables")
    with pytest.raises(OutputError, match="'score' is int") as one:
        write_neo4j_admin_tables(tables, tmp_path / "one", workers=1)
    with pytest.raises(OutputError) as two:
        write_neo4j_admin_tables(tables, tmp_path / "two", workers=2)
    assert str(two.value) == str(one.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]


def test_one_process_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.export.neo4j_admin import write_neo4j_admin_tables

    def no_pool(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("worker processes were started")

    monkeypatch.setattr(admin, "ProcessPoolExecutor", no_pool)
    tables = _spilled(awkward_graph(), tmp_path / "tables")
    assert write_neo4j_admin_tables(tables, tmp_path / "out").nodes == 15
    with pytest.raises(AssertionError, match="worker processes"):
        write_neo4j_admin_tables(tables, tmp_path / "two", workers=2)

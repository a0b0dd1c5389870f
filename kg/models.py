"""Typed records that cross the boundaries between pipeline stages.

ingest -> ``Paper`` -> extract -> ``PaperExtraction`` (``Finding`` + ``Mention``)
-> resolve -> ``Entity`` + ``Relation`` -> graph.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class NodeLabel(StrEnum):
    """Node labels of the graph schema; never renamed, only extended."""

    PAPER = "Paper"
    METHOD = "Method"
    DATASET = "Dataset"
    REPOSITORY = "Repository"


class RelType(StrEnum):
    """Relationship types of the graph schema; never renamed, only extended."""

    PROPOSES = "PROPOSES"
    USES = "USES"
    EVALUATES_ON = "EVALUATES_ON"
    HAS_CODE = "HAS_CODE"


EntityLabel = Literal["Method", "Dataset", "Repository"]
Role = Literal["proposed", "used"]


class SourceRef(BaseModel):
    """Where a record was read: file (or ``-`` for stdin) and 1-based line."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int


class Paper(BaseModel):
    """One paper as read from an input, before any extraction."""

    id: str
    title: str = ""
    abstract: str = ""
    authors: list[str] = Field(default_factory=list)
    year: int | None = None
    date: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    url: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)

    @property
    def text(self) -> str:
        """The text that extraction reads; mention offsets point into it."""
        return paper_text(self.title, self.abstract)


def paper_text(title: str, abstract: str) -> str:
    """Title and abstract joined by a newline (either may be empty)."""
    if title and abstract:
        return f"{title}\n{abstract}"
    return title or abstract


class Mention(BaseModel):
    """One occurrence of a name in a paper's text."""

    text: str
    start: int = Field(description="character offset into Paper.text")
    end: int
    sentence: str = Field(description="the sentence the mention stands in (its evidence)")
    rule: str = Field(description="rule or gazetteer entry that produced the mention")


class Finding(BaseModel):
    """One method, dataset or repository found in one paper (all its mentions together)."""

    label: EntityLabel
    name: str = Field(description="canonical display name (or URL for repositories)")
    key: str = Field(description="normalised key that identifies the entity across papers")
    aliases: list[str] = Field(default_factory=list)
    role: Role | None = Field(default=None, description="methods only")
    generic: bool = Field(default=False, description="methods only: a family such as CNN")
    introduced: bool = Field(default=False, description="datasets only: released by the paper")
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str
    evidence: str
    mentions: list[Mention] = Field(default_factory=list)
    # repositories only
    url: str | None = None
    host: str | None = None
    owner: str | None = None
    repo: str | None = None


class PaperExtraction(BaseModel):
    """Everything extracted from one paper."""

    paper: Paper
    findings: list[Finding] = Field(default_factory=list)

    def of(self, label: EntityLabel) -> list[Finding]:
        return [f for f in self.findings if f.label == label]


class Entity(BaseModel):
    """A Method, Dataset or Repository node after resolution across the corpus."""

    label: EntityLabel
    id: str = Field(description="stable id within its label, e.g. 'resnet-50'")
    name: str
    aliases: list[str] = Field(default_factory=list)
    generic: bool = False
    url: str | None = None
    host: str | None = None
    owner: str | None = None
    repo: str | None = None


class Relation(BaseModel):
    """A typed, evidenced edge from a paper to an entity."""

    type: RelType
    source: str = Field(description="paper id")
    target_label: EntityLabel
    target: str = Field(description="entity id")
    evidence: str
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str = ""
    introduced: bool | None = Field(default=None, description="EVALUATES_ON only")


class Problem(BaseModel):
    """A bad input record: reported, skipped, never silently lost."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"


class IngestReport(BaseModel):
    """What reading the inputs did: the numbers a user checks against expectations."""

    files: int = 0
    read: int = 0
    built: int = 0
    skipped: int = 0
    merged: int = 0
    problems: list[Problem] = Field(default_factory=list)

    def summary(self) -> str:
        return (
            f"read {self.read} records from {self.files} file(s): built {self.built} papers, "
            f"skipped {self.skipped}, merged {self.merged} duplicates"
        )

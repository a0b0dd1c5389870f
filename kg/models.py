"""Typed records that cross the boundaries between pipeline stages.

ingest -> ``Paper`` -> extract -> ``PaperExtraction`` (``Finding`` + ``Mention``)
-> resolve -> ``Entity`` + ``Relation`` -> graph.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from kg.schema import EntityLabel, NodeLabel, RelType, Role

__all__ = [
    "DatasetEntity",
    "DatasetFinding",
    "Entity",
    "EntityLabel",
    "Finding",
    "GivenEntity",
    "IngestReport",
    "Mention",
    "MethodEntity",
    "MethodFinding",
    "MetricEntity",
    "MetricFinding",
    "NodeLabel",
    "Paper",
    "PaperExtraction",
    "Problem",
    "RelType",
    "Relation",
    "RepositoryEntity",
    "RepositoryFinding",
    "ResultEntity",
    "ResultFinding",
    "Role",
    "SourceRef",
    "TaskEntity",
    "TaskFinding",
    "paper_text",
]


class SourceRef(BaseModel):
    """Where a record was read: file (or ``-`` for stdin) and 1-based line."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int


class GivenEntity(BaseModel):
    """An entity the source of a paper states (a curated method, a code link), not found in its
    text; extraction turns it into a finding with rule ``source``.

    ``name`` (and ``aliases``) for methods and datasets, ``url`` for repositories;
    ``is_official`` and ``framework`` only for code links that state them.
    """

    model_config = ConfigDict(frozen=True)

    label: EntityLabel
    source: str = Field(description="the input format that states it, e.g. 'pwc'")
    name: str = ""
    aliases: tuple[str, ...] = ()
    url: str | None = None
    is_official: bool | None = None
    framework: str | None = None


class Paper(BaseModel):
    """One paper as read from an input, before any extraction.

    ``given`` is not a graph property: it becomes findings (and so relations) instead.
    """

    id: str
    title: str = ""
    abstract: str = ""
    authors: list[str] = Field(default_factory=list)
    year: int | None = None
    date: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    url: str | None = None
    categories: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    given: list[GivenEntity] = Field(default_factory=list, exclude=True)

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


class _FindingBase(BaseModel):
    """What every finding holds: identity, evidence and how sure the rule is.

    ``RECORD_FIELDS`` are the label's own fields, in the order the ``kg extract`` record
    shows them before the common ones.
    """

    RECORD_FIELDS: ClassVar[tuple[str, ...]] = ()

    key: str = Field(description="normalised key that identifies the entity across papers")
    aliases: list[str] = Field(default_factory=list)
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str
    evidence: str
    mentions: list[Mention] = Field(default_factory=list)
    decided_by: dict[str, str] = Field(
        default_factory=dict,
        exclude=True,
        description="which rule decided the type and which the role (shown by --explain)",
    )


class MethodFinding(_FindingBase):
    """A method one paper proposes or uses."""

    RECORD_FIELDS: ClassVar[tuple[str, ...]] = ("name", "role", "generic")

    label: Literal["Method"] = "Method"
    name: str = Field(description="display name as the paper writes it")
    role: Role = "used"
    generic: bool = Field(default=False, description="a family such as CNN")

    @property
    def display(self) -> str:
        return self.name


class DatasetFinding(_FindingBase):
    """A dataset one paper evaluates on (or releases: ``introduced``)."""

    RECORD_FIELDS: ClassVar[tuple[str, ...]] = ("name", "introduced")

    label: Literal["Dataset"] = "Dataset"
    name: str = Field(description="display name as the paper writes it")
    role: Literal["used"] = "used"
    introduced: bool = Field(default=False, description="released by the paper")

    @property
    def display(self) -> str:
        return self.name


class RepositoryFinding(_FindingBase):
    """A code or project link of one paper; ``root`` is the repository it belongs to."""

    RECORD_FIELDS: ClassVar[tuple[str, ...]] = ("url", "root", "host", "owner", "name")

    label: Literal["Repository"] = "Repository"
    role: Literal["used"] = "used"
    url: str = Field(description="the link as the paper cites it, cleaned of markup")
    root: str = Field(description="the repository root (code hosts) or the cleaned page URL")
    host: str
    owner: str | None = None
    name: str | None = Field(default=None, description="the repository's name on its host")
    is_official: bool | None = Field(default=None, description="as a source states it")
    framework: str | None = Field(default=None, description="as a source states it")

    @property
    def display(self) -> str:
        return self.root


class TaskFinding(_FindingBase):
    """A task one paper addresses (object detection, machine translation)."""

    RECORD_FIELDS: ClassVar[tuple[str, ...]] = ("name",)

    label: Literal["Task"] = "Task"
    name: str = Field(description="display name as the paper writes it")
    role: Literal["used"] = "used"

    @property
    def display(self) -> str:
        return self.name


class MetricFinding(_FindingBase):
    """A metric one paper measures by (top-1 accuracy, BLEU); the key is the canonical
    metric's, so variants (ROC AUC, AUROC) meet in one entity."""

    RECORD_FIELDS: ClassVar[tuple[str, ...]] = ("name", "lower_is_better")

    label: Literal["Metric"] = "Metric"
    name: str = Field(description="display name as the paper writes it")
    role: Literal["used"] = "used"
    lower_is_better: bool = Field(
        default=False, description="its best value is the lowest (error rates, perplexity)"
    )

    @property
    def display(self) -> str:
        return self.name


Finding = Annotated[
    MethodFinding | DatasetFinding | RepositoryFinding | TaskFinding | MetricFinding,
    Field(discriminator="label"),
]
"""One entity found in one paper, with all its mentions; the ``label`` says which kind."""


class ResultFinding(BaseModel):
    """A result one sentence of a paper states: a value of a metric on a dataset (and, when
    the same sentence says so, for a task and of a method). ``delta``: an improvement
    ("improves mAP by 2.1 points"), not an absolute value. The ``*_key`` fields are the keys
    of the paper's findings the result points at."""

    RECORD_FIELDS: ClassVar[tuple[str, ...]] = (
        "value",
        "unit",
        "delta",
        "metric",
        "dataset",
        "task",
        "method",
        "evidence",
    )

    value: float
    unit: str = Field(default="", description="'%', 'points' or '' (a plain number)")
    delta: bool = False
    metric: str = Field(description="the metric's name as the finding shows it")
    metric_key: str
    dataset: str
    dataset_key: str
    task: str | None = None
    task_key: str | None = None
    method: str | None = None
    method_key: str | None = None
    evidence: str = Field(description="the sentence that states the result")
    rule: str = "result_sentence"
    confidence: float = Field(default=0.7, ge=0.0, le=1.0)


class PaperExtraction(BaseModel):
    """Everything extracted from one paper."""

    paper: Paper
    findings: list[Finding] = Field(default_factory=list)
    results: list[ResultFinding] = Field(default_factory=list)

    def of(self, label: EntityLabel) -> list[Finding]:
        return [f for f in self.findings if f.label == label]


class MethodEntity(BaseModel):
    """A Method node: one per canonical key across the corpus."""

    label: Literal["Method"] = "Method"
    id: str = Field(description="stable id within its label, e.g. 'resnet50'")
    name: str
    aliases: list[str] = Field(default_factory=list)
    generic: bool = False


class DatasetEntity(BaseModel):
    """A Dataset node."""

    label: Literal["Dataset"] = "Dataset"
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)


class RepositoryEntity(BaseModel):
    """A Repository node: ``url`` is the repository root."""

    label: Literal["Repository"] = "Repository"
    id: str
    url: str
    host: str
    owner: str | None = None
    name: str | None = None


class TaskEntity(BaseModel):
    """A Task node."""

    label: Literal["Task"] = "Task"
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)


class MetricEntity(BaseModel):
    """A Metric node: one per canonical metric."""

    label: Literal["Metric"] = "Metric"
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    lower_is_better: bool = False


class ResultEntity(BaseModel):
    """A Result node: one stated value (``id``: the paper's id and the result's number)."""

    label: Literal["Result"] = "Result"
    id: str
    value: float
    unit: str = ""
    delta: bool = False
    evidence: str = ""


Entity = Annotated[
    MethodEntity | DatasetEntity | RepositoryEntity | TaskEntity | MetricEntity | ResultEntity,
    Field(discriminator="label"),
]
"""A node found by extraction, after resolution across the corpus."""

AnyEntity = (
    MethodEntity | DatasetEntity | RepositoryEntity | TaskEntity | MetricEntity | ResultEntity
)


def entity_properties(entity: AnyEntity) -> dict[str, Any]:
    """The node properties of an entity: its fields (the schema's properties), unset ones left
    out."""
    return entity.model_dump(exclude={"label"}, exclude_none=True)


class Relation(BaseModel):
    """A typed, evidenced edge from a paper to an entity."""

    type: RelType
    source: str = Field(description="paper id (or result id, from a Result)")
    target_label: EntityLabel | Literal["Result"]
    target: str = Field(description="entity id")
    source_label: Literal["Paper", "Result"] = "Paper"
    evidence: str
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str = ""
    introduced: bool | None = Field(default=None, description="EVALUATES_ON only")
    is_official: bool | None = Field(default=None, description="HAS_CODE only, from a source")
    framework: str | None = Field(default=None, description="HAS_CODE only, from a source")


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
    filtered: int = Field(default=0, description="records left out by --category or --since")
    without_abstract: int = Field(default=0, description="papers built with no abstract")
    titles_from_abstract: int = Field(
        default=0,
        description="records with no title whose abstract opened with one, run into its text",
    )
    unjoined: int = Field(
        default=0, description="abstracts or code links whose paper was not among the inputs"
    )
    recognised: dict[str, str] = Field(
        default_factory=dict, description="file -> source format recognised from its content"
    )
    problems: list[Problem] = Field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"read {self.read} records from {self.files} file(s): built {self.built} papers, "
            f"skipped {self.skipped}, merged {self.merged} duplicates"
        )
        extras = [
            (self.filtered, f"filtered out {self.filtered} by --category/--since"),
            (self.without_abstract, f"{self.without_abstract} papers without an abstract"),
            (
                self.titles_from_abstract,
                f"{self.titles_from_abstract} titles read from the start of their abstract",
            ),
            (self.unjoined, f"{self.unjoined} abstracts or code links matched no paper"),
        ]
        text += "".join(f", {words}" for count, words in extras if count)
        if self.recognised:
            found = "; ".join(f"{file} as {fmt}" for file, fmt in self.recognised.items())
            text += f" (recognised {found})"
        return text

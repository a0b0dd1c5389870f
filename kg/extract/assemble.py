"""From candidates to findings: label, group by canonical key, pick names, roles, evidence.

Runs after the spaCy pipeline, on one paper's :class:`~kg.extract.hints.PaperHints` only.
``table_sightings`` gives the names that strong cues proved in a paper, for the corpus
:class:`~kg.extract.table.NameTable`, so that weak hints elsewhere (the same name, capitalised
or name-shaped) count as findings too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from kg.extract.candidates import MEDIUM, ROW_STRENGTH, SHAPE, STRONG, WEAK, Candidate, lexicon
from kg.extract.canonical import canonical_key
from kg.extract.gazetteer import Gazetteer, GazetteerEntry
from kg.extract.hints import PaperHints
from kg.extract.metrics import metric_lexicon
from kg.extract.sentences import sentence_index, sentence_text
from kg.extract.table import CorpusNames, NameTable
from kg.models import (
    DatasetFinding,
    Finding,
    MethodFinding,
    MetricFinding,
    RepositoryFinding,
    TaskFinding,
)
from kg.schema import EntityLabel

CONFIDENCE = {STRONG: 0.9, MEDIUM: 0.75, SHAPE: 0.55, WEAK: 0.4}
KNOWN_CONFIDENCE = 0.85
CONFIDENCE_OF_CORPUS_NAME = 0.65
MAX_ALIASES = 8


@dataclass(slots=True)
class _Paper:
    """One paper's text and the facts of its hints that the findings step reads."""

    text: str
    suppressed: frozenset[str]
    sentence_starts: list[int]
    title_end: int
    # sentence index -> its text: every mention and finding of a sentence shares one string
    sentences: dict[int, str] = field(default_factory=dict)

    def sentence(self, offset: int) -> str:
        """The sentence holding ``offset``, cut once per sentence and paper."""
        index = sentence_index(self.sentence_starts, offset)
        found = self.sentences.get(index)
        if found is None:
            found = self.sentences[index] = sentence_text(self.text, self.sentence_starts, index)
        return found


@lru_cache(maxsize=200_000)
def neutral_key(surface: str) -> str:
    """A label-free key, to match surfaces before their label is known."""
    return canonical_key("", surface)


MEASURE_LABELS = frozenset({"Task", "Metric"})  # what a paper works on and measures by
SUBJECT_LABELS = frozenset({"Repository", *MEASURE_LABELS})  # found by their own rules


def _not_a_name(candidate: Candidate, suppressed: frozenset[str] | tuple[str, ...]) -> bool:
    if candidate.known or candidate.label in SUBJECT_LABELS:
        return False
    return candidate.text in suppressed or _not_a_name_text(candidate.text)


@lru_cache(maxsize=200_000)
def _not_a_name_text(text: str) -> bool:
    """The part of ``_not_a_name`` that depends on the surface alone, worked out once."""
    lex = lexicon()
    nonentities = lex["nonentity_names"]
    if text in nonentities:
        return True
    head, hyphen, rest = text.partition("-")
    if hyphen and head in nonentities and rest.islower():
        return True  # "KL-divergences", "AI-generated", "GPU-hours": a kind of the non-name
    if _INNER_JUNK.intersection(text) or not text[:1].isalnum():
        return True
    words = text.lower().split()
    if (
        len(words) == 1
        and not text.isupper()
        and (
            words[0] in lex["skip_before_name"]
            or words[0] in lex["function_words"]  # "Datasets: We curate ..."
            or words[0] in lex["dataset_heads"]
            or words[0] in lex["method_heads"]
            or words[0] in lex["nonentity_heads"]
        )
    ):
        return True
    return len(text) < 2


def table_sightings(hints: PaperHints, gazetteer: Gazetteer) -> Iterator[tuple[str, EntityLabel]]:
    """(neutral key, label) of every new name (no gazetteer entry) a strong cue found."""
    for row in hints.candidates:
        if row[ROW_STRENGTH] < STRONG:  # most candidates: decided without making one
            continue
        candidate = Candidate.from_row(row)
        if candidate.label in SUBJECT_LABELS or candidate.known:
            continue
        if _not_a_name(candidate, hints.suppressed):
            continue
        if gazetteer.lookup(candidate.text) is not None:
            continue
        yield neutral_key(candidate.text), candidate.label or "Method"


def name_table(all_hints: Iterable[PaperHints], gazetteer: Gazetteer) -> NameTable:
    """The corpus name table of the papers whose hints are given."""
    table = NameTable()
    for hints in all_hints:
        table.add_all(table_sightings(hints, gazetteer))
    return table


class _Groups:
    """Union-find over candidate indexes (acronym pairs join two surface groups)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        self.parent[self.find(first)] = self.find(second)


_JOINT = re.compile(r"\s+(?:and|or|&|on)\s+")
_JOINT_BEFORE = re.compile(r"\s+(?:and|or|&|on)\s+$")


def _split_at_known(candidates: list[Candidate]) -> list[Candidate]:
    """ "Osprey Treebank and Gullset" or "TernNet on Osprey Treebank" read as one name by a
    cue is two when a known name inside the span meets the rest at "and", "or" or "on": the
    known part stands alone, the rest becomes names of their own found by the same cue. The
    long form of an acronym stays whole ("Sparse Attention on Memory Networks (SAMN)")."""
    candidates = [part for c in candidates for part in _repeated_lead_parts(c)]
    known = [c for c in candidates if c.known]
    if not known:
        return candidates
    out: list[Candidate] = []
    for candidate in candidates:
        out.extend(_parts_beside_known(candidate, known))
    return out


def _parts_beside_known(candidate: Candidate, known: list[Candidate]) -> list[Candidate]:
    if not candidate.known and _CAPITAL_PAIR.fullmatch(candidate.text):
        return _capital_pair_parts(candidate, known)
    if candidate.known or candidate.partner or not _JOINT.search(candidate.text):
        return [candidate]
    start, end, text = candidate.start, candidate.end, candidate.text
    for k in known:
        if not (start <= k.start and k.end <= end) or (k.start, k.end) == (start, end):
            continue
        before = _JOINT_BEFORE.search(text, 0, k.start - start) if k.start > start else None
        after = _JOINT.match(text, k.end - start) if k.end < end else None
        if (k.start > start and before is None) or (k.end < end and after is None):
            continue  # the known name is glued into a longer one ("Osprey Treebank-2")
        parts = []
        if before is not None:
            label = _coordinated_label(before.group(), candidate, k)
            parts.append(_part(candidate, start, start + before.start(), label))
        if after is not None:
            label = _coordinated_label(after.group(), candidate, k)
            parts.append(_part(candidate, start + after.end(), end, label))
        return [p for part in parts for p in _parts_beside_known(part, known)]
    return [candidate]


_CAPITAL_PAIR = re.compile(r"[A-Z][A-Z0-9]{2,} [A-Z][A-Z0-9]{2,}")
# "Split Gull-10 and Split Gull-100": one capitalised word leads both sides of "and" / "or"
_REPEATED_LEAD = re.compile(r"([A-Z][\w-]*) \S.*? (?:and|or|&) \1 \S.*")


def _repeated_lead_parts(candidate: Candidate) -> list[Candidate]:
    """Two names that share their first word, coordinated ("Rotated Gull and Rotated Tern"),
    are two names of the span's kind (a name of its own repeats no word around "and")."""
    text = candidate.text
    match = _REPEATED_LEAD.fullmatch(text)
    if candidate.known or candidate.partner or match is None:
        return [candidate]
    lead = re.escape(match.group(1))
    joint = re.search(rf" (?:and|or|&) (?={lead} )", text)
    assert joint is not None  # the pattern matched one
    typed = (candidate.label, candidate.typed_by)
    first = _part(candidate, candidate.start, candidate.start + joint.start(), typed)
    rest = _part(candidate, candidate.start + joint.end(), candidate.end, typed)
    return [first, *_repeated_lead_parts(rest)]


def _capital_pair_parts(candidate: Candidate, known: list[Candidate]) -> list[Candidate]:
    """Two capital words joined as one name ("GULL HALL") are two again when the gazetteer
    knows either ("CNN RNN")."""
    if not any(candidate.start <= k.start and k.end <= candidate.end for k in known):
        return [candidate]
    space = candidate.text.index(" ")
    typed = (candidate.label, candidate.typed_by)
    return [
        _part(candidate, candidate.start, candidate.start + space, typed),
        _part(candidate, candidate.start + space + 1, candidate.end, typed),
    ]


def _coordinated_label(
    joint: str, candidate: Candidate, known: Candidate
) -> tuple[EntityLabel | None, str | None]:
    """A part coordinated with the known name ("and", "or") is of its kind; the name before
    "on" keeps what the cue said. Also the rule to show for the type."""
    if joint.strip() == "on" or known.label == candidate.label:
        return candidate.label, candidate.typed_by
    return known.label, f"coordinated_with:{known.rule}"


def _part(
    candidate: Candidate, start: int, end: int, typed: tuple[EntityLabel | None, str | None]
) -> Candidate:
    offset = start - candidate.start
    text = candidate.text[offset : offset + end - start]
    return replace(
        candidate,
        label=typed[0],
        typed_by=typed[1],
        start=start,
        end=end,
        text=text,
        name=None,
        written=None,
        partner=None,
    )


def _drop_nested(candidates: list[Candidate]) -> list[Candidate]:
    """A candidate inside a longer, at least as strong one is part of that name, and so is
    a fragment of a longer name the gazetteer knows, however it was found: a cue word that
    belongs to a known name ("treebank" in "Penn Treebank") reads a fragment of it."""
    ordered = sorted(candidates, key=lambda c: (c.start, -(c.end - c.start), -c.strength))
    kept: list[Candidate] = []
    for candidate in ordered:
        start, end = candidate.start, candidate.end
        strength = max(candidate.strength, SHAPE)
        for k in kept[-6:]:
            inside = k.start <= start and end <= k.end and k.end - k.start > end - start
            if inside and (k.strength >= strength or (k.known and not candidate.known)):
                break
        else:
            kept.append(candidate)
    return kept


_YEAR_SUFFIX = re.compile(
    r"([A-Z][A-Za-z]{0,6}[A-Z][a-z]?)(?:[-_ ]?(?:19[89]\d|20[0-4]\d)|['’]\d\d)$"
)
_FAMILY_SUFFIX = re.compile(r"[-_ ]?(?:\d+[A-Za-z]?|[A-Z][a-z]+|HR|LR)$")


@cache
def _dataset_endings() -> tuple[str, ...]:
    return tuple(lexicon()["dataset_name_endings"])


def _guess_dataset(candidate: Candidate, gazetteer: Gazetteer) -> None:
    """Unlabelled names that look like datasets: a known dataset's variant (Quokka-64)
    or a dataset-like ending (Tern-Bench, ChartVQA). Such a shape says as much as a cue."""
    lowered = candidate.text.lower()
    candidate.typed_by = "dataset_shape"
    if lowered.endswith(_dataset_endings()) and len(lowered) > 4:
        candidate.label = "Dataset"
        candidate.strength = max(candidate.strength, MEDIUM)
        return
    year = _YEAR_SUFFIX.match(candidate.text)  # shared tasks, releases: Heron-2012, GULL'07
    if year and year.group(1) not in lexicon()["nonentity_names"]:  # not venues (ACL2017)
        candidate.label = "Dataset"
        candidate.strength = max(candidate.strength, MEDIUM)
        return
    family = _FAMILY_SUFFIX.sub("", candidate.text)
    if family and family != candidate.text:
        entry = gazetteer.lookup(family)
        if entry is not None and entry.label == "Dataset":
            candidate.label = "Dataset"
            candidate.strength = max(candidate.strength, MEDIUM)
            return
    candidate.typed_by = None


def _apply_gazetteer(candidate: Candidate, gazetteer: Gazetteer) -> None:
    entry: GazetteerEntry | None = None
    if candidate.label in ("Method", "Dataset"):
        entry = gazetteer.find(candidate.label, candidate.text)
    if entry is None:
        entry = gazetteer.lookup(candidate.text)
    if entry is not None:
        candidate.label = entry.label
        candidate.typed_by = f"gazetteer:{entry.name}"
        candidate.name = entry.name
        candidate.generic = entry.generic
        candidate.known = True
    elif candidate.label is None:
        _guess_dataset(candidate, gazetteer)


def build_findings(
    text: str,
    hints: PaperHints,
    gazetteer: Gazetteer,
    corpus: CorpusNames,
    emit_generic: bool = False,
) -> list[Finding]:
    """One finding per distinct entity of one paper."""
    paper = _Paper(text, frozenset(hints.suppressed), list(hints.sentence_starts), hints.title_end)
    candidates = hints.candidate_objects()
    for candidate in candidates:
        _tidy(candidate)
    candidates = [c for c in candidates if not _not_a_name(c, paper.suppressed)]
    repositories = [c for c in candidates if c.label == "Repository"]
    measures = [c for c in candidates if c.label in MEASURE_LABELS]
    names = [c for c in candidates if c.label not in SUBJECT_LABELS]
    names = _useful_hints(names, corpus)
    for candidate in names:
        if not candidate.known:
            _apply_gazetteer(candidate, gazetteer)
        if candidate.label is not None and candidate.typed_by is None:
            candidate.typed_by = candidate.rule
    names = _outside_measures(names, measures)
    names = _drop_nested(_split_at_known(names))
    _settle_labels(names, corpus)
    findings = _group_names(paper, names, emit_generic)
    findings = _title_phrase_only_if_alone(findings)
    findings += _group_repositories(paper, repositories)
    findings += _group_measures(paper, measures)
    return findings


def _outside_measures(names: list[Candidate], measures: list[Candidate]) -> list[Candidate]:
    """Names no gazetteer knows that lie inside a task or metric phrase are part of it
    ("Shadow Removal", "PSNR"), not methods or datasets; a strong cue still names
    a method or dataset inside a task phrase ("our Kelp Alignment dataset")."""
    if not measures:
        return names
    spans = sorted((m.start, m.end, m.label == "Metric") for m in measures)
    kept = []
    for candidate in names:
        inside = any(
            s <= candidate.start and candidate.end <= e and (metric or candidate.strength < STRONG)
            for s, e, metric in spans
        )
        if not inside or candidate.known:
            kept.append(candidate)
    return _tasks_not_datasets(kept, spans)


def _tasks_not_datasets(
    names: list[Candidate], spans: list[tuple[int, int, bool]]
) -> list[Candidate]:
    """A dataset's long form written in lower case, ending in a task phrase, names the task
    the dataset is named after ("tested on recognizing bird calls (RBC)"): dataset names are
    capitalised. Its acronym right after it, in brackets, names the task too."""
    task_ends = {e for _, e, metric in spans if not metric}
    dropped = [
        c
        for c in names
        if c.known and c.label == "Dataset" and c.end in task_ends and _lower_phrase(c.text)
    ]
    if not dropped:
        return names
    bracketed = {c.end + 2 for c in dropped}  # "long form (ACR)": where the acronym starts
    return [
        c
        for c in names
        if c not in dropped
        and not (c.label == "Dataset" and c.start in bracketed and c.text.isupper())
    ]


def _lower_phrase(text: str) -> bool:
    return " " in text and text == text.lower()


def _group_measures(paper: _Paper, measures: list[Candidate]) -> list[Finding]:
    """One finding per task and per metric (metrics by canonical name; acronym pairs join)."""
    groups: dict[tuple[EntityLabel, str], list[Candidate]] = defaultdict(list)
    by_surface: dict[tuple[str, str], tuple[EntityLabel, str]] = {}
    for candidate in sorted(measures, key=lambda c: c.start):
        label: EntityLabel = candidate.label or "Task"
        ident = (label, canonical_key(label, candidate.name or candidate.text))
        partner = candidate.partner and by_surface.get((label, candidate.partner))
        ident = partner or ident
        groups[ident].append(candidate)
        by_surface.setdefault((label, candidate.text), ident)
    findings: list[Finding] = []
    for (kind, key), group in groups.items():
        name, aliases, _ = _display_name(group, by_use=True)
        first = group[0]
        common = {
            "name": name,
            "key": key,
            "aliases": aliases,
            "confidence": CONFIDENCE[first.strength],
            "rule": first.rule,
            "evidence": paper.sentence(first.start),
            "mentions": _mentions(paper, group, name, aliases),
        }
        if kind == "Metric":
            lower = metric_lexicon().lower_is_better(first.name or first.text)
            findings.append(MetricFinding.model_validate({**common, "lower_is_better": lower}))
        else:
            findings.append(TaskFinding.model_validate(common))
    return findings


def _useful_hints(names: list[Candidate], corpus: CorpusNames) -> list[Candidate]:
    """Drop the weakest hints (capitalised words) that nothing else in the corpus names."""
    stronger = {neutral_key(c.text) for c in names if c.strength > WEAK or c.known}
    return [
        c
        for c in names
        if c.strength > WEAK or c.known or (key := neutral_key(c.text)) in stronger or key in corpus
    ]


_EDGE_JUNK = "\"'“”‘’`.,;:"
_INNER_JUNK = frozenset("{}()[]=<>")


_NEXT_SENTENCE = re.compile(r"(?<=[A-Za-z0-9]{2})\.[A-Z][a-z]+$")  # "ADE20K.Code"


def _tidy(candidate: Candidate) -> None:
    """Trim quotes and punctuation from the edges; a MEDIUM cue on a plain word is weak."""
    text = candidate.text
    stripped = text.lstrip(_EDGE_JUNK)
    candidate.start += len(text) - len(stripped)
    text = stripped.rstrip(_EDGE_JUNK)
    glued = _NEXT_SENTENCE.search(text)
    if glued and not candidate.known and glued[0][1:].lower() in lexicon()["sentence_openers"]:
        text = text[: glued.start()]  # "ADE20K.Code is ...": the next sentence, glued
    candidate.end = candidate.start + len(text)
    candidate.text = text
    if (
        candidate.strength == MEDIUM
        and candidate.rule.startswith("cue:")
        and candidate.rule not in _NAMING_CUES
        and " " not in text
        and not _SHAPED.search(text)
        and not _capitalised_compound(text)
        and not (candidate.label == "Dataset" and text[:1].isupper())
    ):
        candidate.strength = WEAK


def _capitalised_compound(text: str) -> bool:
    """A capitalised hyphen compound ("Self-Distill", "Meta-Dataset") is name-shaped."""
    parts = text.split("-")
    return len(parts) > 1 and all(p[:1].isupper() for p in parts if p)


_SHAPED = re.compile(r"[a-z][A-Z]|[A-Z]{2}|\d|\^")
# "our Quillformer": a capitalised word the paper calls its own is a name even without a shape
_NAMING_CUES = frozenset({"cue:our_name"})


def _title_phrase_only_if_alone(findings: list[Finding]) -> list[Finding]:
    """A title's noun phrase is the paper's method only when nothing else is proposed."""
    others = any(f.role == "proposed" and f.rule != "title_phrase" for f in findings)
    if not others:
        return findings
    return [f for f in findings if f.rule != "title_phrase"]


def _settle_labels(names: list[Candidate], corpus: CorpusNames) -> None:
    """One label per surface and paper: the strongest rule's, then the most votes.

    Unlabelled hints take it too, or the label the corpus gives the same surface; a
    definition ("Lookup over Shared Archives (LOSA)") is not outvoted by weaker hints
    ("archives (LOSA ...)").
    """
    votes: dict[str, dict[EntityLabel, tuple[int, int]]] = defaultdict(dict)
    for candidate in names:
        if candidate.label:
            by_label = votes[neutral_key(candidate.text)]
            strongest, total = by_label.get(candidate.label, (0, 0))
            by_label[candidate.label] = (
                max(strongest, candidate.strength),
                total + candidate.strength + 1,
            )
    for candidate in names:
        key = neutral_key(candidate.text)
        if not candidate.known and key in votes:
            label = max(votes[key].items(), key=lambda kv: kv[1])[0]
            if label != candidate.label:
                candidate.typed_by = "votes_in_paper"
            candidate.label = label
        corpus_label = corpus.label(key) if candidate.strength <= SHAPE else None
        if corpus_label is not None and not candidate.known:
            if candidate.label is None:
                candidate.typed_by = "corpus_votes"
            candidate.label = candidate.label or corpus_label
            candidate.strength = MEDIUM
            candidate.rule = "corpus_name"
        if candidate.label is None:
            candidate.label = "Method"
            candidate.typed_by = "default_method"


def _group_names(paper: _Paper, names: list[Candidate], emit_generic: bool) -> list[Finding]:
    groups = _Groups(len(names))
    first_by_key: dict[tuple[str, str], int] = {}
    for index, candidate in enumerate(names):
        key = (
            candidate.label or "Method",
            canonical_key(candidate.label or "Method", candidate.name or candidate.text),
        )
        if key in first_by_key:
            groups.union(index, first_by_key[key])
        else:
            first_by_key[key] = index
    for index, candidate in enumerate(names):
        if candidate.partner:
            label = candidate.label or "Method"
            other = first_by_key.get((label, canonical_key(label, candidate.partner)))
            if other is not None:
                groups.union(index, other)
    members: dict[int, list[Candidate]] = defaultdict(list)
    for index, candidate in enumerate(names):
        members[groups.find(index)].append(candidate)
    grouped = list(members.values())
    if not emit_generic:  # families shape labels and roles but are not reported
        grouped = [g for g in grouped if not any(c.generic for c in g)]
    findings = [_finding(paper, group) for group in grouped]
    return [f for f in findings if f is not None]


def _display_name(group: list[Candidate], by_use: bool = False) -> tuple[str, list[str], str]:
    """The name as this paper writes it, other forms as aliases, and the name for the key.

    A known entity is shown in the form the paper uses most ("VOC2012", "COCO"), its
    gazetteer name where that is one of the forms used most (a paper that defines a known
    acronym once, "the Long Form (LF)", is not telling which of the two it prefers); the
    gazetteer name comes first among the aliases and gives the key, so papers that write
    it differently still meet in one entity. ``by_use`` names every group so (tasks and
    metrics: the phrase the paper writes most, a metric's canonical name among the aliases).
    """
    known = [c.name for c in group if (c.known or by_use) and c.name]
    if known or by_use:
        written: dict[str, int] = {}
        for candidate in group:
            form = candidate.text if by_use else candidate.written
            if form:
                written[form] = written.get(form, 0) + 1
        # the most frequent form; among equals the known name, else the first written
        canonical = known[0] if known and not by_use else None
        name = (
            max(written.items(), key=lambda item: (item[1], item[0] == canonical))[0]
            if written
            else known[0]
        )
        aliases = [known[0]] if known and known[0] != name else []
        for candidate in group:
            for surface in (candidate.written or candidate.text, candidate.partner):
                if surface and surface != name and surface not in aliases:
                    aliases.append(surface)
        return name, aliases[:MAX_ALIASES], known[0] if known else name
    defined = [c for c in group if c.partner and c.strength >= MEDIUM]
    shortest = sorted(defined, key=lambda c: (len(c.text), c.start))
    strongest = sorted(group, key=lambda c: (-c.strength, c.start))
    name = (shortest or strongest)[0].text
    forms: list[str] = []
    for candidate in group:
        for surface in (candidate.text, candidate.partner):
            if surface and surface != name and surface not in forms:
                forms.append(surface)
    return name, forms[:MAX_ALIASES], name


def _finding(paper: _Paper, group: list[Candidate]) -> Finding | None:
    best = max(group, key=lambda c: (c.strength, c.known, -c.start))
    if best.rule == "title_phrase":  # a proposal in the abstract (its acronym) says more
        cued = [c for c in group if c.role == "proposed" and c.rule != "title_phrase"]
        best = cued[0] if cued else best
    label = best.label or "Method"
    known = any(c.known for c in group)
    if best.strength < MEDIUM and not known and (best.strength < SHAPE or label != "Method"):
        return None
    generic = any(c.generic for c in group)
    in_title = any(c.start < paper.title_end for c in group)
    name, aliases, key_name = _display_name(group)
    confidence = (
        KNOWN_CONFIDENCE if known and best.strength <= MEDIUM else CONFIDENCE[best.strength]
    )
    if best.rule == "corpus_name":
        confidence = CONFIDENCE_OF_CORPUS_NAME
    common = {
        "name": name,
        "key": canonical_key(label, key_name),
        "aliases": aliases,
        "confidence": confidence,
        "rule": best.rule,
        "evidence": paper.sentence(best.start),
        "mentions": _mentions(paper, group, name, aliases),
    }
    typed = best if best.label == label and best.typed_by else None
    typed = typed or next((c for c in group if c.label == label and c.typed_by), best)
    decided = {"type": typed.typed_by or typed.rule}
    if label == "Dataset":
        introducing = [c for c in group if c.introduced or c.role == "proposed"]
        decided["role"] = introducing[0].rule if introducing else "no_release_cue"
        return DatasetFinding.model_validate(
            {**common, "introduced": bool(introducing), "decided_by": decided}
        )
    proposing = [c for c in group if c.role == "proposed"]
    kept = [
        c
        for c in proposing
        if not (c.novel_only and known and not in_title) and not (generic and c.rule != "title")
    ]
    if kept:
        decided["role"] = kept[0].rule
    elif proposing:
        decided["role"] = "known_or_generic_name"  # the cue holds only for new names
    else:
        decided["role"] = "no_proposal_cue"
    return MethodFinding.model_validate(
        {
            **common,
            "role": "proposed" if kept else "used",
            "generic": generic,
            "decided_by": decided,
        }
    )


def _mentions(
    paper: _Paper, group: list[Candidate], name: str, aliases: list[str]
) -> list[dict[str, str | int]]:
    """Every occurrence: the candidates themselves and repeats of their surface forms, as
    ``Mention`` fields (validated with their finding in one call, which is cheaper)."""
    text = paper.text
    seen: dict[tuple[int, int], str] = {}
    for candidate in group:
        seen.setdefault((candidate.start, candidate.end), candidate.rule)
    for surface in sorted({name, *aliases}, key=lambda s: (-len(s), s)):  # longest first
        if len(surface) < 2:
            continue
        position = text.find(surface)
        while position >= 0:
            end = position + len(surface)
            before = text[position - 1] if position else " "
            after = text[end] if end < len(text) else " "
            if not before.isalnum() and not after.isalnum():
                for s, e in seen:
                    if s < end and position < e:
                        break  # overlaps a mention already kept
                else:
                    seen[(position, end)] = "repeat"
            position = text.find(surface, end)
    return [
        {
            "text": text[start:end],
            "start": start,
            "end": end,
            "sentence": paper.sentence(start),
            "rule": rule,
        }
        for (start, end), rule in sorted(seen.items())
    ]


def _group_repositories(paper: _Paper, repositories: list[Candidate]) -> list[Finding]:
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in repositories:
        if candidate.link is not None:
            by_key[candidate.link.key].append(candidate)
    findings: list[Finding] = []
    for key, group in by_key.items():
        link = group[0].link
        assert link is not None
        findings.append(
            RepositoryFinding.model_validate(
                {
                    "key": key,
                    "aliases": sorted({c.link.cited for c in group if c.link} - {link.url}),
                    "confidence": CONFIDENCE[STRONG],
                    "rule": "link",
                    "evidence": paper.sentence(group[0].start),
                    "mentions": _mentions(paper, group, "", []),
                    "url": link.cited,
                    "root": link.url,
                    "host": link.host,
                    "owner": link.owner,
                    "name": link.repo,
                }
            )
        )
    return findings

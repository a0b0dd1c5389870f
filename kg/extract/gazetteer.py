"""Gazetteers: known method and dataset names with their aliases, one JSON object a line.

``{"label": "Method", "name": "ResNet-50", "aliases": ["ResNet50"], "generic": false}``;
``"case_sensitive": true`` marks short names that are also words (CLIP, Adam) so that they
only match as written. The shipped files and ``--gazetteer FILE`` use the same format.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, PrivateAttr, ValidationError
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.errors import ConfigError
from kg.extract.batching import BatchComponent
from kg.extract.candidates import MEDIUM, Candidate, candidates_of
from kg.extract.canonical import canonical_key
from kg.extract.tokens import tokens_of
from kg.resources import GAZETTEER_DIR

GazetteerLabel = Literal["Method", "Dataset"]
_LABELS = get_args(GazetteerLabel)


class GazetteerEntry(BaseModel):
    """One line of a gazetteer file."""

    label: GazetteerLabel
    name: str
    aliases: list[str] = []
    generic: bool = False
    case_sensitive: bool = False
    _singulars: frozenset[str] | None = PrivateAttr(default=None)

    def surfaces(self) -> list[str]:
        return [self.name, *self.aliases]

    def singulars(self) -> frozenset[str]:
        """Lower-case surface forms (and their hyphen variants) that a plural "s" may follow."""
        if self._singulars is None:
            forms = (v.lower() for s in self.surfaces() for v in _variants(s, plural=False))
            self._singulars = frozenset(forms)
        return self._singulars


def read_gazetteer(path: Path) -> Iterator[GazetteerEntry]:
    """Entries of one file; a bad line stops with its file and line number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read gazetteer {path}: {exc.strerror}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{number}: not a gazetteer entry ({exc.msg})") from exc
        if isinstance(raw, dict) and raw.get("label") not in _LABELS:
            raise ConfigError(
                f"{path}:{number}: label must be one of {_LABELS}, not {raw.get('label')!r}"
            )
        try:
            yield GazetteerEntry.model_validate(raw)
        except ValidationError as exc:
            reason = exc.errors()[0]["msg"]
            raise ConfigError(f"{path}:{number}: not a gazetteer entry ({reason})") from exc


def shipped_gazetteers() -> list[Path]:
    """The gazetteer files shipped with the package."""
    return sorted(GAZETTEER_DIR.glob("*.jsonl")) if GAZETTEER_DIR.is_dir() else []


def _variants(surface: str, plural: bool = True) -> set[str]:
    """Spellings a paper may use for one surface form: plural, hyphen dropped or spaced."""
    forms = {surface, surface.replace("-", " "), surface.replace("-", "")}
    if plural and surface[-1:].isalpha() and not surface.endswith("s") and len(surface) > 2:
        forms |= {f + "s" for f in list(forms)}
    return {f for f in forms if f.strip()}


MAX_REMEMBERED = 200_000


@dataclass
class Gazetteer:
    """All entries, by canonical key of every surface form."""

    entries: list[GazetteerEntry] = field(default_factory=list)
    by_key: dict[tuple[str, str], GazetteerEntry] = field(default_factory=dict)
    # (label, key) -> full keys of the surfaces whose key dropped a trailing type word
    # ("Region Proposal Network"): only a surface that writes the word too may match them
    _full_keys: dict[tuple[str, str], set[str] | None] = field(
        default_factory=dict, repr=False, compare=False
    )
    # (label, key) of surfaces that match as written only (entries with ``case_sensitive``)
    _exact: dict[tuple[str, str], set[str]] = field(default_factory=dict, repr=False, compare=False)
    # answers of lookup() so far; the same surfaces come back in paper after paper
    as_named: frozenset[int] = frozenset()  # entries shown by their name, not as written
    _looked_up: dict[str, GazetteerEntry | None] = field(
        default_factory=dict, repr=False, compare=False
    )

    def add(self, entry: GazetteerEntry) -> None:
        self.entries.append(entry)
        self._looked_up.clear()
        for surface in entry.surfaces():
            ident = (entry.label, canonical_key(entry.label, surface))
            if self.by_key.setdefault(ident, entry) is not entry:
                continue
            full = canonical_key("", surface)
            if ident not in self._full_keys:
                self._full_keys[ident] = set()
            if full == ident[1]:
                self._full_keys[ident] = None  # the short form itself is a surface
            elif (known := self._full_keys[ident]) is not None:
                known.add(full)
            if entry.case_sensitive:
                forms = {v for s in entry.surfaces() for v in _variants(s)}
                self._exact.setdefault(ident, set()).update(forms)

    def find(self, label: str, surface: str) -> GazetteerEntry | None:
        """The entry of ``label`` that ``surface`` names: same key, written as a
        ``case_sensitive`` entry writes it, and not a shorter phrase of a long form."""
        ident = (label, canonical_key(label, surface))
        entry = self.by_key.get(ident)
        if entry is None:
            return None
        exact = self._exact.get(ident)
        if exact is not None and not any(form in surface for form in exact):
            return None
        full = self._full_keys.get(ident)
        if full is not None and canonical_key("", surface) not in full:
            return None
        return entry

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """The entry a surface form names (methods first), if any."""
        if surface in self._looked_up:
            return self._looked_up[surface]
        found = None
        for label in _LABELS:
            found = self.find(label, surface)
            if found is not None:
                break
        if len(self._looked_up) >= MAX_REMEMBERED:
            self._looked_up.clear()
        self._looked_up[surface] = found
        return found


def load_gazetteer(paths: Iterable[Path]) -> Gazetteer:
    gazetteer = Gazetteer()
    for path in paths:
        for entry in read_gazetteer(Path(path)):
            gazetteer.add(entry)
    return gazetteer


@Language.factory(
    "kg_gazetteer", default_config={"files": [], "shipped": True, "emit_generic": False}
)
def make_gazetteer_matcher(
    nlp: Language, name: str, files: list[str], shipped: bool, emit_generic: bool
) -> GazetteerMatcher:
    """``emit_generic``: report families (CNN, LSTM) as findings, not only use them as context."""
    gazetteer = load_gazetteer(shipped_gazetteers() if shipped else [])
    shipped_count = len(gazetteer.entries)
    for path in files:
        for entry in read_gazetteer(Path(path)):
            gazetteer.add(entry)
    # the user's own files name entities as the user wants them shown
    gazetteer.as_named = frozenset(range(shipped_count, len(gazetteer.entries)))
    matcher = GazetteerMatcher(nlp, gazetteer)
    matcher.emit_generic = emit_generic
    return matcher


@dataclass(frozen=True, slots=True)
class _Hit:
    """What a match of one entry adds to the candidates, worked out once per entry."""

    label: GazetteerLabel
    name: str
    generic: bool
    rule: str
    singulars: frozenset[str]
    as_named: bool = False  # shown by the entry's name (a user gazetteer), not as written


class GazetteerMatcher(BatchComponent):
    """Finds gazetteer names: case-insensitive, or as written for ``case_sensitive`` entries."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.emit_generic = False
        self.hits: dict[int, _Hit] = {}
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for index, entry in enumerate(gazetteer.entries):
            key = f"gazetteer:{index}"
            self.hits[nlp.vocab.strings.add(key)] = _Hit(  # by the id the matchers report
                entry.label,
                entry.name,
                entry.generic,
                f"gazetteer:{entry.name}",
                entry.singulars(),
                index in gazetteer.as_named,
            )
            forms = sorted({v for s in entry.surfaces() for v in _variants(s)})
            matcher = self.exact if entry.case_sensitive else self.lower
            matcher.add(key, [nlp.tokenizer(form) for form in forms])

    @staticmethod
    def _written(text: str, entry: GazetteerEntry) -> str:
        """The matched text, without the plural ending a variant added ("CNNs" -> "CNN")."""
        return _without_plural(text, entry.singulars())

    def __call__(self, doc: Doc) -> Doc:
        found = candidates_of(doc)
        matches = self.lower(doc) + self.exact(doc)
        if not matches:
            return doc
        tokens = tokens_of(doc)
        for match_id, start, end in matches:
            hit = self.hits[match_id]
            start_char, end_char = tokens.starts[start], tokens.ends[end - 1]
            text = tokens.text[start_char:end_char]
            found.append(
                Candidate(
                    start=start_char,
                    end=end_char,
                    text=text,
                    rule=hit.rule,
                    strength=MEDIUM,
                    label=hit.label,
                    generic=hit.generic,
                    known=True,
                    name=hit.name,
                    written=None if hit.as_named else _without_plural(text, hit.singulars),
                )
            )
        return doc


def _without_plural(text: str, singulars: frozenset[str]) -> str:
    if text[-1:] == "s" and text[:-1].lower() in singulars:
        return text[:-1]
    return text

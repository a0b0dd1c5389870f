"""Findings a paper's source states (Hugging Face code links, Papers with Code methods and code
links), kept apart from what extraction read in the text: their rule is ``source``, their
evidence names the source, their confidence is 1.0 and they have no mentions.

When extraction found the same entity (same label and key) in the text, the extracted finding
stays, with its rule, evidence and mentions, and the source's word is added to its evidence
(``…; also stated by the source (pwc)``) and, for a code link, its ``is_official`` and
``framework``: one relation per paper and entity, with both facts on it. A stated entity
extraction did not find is a finding of its own, so a user can compare the two by ``rule``.
"""

from __future__ import annotations

from kg.extract.canonical import canonical_key
from kg.extract.links import normalise_link
from kg.models import (
    DatasetFinding,
    Finding,
    GivenEntity,
    MethodFinding,
    Paper,
    RepositoryFinding,
)

RULE = "source"
CONFIDENCE = 1.0


def evidence_of(source: str) -> str:
    return f"stated by the source ({source})"


def given_finding(entity: GivenEntity) -> Finding | None:
    """The finding one stated entity stands for; None for a link that leads to no repository
    or page (a link to a paper, say) or a nameless method or dataset."""
    evidence = evidence_of(entity.source)
    if entity.label == "Repository":
        link = normalise_link(entity.url or "")
        if link is None:
            return None
        return RepositoryFinding(
            key=link.key,
            url=link.cited,
            root=link.url,
            host=link.host,
            owner=link.owner,
            name=link.repo,
            is_official=entity.is_official,
            framework=entity.framework,
            confidence=CONFIDENCE,
            rule=RULE,
            evidence=evidence,
        )
    if not entity.name:
        return None
    key = canonical_key(entity.label, entity.name)
    if not key:
        return None
    aliases = [a for a in entity.aliases if a != entity.name]
    model = DatasetFinding if entity.label == "Dataset" else MethodFinding
    return model(
        key=key,
        name=entity.name,
        aliases=aliases,
        confidence=CONFIDENCE,
        rule=RULE,
        evidence=evidence,
    )


def given_findings(paper: Paper) -> list[Finding]:
    """One finding per entity the paper's source states (the first of each key)."""
    found: dict[tuple[str, str], Finding] = {}
    for entity in paper.given:
        finding = given_finding(entity)
        if finding is not None:
            found.setdefault((finding.label, finding.key), finding)
    return list(found.values())


def with_given(findings: list[Finding], paper: Paper) -> list[Finding]:
    """The extracted findings with the stated ones added (see the module text for how a stated
    entity that extraction found too is shown); unchanged for a paper with none."""
    if not paper.given:
        return findings
    slots = {(f.label, f.key): i for i, f in enumerate(findings)}
    result = list(findings)
    for stated in given_findings(paper):
        slot = slots.get((stated.label, stated.key))
        if slot is None:
            result.append(stated)
            continue
        result[slot] = _confirmed(result[slot], stated)
    return result


def _confirmed(extracted: Finding, stated: Finding) -> Finding:
    also = stated.evidence.replace("stated by", "also stated by", 1)
    update: dict[str, object] = {"evidence": f"{extracted.evidence}; {also}"}
    if isinstance(extracted, RepositoryFinding) and isinstance(stated, RepositoryFinding):
        update["is_official"] = stated.is_official
        update["framework"] = stated.framework
    return extracted.model_copy(update=update)

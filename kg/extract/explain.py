"""Human-readable account of one paper's extraction: which rule found what, and where."""

from __future__ import annotations

from kg.models import DatasetFinding, Finding, MethodFinding, PaperExtraction

MAX_SHOWN_MENTIONS = 3


def _headline(finding: Finding) -> str:
    flags = []
    if finding.role == "proposed":
        flags.append("proposed")
    if isinstance(finding, MethodFinding) and finding.generic:
        flags.append("generic")
    if isinstance(finding, DatasetFinding) and finding.introduced:
        flags.append("introduced")
    extra = f" [{', '.join(flags)}]" if flags else ""
    aliases = f" (also: {', '.join(finding.aliases)})" if finding.aliases else ""
    decided = finding.decided_by
    role = f", role by {decided['role']}" if "role" in decided else ""
    why = f"\n    type by {decided.get('type', finding.rule)}{role}"
    return (
        f"  {finding.label} {finding.display!r}{extra}{aliases}\n"
        f"    rule {finding.rule}, confidence {finding.confidence:.2f}, key {finding.key}{why}"
    )


def explain(extraction: PaperExtraction) -> str:
    """Lines per finding: name, flags, rule, confidence, then mentions with offsets."""
    paper = extraction.paper
    lines = [f"{paper.id}: {paper.title or '(no title)'}"]
    if not extraction.findings:
        lines.append("  nothing found")
    for finding in extraction.findings:
        lines.append(_headline(finding))
        lines.append(f"    evidence: {finding.evidence}")
        for mention in finding.mentions[:MAX_SHOWN_MENTIONS]:
            lines.append(f"    at {mention.start}-{mention.end} {mention.text!r} by {mention.rule}")
        hidden = len(finding.mentions) - MAX_SHOWN_MENTIONS
        if hidden > 0:
            lines.append(f"    ... and {hidden} more mention(s)")
    return "\n".join(lines)

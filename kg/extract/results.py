"""Stated results: "reaches 84.3% top-1 accuracy on ImageNet", "improves mAP by 2.1 points".

A sentence that names a metric and a dataset of the paper's findings and holds a number
states a result: the number nearest a metric mention is its value. "by N", "+N" and "N points"
state an improvement (``delta``). The task and method are the ones the same sentence names;
nothing is carried across sentences.
"""

from __future__ import annotations

import re
from collections import defaultdict

from kg.extract.sentences import sentence_index
from kg.models import Finding, ResultFinding

_NUMBER = re.compile(
    r"(?<![\w.\-@])(\+)?(\d+(?:\.\d+)?)(?:\s*(%|percent|points?|pp)(?![\w]))?(?![\w])(?!\.\d)"
)
_BY = re.compile(r"\b(?:by|of up to|up to)\s*$", re.I)
_LABELS = ("Metric", "Dataset", "Task", "Method")


def stated_results(
    text: str, findings: list[Finding], sentence_starts: list[int]
) -> list[ResultFinding]:
    """The results the paper's sentences state about its own findings."""
    by_sentence: dict[int, dict[str, list[tuple[int, int, Finding]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for finding in findings:
        if finding.label not in _LABELS:
            continue
        for mention in finding.mentions:
            index = sentence_index(sentence_starts, mention.start)
            by_sentence[index][finding.label].append((mention.start, mention.end, finding))
    results: list[ResultFinding] = []
    for index in sorted(by_sentence):
        found = by_sentence[index]
        if not found["Metric"] or not found["Dataset"]:
            continue
        start = sentence_starts[index]
        end = sentence_starts[index + 1] if index + 1 < len(sentence_starts) else len(text)
        taken = [(s, e) for spans in found.values() for s, e, _ in spans]
        numbers = [
            m
            for m in _NUMBER.finditer(text, start, end)
            if not any(s <= m.start() < e for s, e in taken)
        ]
        if not numbers:
            continue
        seen: set[str] = set()
        for m_start, m_end, metric in sorted(found["Metric"], key=lambda x: x[0]):
            if metric.key in seen:
                continue
            number = min(numbers, key=lambda n: min(abs(n.start() - m_end), abs(m_start - n.end())))
            seen.add(metric.key)
            dataset = min(found["Dataset"], key=lambda d: abs(d[0] - number.start()))[2]
            task = found["Task"][0][2] if found["Task"] else None
            method = found["Method"][0][2] if found["Method"] else None
            unit = number.group(3) or ""
            unit = "%" if unit in ("%", "percent") else ("points" if unit else "")
            delta = (
                bool(number.group(1))
                or unit == "points"
                or bool(_BY.search(text, start, number.start()))
            )
            results.append(
                ResultFinding(
                    value=float(number.group(2)),
                    unit=unit,
                    delta=delta,
                    metric=metric.display,
                    metric_key=metric.key,
                    dataset=dataset.display,
                    dataset_key=dataset.key,
                    task=task.display if task else None,
                    task_key=task.key if task else None,
                    method=method.display if method else None,
                    method_key=method.key if method else None,
                    evidence=text[start:end].strip(),
                )
            )
    return results

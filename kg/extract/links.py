"""Code and project links: find them in text, strip markup leftovers, cut to the repository root.

Listing pages and LaTeX sources leave junk glued to links (``{URL}``, ``}.``, ``.git.``); a
link is cut at the first character that cannot belong to it, then trailing punctuation is
peeled off. Links to code hosts are reduced to ``host/owner/repo`` so that every page of a
repository names the same node; other project pages keep their path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from kg.resources import pattern_file


@dataclass(frozen=True)
class RepoLink:
    """A cleaned link and the repository (or project page) it points at."""

    cited: str  # the link as written, junk removed, with a scheme
    url: str  # repository root (code hosts) or the cleaned page URL
    key: str  # url without scheme, lower-cased where the host ignores case
    host: str
    owner: str | None = None
    repo: str | None = None


@dataclass(frozen=True)
class _LinkRules:
    finder: re.Pattern[str]
    trailing: str
    repository_hosts: dict[str, int]
    path_stops: frozenset[str]
    reserved: frozenset[str]
    not_code: frozenset[str]
    markers: tuple[str, ...]


@cache
def _rules() -> _LinkRules:
    data = pattern_file("links.json")
    schemeless = "|".join(re.escape(h) for h in data["schemeless_hosts"])
    finder = re.compile(
        rf"(?:{data['start']}|(?<![\w./@-])(?:{schemeless})/){data['body']}", re.IGNORECASE
    )
    return _LinkRules(
        finder=finder,
        trailing=data["trailing"],
        repository_hosts=dict(data["repository_hosts"]),
        path_stops=frozenset(data["repository_path_stops"]),
        reserved=frozenset(data["reserved_first_segments"]),
        not_code=frozenset(data["not_code_hosts"]),
        markers=(*data["start_markers"], *(f"{host}/" for host in data["schemeless_hosts"])),
    )


def _strip_trailing(link: str, trailing: str) -> str:
    previous = None
    while previous != link:
        previous = link
        link = link.rstrip(trailing)
        if link.lower().endswith(".git"):
            link = link[:-4]
    return link


def clean_link(raw: str) -> str | None:
    """The link inside ``raw`` without markup leftovers, with a scheme; None if nothing is left."""
    rules = _rules()
    found = rules.finder.search(raw)
    if found is None:
        return None
    link = re.sub(r"\s+", "", found.group(0))
    link = _strip_trailing(link, rules.trailing)
    if not re.match(r"https?://", link, re.IGNORECASE):
        link = "https://" + link
    host = urlsplit(link).hostname or ""
    if "." not in host:
        return None
    return link


def _repository_path(segments: list[str], depth: int, rules: _LinkRules) -> list[str]:
    """Owner and repository segments; ``depth`` 0 means nested groups up to a path stop."""
    kept: list[str] = []
    for segment in segments:
        if segment in rules.path_stops and kept:
            break
        kept.append(segment)
    return kept[:depth] if depth else kept


def normalise_link(raw: str) -> RepoLink | None:
    """Clean ``raw`` and describe what it points at; None for non-links and paper links."""
    rules = _rules()
    cited = clean_link(raw)
    if cited is None:
        return None
    parts = urlsplit(cited)
    cited_host = (parts.hostname or "").lower()
    host = cited_host.removeprefix("www.")
    if host in rules.not_code:
        return None
    segments = [s for s in parts.path.split("/") if s]
    depth = rules.repository_hosts.get(host)
    if depth is None:
        path = parts.path.rstrip("/")
        url = f"{parts.scheme.lower()}://{cited_host}{path}"
        return RepoLink(cited=cited, url=url, key=f"{host}{path}", host=host)
    if not segments or segments[0].lower() in rules.reserved:
        return None
    kept = _repository_path(segments, depth, rules)
    kept = [segment.rstrip(".") for segment in kept]
    kept[-1] = kept[-1].removesuffix(".git")
    path = "/".join(kept)
    owner = kept[0]
    repo = kept[-1] if len(kept) > 1 else None
    return RepoLink(
        cited=cited,
        url=f"https://{host}/{path}",
        key=f"{host}/{path}".lower(),
        host=host,
        owner=owner,
        repo=repo,
    )


def may_hold_link(text: str) -> bool:
    """False when ``text`` holds none of the strings every link starts with (``http``,
    ``www.`` or a scheme-less host such as ``huggingface.co/``): most abstracts have no link,
    and this test is much quicker than the link pattern's search."""
    lowered = text.lower()
    return any(marker in lowered for marker in _rules().markers)


def find_links(text: str) -> list[tuple[int, int, RepoLink]]:
    """Every code or project link in ``text`` with its character span (junk excluded)."""
    found: list[tuple[int, int, RepoLink]] = []
    if not may_hold_link(text):
        return found
    for match in _rules().finder.finditer(text):
        link = normalise_link(match.group(0))
        if link is None:
            continue
        start = match.start()
        cleaned_len = len(_strip_trailing(match.group(0), _rules().trailing))
        found.append((start, start + cleaned_len, link))
    return found

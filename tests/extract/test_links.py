"""Links: junk removal, repository roots, project pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.links import clean_link, find_links, normalise_link


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("code: https://github.com/acme/FooNet.", "https://github.com/acme/FooNet"),
        (
            "https://github.com/acme/FooNet{https://github.com/acme/FooNet}.",
            "https://github.com/acme/FooNet",
        ),
        ("https://github.com/acme/Bar2{B^2}.", "https://github.com/acme/Bar2"),
        ("https://github.com/acme/tool/{URL}.", "https://github.com/acme/tool"),
        ("https://github.com/acme/tool.git.", "https://github.com/acme/tool"),
        ("https://github.com/acme/tool}", "https://github.com/acme/tool"),
        ("see github.com/acme/tool;", "https://github.com/acme/tool"),
        ("https: // github.com/acme/tool", "https://github.com/acme/tool"),
        ("https://github.com/acme/tool/tree/main/src/x", "https://github.com/acme/tool"),
        ("https://gitee.com/org/models/tree/master/cv/X.", "https://gitee.com/org/models"),
        ("https://bitbucket.org/team/proj/src/main/", "https://bitbucket.org/team/proj"),
        ("https://gitlab.com/grp/sub/proj/-/blob/main/a.py", "https://gitlab.com/grp/sub/proj"),
    ],
)
def test_code_host_links_reduce_to_repository_root(text: str, url: str) -> None:
    assert {link.url for _, _, link in find_links(text)} == {url}


def test_organisation_page_keeps_owner_only() -> None:
    link = normalise_link("https://github.com/SomeLab}.")
    assert link is not None
    assert (link.url, link.owner, link.repo) == ("https://github.com/SomeLab", "SomeLab", None)


@pytest.mark.parametrize(
    ("text", "url", "host"),
    [
        ("at https://aka.ms/FastThing.", "https://aka.ms/FastThing", "aka.ms"),
        ("see https://lab.github.io/p/demo/", "https://lab.github.io/p/demo", "lab.github.io"),
        ("http://www.cs.uni.edu/~user/tool.", "http://www.cs.uni.edu/~user/tool", "cs.uni.edu"),
    ],
)
def test_project_pages_are_kept_with_their_host(text: str, url: str, host: str) -> None:
    """The page keeps the address as cited (www included); its host is named without www."""
    [(_, _, link)] = find_links(text)
    assert (link.url, link.host, link.owner) == (url, host, None)


def test_paper_links_are_not_code() -> None:
    assert find_links("See https://arxiv.org/abs/2101.00001 and https://doi.org/10.1/x.") == []


def test_cited_link_keeps_the_path_and_span_excludes_junk() -> None:
    text = "Code: https://gitee.com/org/models/tree/master/cv/X}."
    [(start, end, link)] = find_links(text)
    assert text[start:end] == "https://gitee.com/org/models/tree/master/cv/X"
    assert link.cited == "https://gitee.com/org/models/tree/master/cv/X"
    assert link.key == "gitee.com/org/models"


def test_text_without_links() -> None:
    assert find_links("We train on 3.5 million images, e.g. photos.") == []
    assert clean_link("no link here") is None


_segment = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,15}", fullmatch=True)
_path = st.sampled_from(["", "/", ".git", "/tree/main/a", "/blob/v1/x.py", "/issues"])
_junk = st.sampled_from([".", ",", ";", ")", "}", "]", "{URL}", "{https://x.y/z}", "'", '"'])


@given(owner=_segment, repo=_segment, path=_path, junk=st.lists(_junk, max_size=3))
def test_junk_after_a_repository_link_never_changes_its_root(
    owner: str, repo: str, path: str, junk: list[str]
) -> None:
    plain = normalise_link(f"https://github.com/{owner}/{repo}")
    noisy = normalise_link(f"https://github.com/{owner}/{repo}{path}" + "".join(junk))
    assert plain is not None and noisy is not None
    assert noisy.key == plain.key


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "see",
                " ",
                "HTTP://",
                "https: //",
                "WWW.",
                "Www.x.ai/t",
                "github.com/",
                "a/b",
                "HuggingFace.co/",
                "gitlab.com",
                ".",
                "http",
                "x.org/y",
                "\n",
                "{",
                "}",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_quick_link_test_never_hides_a_link(text: str) -> None:
    """The cheap test before the link pattern says no only where the pattern finds nothing."""
    from kg.extract.links import _rules, may_hold_link

    if _rules().finder.search(text):
        assert may_hold_link(text)

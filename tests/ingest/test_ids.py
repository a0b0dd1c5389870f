from kg.ingest import paper_id_for_title
from kg.ingest.ids import normalise_title, paper_id_for_abstract


def test_title_id_is_a_fixed_value() -> None:
    assert paper_id_for_title("Attention Is All You Need") == "t37f63852cdfb0690"


def test_title_id_ignores_case_punctuation_spacing_and_width() -> None:
    ids = {
        paper_id_for_title(t)
        for t in (
            "Attention Is All You Need",
            "  attention is ALL you need!! ",
            "Attention\tis all -- you need.",
            "Ａttention is all you need",
        )
    }
    assert ids == {"t37f63852cdfb0690"}


def test_different_titles_get_different_ids() -> None:
    assert paper_id_for_title("ResNet") != paper_id_for_title("ResNeXt")


def test_normalise_title_collapses_punctuation_and_whitespace() -> None:
    expected = "bt 2 backward compatible training"
    assert normalise_title("BT^2: Backward-compatible  Training") == expected


def test_abstract_ids_are_marked_apart_from_title_ids() -> None:
    assert paper_id_for_abstract("Same text").startswith("a")
    assert paper_id_for_abstract("Same text")[1:] == paper_id_for_title("Same text")[1:]

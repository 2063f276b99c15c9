"""The explanations' two languages: every sentence exists in both with the same parts, every
colour and kind of the taxonomy has a Korean name, and the explanations read in each."""

from __future__ import annotations

import string

import pytest

from core.vocabulary import COLOR_FAMILIES, SEASONS, STYLES
from enrich.taxonomy import MID_CLASS_NAMES
from graph.recommend.explain import explain_note, explain_occasion, explain_outfit
from graph.recommend.wearable import PairStep, WearableOutfit
from graph.recommend.wording import COLORS_KO, KINDS_KO, TEMPLATES, wording


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_sentence_has_both_languages_with_the_same_parts() -> None:
    assert set(TEMPLATES["en"]) == set(TEMPLATES["ko"])
    for key, english in TEMPLATES["en"].items():
        assert fields(english) == fields(TEMPLATES["ko"][key]), key


def test_every_colour_kind_style_and_season_has_a_korean_name() -> None:
    assert set(COLORS_KO) == set(COLOR_FAMILIES)
    assert set(KINDS_KO) == set(MID_CLASS_NAMES)
    ko = wording("ko")
    for name in [*STYLES.values(), *SEASONS.values()]:
        assert ko.label(name) != name


def test_explanations_read_in_each_language() -> None:
    path = [PairStep("shirt|navy", "slacks|beige", 3)]
    outfit = WearableOutfit((), path, 3)
    assert explain_outfit(outfit) == (
        "no real outfit has these pieces, but each pair is worn together: "
        "navy shirt with beige slacks in 3 outfits"
    )
    assert explain_outfit(outfit, wording("ko")) == (
        "이 조합 그대로인 실제 코디는 없지만 두 벌씩은 함께 입힘: "
        "네이비 셔츠·베이지 슬랙스 코디 3개"
    )
    assert explain_occasion("street", "winter", 1.83) == "suits street, winter (×1.8)"
    assert explain_occasion("street", None, 0.4, wording("ko")) == "스트릿에는 잘 입지 않음 (×0.4)"
    assert explain_note("missing", wording("ko"), categories="bottom") == (
        "아직 하의 아이템이 없음: 다음에 살 아이템을 확인하세요"
    )
    assert explain_note("no_outer", season="winter") == (
        "no outer of yours goes with these for winter: see the next piece"
    )


def test_counts_in_each_language() -> None:
    assert wording("en").count(1, "outfit") == "1 outfit"
    assert wording("en").count(2, "real outfit") == "2 real outfits"
    assert wording("ko").count(2, "real outfit") == "실제 코디 2개"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="en, ko"):
        wording("fr")
